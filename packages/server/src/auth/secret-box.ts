/**
 * @module auth/secret-box
 * Encryption at rest for secrets Vigil must read back (SNMP communities and v3 keys; later channel
 * secrets): AES-256-GCM under a 32-byte key kept in `<data dir>/secret.key` (mode 0600), created on
 * first use. Hashing (secrets.ts) is for secrets Vigil only compares; these it has to send or use.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VigilError } from '@vigil/contracts';

const PREFIX = 'v1:';

/** Seals and opens secrets with one key. */
export class SecretBox {
  constructor(private readonly key: Buffer) {
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

  /** The plain text of a sealed secret; a coded error when the key or the row does not match. */
  open(sealed: string, aad = ''): string {
    try {
      if (!sealed.startsWith(PREFIX)) throw new Error('unknown format');
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
      const d = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      d.setAAD(Buffer.from(aad));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    } catch {
      throw new VigilError('VIGIL_ERR_CONFIG', 'A stored secret cannot be decrypted: secret.key in the data directory is not the key it was sealed with.');
    }
  }

  /** A stable keyed digest (e.g. to derive an identifier that is stable per installation). */
  derive(label: string, bytes = 12): Buffer {
    return createHmac('sha256', this.key).update(label).digest().subarray(0, bytes);
  }
}

/** Loads `<dataDir>/secret.key`, creating it (0600) on first use. */
export function loadSecretBox(dataDir: string): SecretBox {
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
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new VigilError('VIGIL_ERR_CONFIG', `${file} does not hold a 32-byte base64 key.`);
  return new SecretBox(key);
}
