/**
 * @module collectors/ssh-keys
 * SSH authorized keys of every local user with a home directory: type, SHA256 fingerprint (as
 * `ssh-keygen -l` prints it), comment and the options in front of the key (from=, command=).
 */
import { createHash } from 'node:crypto';
import { readText } from './read.ts';
import type { LocalUser } from './accounts.ts';

/** One authorized key. */
export interface AuthorizedKey {
  user: string;
  file: string;
  type: string;
  fingerprint: string;
  comment: string;
  options: string;
}

const KEY_TYPE = /^(ssh-(rsa|dss|ed25519)|ecdsa-sha2-nistp\d+|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)$/;

/** `SHA256:<base64 without padding>` of a key's base64 blob. */
export function fingerprint(blob: string): string {
  return `SHA256:${createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64').replace(/=+$/, '')}`;
}

/** The keys of one authorized_keys text. */
export function parseAuthorizedKeys(text: string, user: string, file: string): AuthorizedKey[] {
  const out: AuthorizedKey[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    // Options may hold quoted spaces: find the key type token instead of splitting blindly.
    const tokens = line.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
    const i = tokens.findIndex((t) => KEY_TYPE.test(t));
    if (i < 0 || !tokens[i + 1]) continue;
    out.push({ user, file, type: tokens[i]!, fingerprint: fingerprint(tokens[i + 1]!), comment: tokens.slice(i + 2).join(' '), options: tokens.slice(0, i).join(' ') });
  }
  return out;
}

/** Every user's authorized keys. */
export function collectSshKeys(root: string, users: readonly LocalUser[]): AuthorizedKey[] {
  const out: AuthorizedKey[] = [];
  const homes = new Set<string>();
  for (const u of users) {
    if (!u.home || u.home === '/' || u.home === '/nonexistent' || homes.has(`${u.name}:${u.home}`)) continue;
    homes.add(`${u.name}:${u.home}`);
    for (const f of ['authorized_keys', 'authorized_keys2']) {
      const file = `${u.home.replace(/\/$/, '')}/.ssh/${f}`;
      const text = readText(root, file);
      if (text) out.push(...parseAuthorizedKeys(text, u.name, file));
    }
  }
  return out;
}
