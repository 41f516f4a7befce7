/**
 * @module collectors/logins
 * Recent logins (/var/log/wtmp) and failed logins (/var/log/btmp, root-readable only) from their
 * binary utmp records (glibc x86-64/aarch64 layout, 384 bytes). Reads only what was appended since
 * the offset it is given, so each snapshot ships new records once; a file that shrank was rotated
 * and is read from the start.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { under } from './read.ts';

/** One login record. */
export interface LoginRecord {
  type: 'login' | 'failed';
  user: string;
  tty: string;
  host: string;
  ip: string | null;
  pid: number;
  at: number;
}

const RECORD = 384;
const USER_PROCESS = 7;
const LOGIN_PROCESS = 6;
/** Most bytes read per file per call (about 2,700 records): a huge btmp after an attack is read in steps. */
const MAX_READ = RECORD * 2730;

const cstr = (b: Buffer, off: number, len: number) => {
  const end = b.indexOf(0, off);
  return b.toString('utf8', off, end < 0 || end > off + len ? off + len : end);
};

function ipOf(b: Buffer, off: number): string | null {
  const words = [0, 1, 2, 3].map((i) => b.readUInt32BE(off + i * 4));
  if (words.every((w) => w === 0)) return null;
  if (words[1] === 0 && words[2] === 0 && words[3] === 0) return [0, 1, 2, 3].map((i) => b[off + i]).join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(b.readUInt16BE(off + i).toString(16));
  return groups.join(':');
}

/** Parses utmp records; `failed` marks btmp's. */
export function parseUtmp(buf: Buffer, failed: boolean): LoginRecord[] {
  const out: LoginRecord[] = [];
  for (let off = 0; off + RECORD <= buf.length; off += RECORD) {
    const type = buf.readInt32LE(off);
    if (failed ? type !== LOGIN_PROCESS && type !== USER_PROCESS : type !== USER_PROCESS) continue;
    const user = cstr(buf, off + 44, 32);
    if (!user) continue;
    out.push({ type: failed ? 'failed' : 'login', user, tty: cstr(buf, off + 8, 32), host: cstr(buf, off + 76, 256), ip: ipOf(buf, off + 348), pid: buf.readInt32LE(off + 4), at: buf.readInt32LE(off + 340) * 1000 + Math.floor(buf.readInt32LE(off + 344) / 1000) });
  }
  return out;
}

/** Reads records appended to one file since `offset`; answers them and the next offset. */
export function readNewLogins(root: string, path: string, offset: number, failed: boolean): { records: LoginRecord[]; offset: number; readable: boolean } {
  let fd: number;
  try {
    fd = openSync(under(root, path), 'r');
  } catch {
    return { records: [], offset, readable: false };
  }
  try {
    const size = fstatSync(fd).size;
    let from = size < offset ? 0 : offset - (offset % RECORD);
    if (size - from > MAX_READ) from = size - MAX_READ - ((size - MAX_READ) % RECORD);
    const len = size - from - ((size - from) % RECORD);
    if (len <= 0) return { records: [], offset: from, readable: true };
    const buf = Buffer.alloc(len);
    readSync(fd, buf, 0, len, from);
    return { records: parseUtmp(buf, failed), offset: from + len, readable: true };
  } finally {
    closeSync(fd);
  }
}
