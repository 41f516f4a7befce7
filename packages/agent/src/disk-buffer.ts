/**
 * @module disk-buffer
 * The agent's bounded on-disk queue: every batch is written here before it is sent, one file per
 * batch named by a growing sequence number, and removed once the server took it. So a batch survives
 * the server being down and the agent restarting, and batches go out in the order they were made.
 * Past `maxBytes` the oldest batches are dropped and counted (the host's recent state matters more
 * than its oldest backlog).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A batch as buffered (the contract's body without `sentAt`, which is set per attempt). */
export interface BufferedBatch {
  batchId: string;
  createdAt: number;
  events?: Record<string, unknown>[];
  metrics?: { name: string; labels?: Record<string, string>; ts: number; value: number }[];
  lines?: { text: string; file?: string; source?: 'file' | 'journald'; ts?: number }[];
  snapshot?: { section: string; takenAt: number; data: unknown }[];
}

const NAME = /^(\d{12})\.json$/;
/** How a buffered file starts (JSON.stringify keeps the key order of `{ batchId, createdAt, … }`): the id, and the separator after createdAt. */
const HEAD = /^\{"batchId":("(?:[^"\\]|\\.)*"),"createdAt":-?\d+(?:\.\d+)?([,}])/;

/** A directory of batches. */
export class DiskBuffer {
  private entries: { seq: number; bytes: number }[] = [];
  private next = 1;
  private total = 0;
  /** Batches dropped because the buffer was full (since start). */
  dropped = 0;

  constructor(private readonly dir: string, private readonly maxBytes: number) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const n of readdirSync(dir)) {
      const m = NAME.exec(n);
      if (!m) {
        if (n.endsWith('.tmp')) unlinkSync(join(dir, n));
        continue;
      }
      const bytes = statSync(join(dir, n)).size;
      this.entries.push({ seq: Number(m[1]), bytes });
      this.total += bytes;
    }
    this.entries.sort((a, b) => a.seq - b.seq);
    this.next = (this.entries.at(-1)?.seq ?? 0) + 1;
  }

  private path(seq: number): string {
    return join(this.dir, `${String(seq).padStart(12, '0')}.json`);
  }

  /** Adds a batch at the end (atomically: temp file, then rename). */
  push(batch: BufferedBatch): void {
    const text = JSON.stringify(batch);
    const seq = this.next++;
    const tmp = `${this.path(seq)}.tmp`;
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, this.path(seq));
    const bytes = Buffer.byteLength(text);
    this.entries.push({ seq, bytes });
    this.total += bytes;
    while (this.total > this.maxBytes && this.entries.length > 1) {
      const old = this.entries.shift()!;
      this.total -= old.bytes;
      this.dropped++;
      try {
        unlinkSync(this.path(old.seq));
      } catch {
        /* already gone */
      }
    }
  }

  /**
   * The oldest batch, or null when empty: its request body for a send time, and the batch itself
   * (parsed only when asked for, to split it). The body is the file's bytes with `sentAt` spliced in:
   * parsing a batch of a megabyte of log lines and stringifying it again for every send tripled the
   * agent's heap under a busy log.
   */
  peek(): { seq: number; body: (sentAt: number) => Buffer; readonly batch: BufferedBatch } | null {
    while (this.entries.length) {
      const e = this.entries[0]!;
      try {
        const bytes = readFileSync(this.path(e.seq));
        const head = HEAD.exec(bytes.toString('utf8', 0, Math.min(bytes.length, 256)));
        let parsed: BufferedBatch | null = null;
        const parse = () => (parsed ??= JSON.parse(bytes.toString('utf8')) as BufferedBatch);
        // A file that does not look whole is parsed now: one that fails is a torn write from before a crash.
        if (!head || bytes[bytes.length - 1] !== 0x7d) parse();
        return {
          seq: e.seq,
          body: (sentAt) => {
            if (!head) {
              const { createdAt: _createdAt, ...batch } = parse();
              return Buffer.from(JSON.stringify({ ...batch, sentAt }));
            }
            return Buffer.concat([Buffer.from(`{"batchId":${head[1]},"sentAt":${sentAt}${head[2]}`), bytes.subarray(head[0].length)]);
          },
          get batch() {
            return parse();
          },
        };
      } catch {
        // Unreadable (a torn write from before a crash): it can never be sent.
        this.ack(e.seq);
        this.dropped++;
      }
    }
    return null;
  }

  /** Removes a batch the server took (or that can never be sent). */
  ack(seq: number): void {
    const i = this.entries.findIndex((e) => e.seq === seq);
    if (i < 0) return;
    this.total -= this.entries[i]!.bytes;
    this.entries.splice(i, 1);
    try {
      unlinkSync(this.path(seq));
    } catch {
      /* already gone */
    }
  }

  /** Replaces a batch by smaller ones in its place (the server found it too large). */
  split(seq: number, parts: readonly BufferedBatch[]): void {
    const i = this.entries.findIndex((e) => e.seq === seq);
    if (i < 0) return;
    // Parts get sequence numbers after the current tail but are sent before it: keep them in front.
    const made = parts.map((b) => {
      const s = this.next++;
      const text = JSON.stringify(b);
      writeFileSync(this.path(s), text, { mode: 0o600 });
      this.total += Buffer.byteLength(text);
      return { seq: s, bytes: Buffer.byteLength(text) };
    });
    this.total -= this.entries[i]!.bytes;
    try {
      unlinkSync(this.path(seq));
    } catch {
      /* gone */
    }
    this.entries.splice(i, 1, ...made);
  }

  /** Batches waiting. */
  get size(): number {
    return this.entries.length;
  }

  /** Bytes waiting. */
  get bytes(): number {
    return this.total;
  }
}
