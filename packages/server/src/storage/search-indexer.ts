/**
 * @module storage/search-indexer
 * Fills the deferred search index from the committed event log, off the write path: read a slice of
 * events after the watermark, build its parts and minute counts, write them and move the watermark in
 * one transaction. Searches use the index below the watermark and scan above it, so an event is found
 * the moment it is committed, indexed or not. Small parts of a tenant and day merge eight at a time
 * (size-tiered, like an LSM tree) so a search reads a few dozen parts per day, not thousands.
 */
import type { LogPosition } from '@vigil/contracts';
import { buildSlice, mergeParts } from './search-index-builder.ts';
import { busyPause } from './busy-pause.ts';
import { partLevel, type NumberedPart, type SearchIndexTarget } from './search-index-target.ts';

/** How the indexer paces itself. */
export interface SearchIndexerOptions {
  /** Log entries per slice (one transaction). */
  sliceEvents?: number;
  /**
   * Log entries per slice while behind (the previous read was cut at its limit): parts of 35,000
   * events or more (level 2) never merge, and merges were what cost the writer thread most (measured:
   * commits 2.1 % of its insert CPU, merges another 2.6 %); 50,000 raised the server's peak RSS by
   * 200 MiB.
   */
  catchUpEvents?: number;
  /** Pause after a slice that found the log caught up (the tail stays about this many ms of events). */
  idleMs?: number;
  /** Pause after a failure. */
  retryMs?: number;
  /**
   * While events arrive faster than `busyRate` per second, the indexer works at most this share of the
   * time (0-1; `search.index_busy_percent`): its reads and writes compete with ingest for the cores and
   * the store's writer thread, and searches stay exact without it (they scan what is not indexed). When
   * arrivals fall below `busyRate`, it catches up at full speed. Default 1 (no pacing; tests).
   */
  busyShare?: number;
  /** Events per second above which the log counts as busy (default 2,000). */
  busyRate?: number;
  /** Clock in ms (tests). */
  now?: () => number;
  /** Lowest count at which a key is dropped as common (tests lower it). */
  commonMin?: number;
  onError?: (err: unknown) => void;
  /** After every slice: where the index stands. */
  onProgress?: (p: IndexProgress) => void;
}

/** Where the indexer stands. */
export interface IndexProgress {
  position: LogPosition;
  /** Log entries not yet indexed (0 when the last read found nothing more). */
  lag: number;
  /** The last read found the log caught up. */
  caughtUp: boolean;
  /** Events indexed since start. */
  indexed: number;
  merges: number;
  /** Events arrive faster than `busyRate`: the indexer works `busyShare` of the time. */
  paced: boolean;
}

/** Parts merge this many at a time. */
export const MERGE_FAN_IN = 8;
/** Parts of this level (~32k-256k events) or above stay as they are: a merge holds its sources in memory. */
export const MAX_MERGE_LEVEL = 2;

/** The indexer loop over one database. */
export class SearchIndexer {
  private position: LogPosition | null = null;
  private nextPart = 1;
  private indexed = 0;
  private merges = 0;
  private stopped = false;
  private behind = false;
  private running: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private readonly slice: number;
  private lastHead: { head: number; at: number } | null = null;
  private busy = false;

  constructor(private readonly target: SearchIndexTarget, private readonly opts: SearchIndexerOptions = {}) {
    this.slice = opts.sliceEvents ?? 20_000;
  }

  private async load(): Promise<LogPosition> {
    if (this.position === null) {
      const s = await this.target.state();
      this.position = s.position;
      this.nextPart = s.nextPart;
    }
    return this.position;
  }

  /** Indexes one slice; answers whether more may follow at once (false: caught up). */
  async step(): Promise<boolean> {
    const from = await this.load();
    const slice = await this.target.read(from, this.behind ? (this.opts.catchUpEvents ?? Math.max(this.slice, 35_000)) : this.slice);
    this.behind = slice.more;
    if (!slice.read) return false;
    const built = buildSlice(slice.rows, this.opts.commonMin);
    const parts: NumberedPart[] = built.parts.map((p) => ({ ...p, part: this.nextPart++, level: partLevel(p.events) }));
    if (!(await this.target.commit(from, slice.next, parts, built.rollups, this.nextPart))) {
      // Someone else moved the watermark (a second indexer on this database): start again from it.
      this.position = null;
      return false;
    }
    this.position = slice.next;
    this.indexed += slice.rows.length;
    return slice.more;
  }

  /** Merges every group of small parts that has piled up; answers how many merges ran. */
  async merge(): Promise<number> {
    await this.load();
    let done = 0;
    for (;;) {
      const groups = await this.target.mergeGroups(MERGE_FAN_IN, MAX_MERGE_LEVEL);
      let merged = 0;
      for (const g of groups) {
        const sources = await Promise.all(g.parts.map(async (p) => ({ events: p.events, buckets: await this.target.buckets(g.tenantId, g.day, p.part) })));
        const m = mergeParts(sources, this.opts.commonMin);
        // The level follows the size: eight tiny parts make a small one that merges again later.
        const part: NumberedPart = { tenantId: g.tenantId, day: g.day, part: this.nextPart++, level: partLevel(m.events), events: m.events, buckets: m.buckets };
        if (await this.target.replace(g.tenantId, g.day, g.parts.map((p) => p.part), part)) merged++;
      }
      done += merged;
      this.merges += merged;
      if (!merged) return done;
    }
  }

  /** Indexes until the log is caught up and merges (tests and tools; the server runs `start`). */
  async catchUp(): Promise<void> {
    while (await this.step());
    await this.merge();
  }

  private progress(lag: number): void {
    this.opts.onProgress?.({ position: this.position ?? '0', lag, caughtUp: lag === 0, indexed: this.indexed, merges: this.merges, paced: this.busy });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => ((this.wake = null), resolve()), ms);
      this.wake = () => (clearTimeout(t), (this.wake = null), resolve());
    });
  }

  /** The pause owed after `workedMs` of work, given the log's head now (`lag` after the position). */
  private pace(workedMs: number, lag: number): number {
    const sample = { head: Number(this.position ?? 0) + lag, at: (this.opts.now ?? performance.now.bind(performance))() };
    const p = busyPause(this.lastHead, sample, workedMs, this.opts.busyShare ?? 1, this.opts.busyRate ?? 2000);
    this.lastHead = sample;
    this.busy = p.busy;
    return p.pauseMs;
  }

  /** Runs until `stop`: slices back to back while behind, then merges and waits `idleMs`; paced while the log is busy. */
  start(): void {
    if (this.running) return;
    const clock = this.opts.now ?? performance.now.bind(performance);
    const loop = async () => {
      while (!this.stopped) {
        try {
          const t0 = clock();
          if (await this.step()) {
            const lag = await this.target.lag(this.position!);
            this.progress(lag);
            const pause = this.pace(clock() - t0, lag);
            // Let messages (stop) in between slices.
            if (pause > 0 && !this.stopped) await this.sleep(pause);
            else await new Promise((r) => setImmediate(r));
            continue;
          }
          await this.merge();
          // Caught up once the merges it owed are done too (the bench times searches after this).
          this.progress(0);
          const pause = this.pace(clock() - t0, this.position === null ? 0 : await this.target.lag(this.position));
          if (!this.stopped) await this.sleep(Math.max(pause, this.opts.idleMs ?? 1000));
        } catch (err) {
          this.opts.onError?.(err);
          if (!this.stopped) await this.sleep(this.opts.retryMs ?? 5000);
        }
      }
    };
    this.running = loop();
  }

  /** Stops after the slice in hand. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
  }
}
