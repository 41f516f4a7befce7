/**
 * @module credential
 * The host credential on disk: `<stateDir>/credential.json`, mode 0600, written atomically. The
 * enrollment token is never stored: after a revoke the agent holds nothing that could enroll again.
 */
import { existsSync, statSync } from 'node:fs';
import { readJson, writeJson } from './state-files.ts';
import { statePath } from './config.ts';

/** What the credential file holds. */
export interface StoredCredential {
  server: string;
  hostId: string;
  credential: string;
  enrolledAt: string;
  rotatedAt?: string;
}

/** The credential file's path. */
export function credentialPath(cfg: { stateDir: string }): string {
  return statePath(cfg, 'credential.json');
}

/** The stored credential, or null before enrollment. Refuses a file others can read. */
export function loadCredential(cfg: { stateDir: string }): StoredCredential | null {
  const p = credentialPath(cfg);
  if (!existsSync(p)) return null;
  if ((statSync(p).mode & 0o077) !== 0) throw new Error(`${p} is readable by other users (mode ${(statSync(p).mode & 0o777).toString(8)}); run: chmod 600 ${p}`);
  const c = readJson<StoredCredential | null>(p, null);
  if (!c?.credential || !c.server || !c.hostId) throw new Error(`${p} is not a credential file; enroll again with a new token`);
  return c;
}

/** Writes the credential (0600). */
export function saveCredential(cfg: { stateDir: string }, c: StoredCredential): void {
  writeJson(credentialPath(cfg), c, 0o600);
}
