/**
 * @module config/secret-key
 * The shape of `secret_key` (`VIGIL_SECRET_KEY`): 32 bytes as 64 hex characters or as base64. Checked
 * at start-up (config/checks) and read by auth/secret-box; neither ever repeats the value.
 */

/** What `secret_key` must look like, for error messages. */
export const SECRET_KEY_FORMAT = '64 hexadecimal characters or the base64 of 32 bytes (e.g. the output of `openssl rand -hex 32`)';

/**
 * The 32 key bytes of a key text (64 hex characters, or base64/base64url of 32 bytes), or null when it
 * is neither.
 *
 * @example
 * parseSecretKey('00'.repeat(32))?.length; // 32
 */
export function parseSecretKey(text: string): Buffer | null {
  const v = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(v)) return null;
  const key = Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key.length === 32 ? key : null;
}
