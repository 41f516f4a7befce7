/**
 * @module agents/agent-secrets
 * The two secrets of the agent flow and their text forms: enrollment tokens `vgt_<id>_<secret>` and
 * host credentials `vga_<hostId>_<secret>`. Only the SHA-256 of a secret is stored (both are 256-bit
 * random, so a fast hash is enough; passwords are the low-entropy case that needs argon2).
 */
import { randomBytes } from 'node:crypto';
import { AGENT_CREDENTIAL_PREFIX, ENROLLMENT_TOKEN_PREFIX } from '@vigil/contracts';
import { randomToken } from '../auth/secrets.ts';

const TOKEN_RE = /^vgt_([0-9a-f]{24})_([A-Za-z0-9_-]{32,64})$/;
const CREDENTIAL_RE = /^vga_([0-9A-Za-z]{10,40})_([A-Za-z0-9_-]{32,64})$/;

/** A new token id (24 hex characters). */
export function newTokenId(): string {
  return randomBytes(12).toString('hex');
}

/** A new 256-bit secret (base64url). */
export function newSecret(): string {
  return randomToken(32);
}

/** The text of an enrollment token. */
export function tokenText(id: string, secret: string): string {
  return `${ENROLLMENT_TOKEN_PREFIX}${id}_${secret}`;
}

/** The text of a host credential. */
export function credentialText(hostId: string, secret: string): string {
  return `${AGENT_CREDENTIAL_PREFIX}${hostId}_${secret}`;
}

/** The id and secret of an enrollment token, or null when the text is not one. */
export function parseToken(text: string): { id: string; secret: string } | null {
  const m = TOKEN_RE.exec(text.trim());
  return m ? { id: m[1]!, secret: m[2]! } : null;
}

/** The host id and secret of a credential, or null when the text is not one. */
export function parseCredential(text: string): { hostId: string; secret: string } | null {
  const m = CREDENTIAL_RE.exec(text.trim());
  return m ? { hostId: m[1]!, secret: m[2]! } : null;
}
