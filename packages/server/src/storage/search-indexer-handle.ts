/**
 * @module storage/search-indexer-handle
 * The main-thread side of the search indexer thread: starts it on the store's database, keeps its last
 * progress for /metrics, stops it (after the slice in hand) on shutdown.
 */
import { Worker, type MessagePort } from 'node:worker_threads';
import type { IndexProgress } from './search-indexer.ts';

/** Where the indexer thread works. */
export interface SearchIndexerThreadOptions {
  sqliteFile?: string;
  postgresUrl?: string;
  /** Pause when caught up, ms. */
  idleMs?: number;
  /** Nice value of the thread (`search.index_nice`). */
  nice?: number;
  /** Share of the time the indexer works while events arrive fast (`search.index_busy_percent` / 100). */
  busyShare?: number;
  /** SQLite: the store writer thread's port for index writes (else the indexer writes on its own connection). */
  writePort?: MessagePort | null;
  onError?: (message: string) => void;
}

/** A running search indexer thread. */
export class SearchIndexerThread {
  private readonly worker: Worker;
  /** The indexer's last report (null until its first slice). */
  progress: IndexProgress | null = null;
  private stopping: Promise<void> | null = null;

  constructor(opts: SearchIndexerThreadOptions) {
    const port = opts.writePort ?? undefined;
    this.worker = new Worker(new URL('./search-indexer.worker.js', import.meta.url), { workerData: { sqliteFile: opts.sqliteFile, postgresUrl: opts.postgresUrl, idleMs: opts.idleMs, nice: opts.nice, busyShare: opts.busyShare, writePort: port }, transferList: port ? [port] : [] });
    // Background work: it never keeps a stopping process alive.
    this.worker.unref();
    this.worker.on('message', (m: { progress?: IndexProgress; error?: string }) => {
      if (m.progress) this.progress = m.progress;
      if (m.error) opts.onError?.(m.error);
    });
    this.worker.on('error', (err) => opts.onError?.(err.message));
  }

  /** Stops after the slice in hand (at most a few seconds), then ends the thread. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await Promise.race([
        new Promise<void>((resolve) => {
          this.worker.on('message', (m: { stopped?: boolean }) => m.stopped && resolve());
          this.worker.postMessage({ stop: true });
        }),
        new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref()),
      ]);
      await this.worker.terminate();
    })();
    return this.stopping;
  }
}
