/**
 * @module auth/secret-box
 * Encryption at rest for secrets Vigil must read back (channel credentials, SNMP communities and v3
 * keys): AES-256-GCM under one 32-byte key, taken from `secret_key` (`VIGIL_SECRET_KEY`) when set,
 * else from `<data dir>/secret.key` (mode 0600, created on first use). Hashing (secrets.ts) is for
 * secrets Vigil only compares; these it has to send or use.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VigilError } from '@vigil/contracts';
import { parseSecretKey, SECRET_KEY_FORMAT } from '../config/secret-key.ts';

const PREFIX = 'v1:';

/** Seals and opens secrets with one key; `source` names where the key came from in error messages. */
export class SecretBox {
  constructor(private readonly key: Buffer, readonly source = 'the secret key') {
    if (key.length !== 32) throw new VigilError('VIGIL_ERR_CONFIG', 'The secret key must be 32 bytes.');
  }

  /** `v1:` + base64(iv | tag | ciphertext); `aad` binds the secret to its row so rows cannot be swapped. */
  seal(plain: string, aad = ''): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    c.setAAD(Buffer.from(aad));
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return PREFIX + Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64');
  }

  /** The plain text of a sealed secret; a coded error saying what to do when the key or the row does not match. */
  open(sealed: string, aad = ''): string {
    try {
      if (!sealed.startsWith(PREFIX)) throw new Error('unknown format');
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
      const d = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      d.setAAD(Buffer.from(aad));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    } catch {
      const what = aad ? `The stored secret of ${aad.replace(':', ' ')}` : 'A stored secret';
      throw new VigilError(
        'VIGIL_ERR_SECRET_KEY',
        `${what} cannot be decrypted with ${this.source}: it was sealed with another key (the key changed, or VIGIL_SECRET_KEY was set or unset since). ` +
          'Restore the key it was sealed with (set VIGIL_SECRET_KEY back, or put the old secret.key back in the data directory), or enter the secret again (PUT the channel or SNMP device with its secrets; delete and re-add an SNMP trap community or v3 user) so it is sealed with the current key.',
        { row: aad || null, keySource: this.source },
      );
    }
  }

  /** A stable keyed digest (e.g. to derive an identifier that is stable per installation). */
  derive(label: string, bytes = 12): Buffer {
    return createHmac('sha256', this.key).update(label).digest().subarray(0, bytes);
  }
}

/**
 * The installation's secret box: the key of `secret_key` (`VIGIL_SECRET_KEY`) when given, else
 * `<dataDir>/secret.key`, created (0600) on first use. A malformed key is a `VIGIL_ERR_CONFIG` naming
 * the expected format, never the value.
 */
export function loadSecretBox(dataDir: string, secretKey?: string): SecretBox {
  if (secretKey !== undefined && secretKey !== '') {
    const key = parseSecretKey(secretKey);
    if (!key) throw new VigilError('VIGIL_ERR_CONFIG', `secret_key (VIGIL_SECRET_KEY) is malformed: expected ${SECRET_KEY_FORMAT}.`, { key: 'secret_key' });
    return new SecretBox(key, 'the key of VIGIL_SECRET_KEY (secret_key)');
  }
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    try {
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process created it between the check and the write: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const key = parseSecretKey(readFileSync(file, 'utf8'));
  if (!key) throw new VigilError('VIGIL_ERR_CONFIG', `${file} does not hold a 32-byte key: expected ${SECRET_KEY_FORMAT}.`);
  return new SecretBox(key, file);
}
