/**
 * @module parsers/linux-auth
 * Semantic extraction for Linux authentication logs (sshd, sudo, su, PAM, unix_chkpwd, account
 * tools): which program decides the dataset, the message decides action and outcome.
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult, Parser } from '../types.ts';
import { parseSshdMessage } from './sshd.ts';
import { parseSudoMessage } from './sudo.ts';
import { parseSuMessage } from './su.ts';
import { parsePamMessage } from './pam.ts';
import { parseAccountMessage } from './accounts.ts';

export { parseSshdMessage } from './sshd.ts';
export { parseSudoMessage } from './sudo.ts';
export { parseSuMessage } from './su.ts';
export { parsePamMessage } from './pam.ts';

type Handler = (msg: string, f: Record<string, FieldValue>) => boolean;

const BY_PROGRAM = new Map<string, { dataset: string; handle: Handler }>([
  ['sshd', { dataset: 'sshd', handle: parseSshdMessage }],
  ['sshd-session', { dataset: 'sshd', handle: parseSshdMessage }],
  ['sshd-auth', { dataset: 'sshd', handle: parseSshdMessage }],
  ['sudo', { dataset: 'sudo', handle: parseSudoMessage }],
  ['su', { dataset: 'su', handle: parseSuMessage }],
  ['unix_chkpwd', { dataset: 'pam', handle: parsePamMessage }],
  ['useradd', { dataset: 'linux.accounts', handle: parseAccountMessage }],
  ['userdel', { dataset: 'linux.accounts', handle: parseAccountMessage }],
  ['usermod', { dataset: 'linux.accounts', handle: parseAccountMessage }],
  ['groupadd', { dataset: 'linux.accounts', handle: parseAccountMessage }],
  ['gpasswd', { dataset: 'linux.accounts', handle: parseAccountMessage }],
  ['groupdel', { dataset: 'linux.accounts', handle: parseAccountMessage }],
  ['passwd', { dataset: 'linux.accounts', handle: parseAccountMessage }],
  ['chpasswd', { dataset: 'linux.accounts', handle: parseAccountMessage }],
]);

function route(ctx: ParseContext | undefined, msg: string): { dataset: string; handle: Handler } | undefined {
  const app = ctx?.envelope?.appname;
  if (app === undefined) return undefined;
  const known = BY_PROGRAM.get(app);
  if (known) return known;
  // Old-style PAM tags (`sshd(pam_unix)`, `su(pam_unix)`) and PAM lines from any other program.
  if (app.endsWith('(pam_unix)') || msg.startsWith('pam_')) return { dataset: 'pam', handle: parsePamMessage };
  return undefined;
}

function parseLinuxAuth(line: string, ctx: ParseContext): ParseResult | null {
  const r = route(ctx, line);
  if (!r) return null;
  const fields: Record<string, FieldValue> = { 'event.dataset': r.dataset };
  r.handle(line, fields);
  if (r.dataset === 'pam') {
    const app = ctx.envelope?.appname ?? '';
    const paren = app.indexOf('(');
    if (fields['pam.service'] === undefined && paren > 0) fields['pam.service'] = app.slice(0, paren);
  }
  return { fields, parser: 'linux-auth', ok: true };
}

/** The Linux authentication parser (datasets `sshd`, `sudo`, `su`, `pam`, `linux.accounts`). */
export const linuxAuthParser: Parser = {
  name: 'linux-auth',
  priority: 50,
  datasets: ['sshd', 'sudo', 'su', 'pam', 'linux.accounts'],
  detect: (line, ctx) => route(ctx, line) !== undefined,
  parse: parseLinuxAuth,
};
