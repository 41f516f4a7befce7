/**
 * @module log-tailer
 * Follows log files like `tail -F`, with a position registry that survives restarts and rotation.
 * Each file is read from an open descriptor; when the path starts naming a new file (rotation by
 * rename) the old descriptor is read to its end first, then the new file from its start. A file that
 * shrank in place (copytruncate) is read again from 0. After a restart a file with the same inode
 * resumes at its saved offset; a file first seen on the agent's first run starts at its end (its
 * history is not shipped), one that appears later starts at 0. Lines are cut at 64 KiB.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';

/** Where one file was read up to. */
export interface FilePosition {
  dev: number;
  ino: number;
  offset: number;
}

/** A line read from a file. */
export interface TailedLine {
  text: string;
  file: string;
}

interface Open {
  fd: number;
  dev: number;
  ino: number;
  offset: number;
  partial: string;
}

const MAX_LINE = 65536;
/** Most bytes read from one file per poll, so a huge backlog is shipped in steps. */
const MAX_READ = 1 << 20;

/** Tails a list of files. */
export class LogTailer {
  private readonly open = new Map<string, Open>();

  /**
   * @param paths the files to follow
   * @param positions saved positions (from the last run), by path
   * @param firstRun true when no positions were ever saved: existing files start at their end
   */
  constructor(private readonly paths: readonly string[], positions: Readonly<Record<string, FilePosition>>, private readonly firstRun: boolean) {
    for (const p of paths) {
      const saved = positions[p];
      try {
        const st = statSync(p);
        const fd = openSync(p, 'r');
        const same = saved && saved.ino === st.ino && saved.dev === st.dev;
        const offset = same ? Math.min(saved.offset, st.size) : saved || !firstRun ? 0 : st.size;
        this.open.set(p, { fd, dev: st.dev, ino: st.ino, offset, partial: '' });
      } catch {
        /* not there yet: picked up by poll() from its start */
      }
    }
  }

  private readFrom(o: Open, file: string, out: TailedLine[]): void {
    let size: number;
    try {
      size = fstatSync(o.fd).size;
    } catch {
      return;
    }
    if (size < o.offset) {
      // Truncated in place.
      o.offset = 0;
      o.partial = '';
    }
    let budget = MAX_READ;
    while (o.offset < size && budget > 0) {
      const len = Math.min(size - o.offset, budget, 256 * 1024);
      const buf = Buffer.alloc(len);
      const n = readSync(o.fd, buf, 0, len, o.offset);
      if (n <= 0) break;
      o.offset += n;
      budget -= n;
      const text = o.partial + buf.toString('utf8', 0, n);
      const parts = text.split('\n');
      o.partial = parts.pop() ?? '';
      if (o.partial.length > MAX_LINE) {
        out.push({ text: o.partial.slice(0, MAX_LINE), file });
        o.partial = '';
      }
      for (const line of parts) {
        const t = line.endsWith('\r') ? line.slice(0, -1) : line;
        if (t) out.push({ text: t.length > MAX_LINE ? t.slice(0, MAX_LINE) : t, file });
      }
    }
  }

  /** Reads what was appended since the last poll. */
  poll(): TailedLine[] {
    const out: TailedLine[] = [];
    for (const p of this.paths) {
      let o = this.open.get(p);
      let st: { dev: number; ino: number } | null = null;
      try {
        st = statSync(p);
      } catch {
        st = null;
      }
      if (o) {
        this.readFrom(o, p, out);
        if (st && (st.ino !== o.ino || st.dev !== o.dev)) {
          // Rotated: the old file is drained above; its unterminated last line is kept.
          if (o.partial) out.push({ text: o.partial, file: p });
          closeSync(o.fd);
          this.open.delete(p);
          o = undefined;
        }
      }
      if (!o && st) {
        try {
          const fd = openSync(p, 'r');
          const s = fstatSync(fd);
          o = { fd, dev: s.dev, ino: s.ino, offset: 0, partial: '' };
          this.open.set(p, o);
          this.readFrom(o, p, out);
        } catch {
          /* raced with another rotation: next poll */
        }
      }
    }
    return out;
  }

  /** Positions to save (after the lines read so far are safely buffered). */
  positions(): Record<string, FilePosition> {
    const out: Record<string, FilePosition> = {};
    // The saved offset excludes an unterminated line, which is read again after a restart.
    for (const [p, o] of this.open) out[p] = { dev: o.dev, ino: o.ino, offset: o.offset - Buffer.byteLength(o.partial) };
    return out;
  }

  /** Closes every file. */
  close(): void {
    for (const o of this.open.values()) closeSync(o.fd);
    this.open.clear();
  }
}
