/**
 * @module journald
 * Follows the systemd journal through `journalctl -o json -f`, resuming after the cursor of the last
 * entry that reached the disk buffer. Entries become RFC 5424 lines, so the server parses them like any
 * syslog line (facility, severity, app name and pid kept).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

/** True when journalctl can be run. */
export function journalctlAvailable(): boolean {
  try {
    return spawnSync('journalctl', ['--version'], { stdio: 'ignore', timeout: 5000 }).status === 0;
  } catch {
    return false;
  }
}

/** A journal entry as RFC 5424 text, with its cursor. */
export function journalLine(entry: Record<string, unknown>, fallbackHost: string): { text: string; cursor: string } | null {
  const cursor = typeof entry.__CURSOR === 'string' ? entry.__CURSOR : '';
  let message = entry.MESSAGE;
  if (Array.isArray(message)) message = Buffer.from(message as number[]).toString('utf8');
  if (typeof message !== 'string' || !cursor) return null;
  const pri = Math.min(7, Number(entry.PRIORITY ?? 6) || 0) + 8 * (Number(entry.SYSLOG_FACILITY ?? 3) || 0);
  const us = Number(entry.__REALTIME_TIMESTAMP);
  const ts = Number.isFinite(us) ? new Date(Math.floor(us / 1000)).toISOString() : '-';
  const host = typeof entry._HOSTNAME === 'string' && entry._HOSTNAME ? entry._HOSTNAME : fallbackHost;
  const app = String(entry.SYSLOG_IDENTIFIER ?? entry._COMM ?? '-').replace(/\s/g, '_').slice(0, 48) || '-';
  const pid = String(entry._PID ?? entry.SYSLOG_PID ?? '-');
  return { text: `<${pri}>1 ${ts} ${host} ${app} ${pid} - - ${message.replace(/\n/g, ' ')}`, cursor };
}

/** A running journalctl follower. */
export class JournalFollower {
  private child: ChildProcess | null = null;
  private buf = '';
  /** The cursor of the newest entry handed out. */
  cursor: string | null;

  constructor(cursor: string | null, private readonly host: string, private readonly onLine: (text: string) => void, private readonly onExit: (why: string) => void) {
    this.cursor = cursor;
  }

  /** Starts journalctl: after the saved cursor, else from now. */
  start(): void {
    const args = ['-o', 'json', '-f', '--no-pager', ...(this.cursor ? ['--after-cursor', this.cursor] : ['-n', '0'])];
    const child = spawn('journalctl', args, { stdio: ['ignore', 'pipe', 'ignore'] });
    this.child = child;
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (d: string) => {
      this.buf += d;
      let i: number;
      while ((i = this.buf.indexOf('\n')) >= 0) {
        const raw = this.buf.slice(0, i);
        this.buf = this.buf.slice(i + 1);
        try {
          const l = journalLine(JSON.parse(raw) as Record<string, unknown>, this.host);
          if (l) {
            this.cursor = l.cursor;
            this.onLine(l.text);
          }
        } catch {
          /* a partial or non-JSON line: skip */
        }
      }
    });
    child.on('exit', (code) => {
      if (this.child === child) this.onExit(`journalctl exited (${code})`);
    });
    child.on('error', (err) => this.onExit(err.message));
  }

  stop(): void {
    const c = this.child;
    this.child = null;
    c?.kill();
  }
}
