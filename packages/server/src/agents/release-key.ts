/**
 * @module agents/release-key
 * The server's release key: an Ed25519 key pair generated on first use into the data directory
 * (`agent-release-key.pem`, mode 0600), with which the server signs the agent bundle it serves. The
 * install script carries the public key and refuses a bundle whose signature does not verify.
 */
import { createPublicKey, generateKeyPairSync, createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A loaded release key. */
export interface ReleaseKey {
  /** The public key (PEM, SPKI), embedded in the install script. */
  publicKeyPem: string;
  /** Base64 Ed25519 signature of `data`. */
  sign(data: Buffer): string;
  path: string;
}

/** The file of the release key in a data directory. */
export function releaseKeyPath(dataDir: string): string {
  return join(dataDir, 'agent-release-key.pem');
}

/** Loads the release key, creating it (0600) when absent; a key file others can read is tightened to 0600. */
export function loadReleaseKey(dataDir: string): ReleaseKey {
  const path = releaseKeyPath(dataDir);
  let key: KeyObject;
  if (existsSync(path)) {
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    key = createPrivateKey(readFileSync(path, 'utf8'));
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${path} is not an Ed25519 private key`);
  } else {
    mkdirSync(dataDir, { recursive: true });
    const pair = generateKeyPairSync('ed25519');
    key = pair.privateKey;
    writeFileSync(path, key.export({ type: 'pkcs8', format: 'pem' }) as string, { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
  }
  const publicKeyPem = createPublicKey(key).export({ type: 'spki', format: 'pem' }) as string;
  return { publicKeyPem, path, sign: (data) => sign(null, data, key).toString('base64') };
}
