/**
 * @module storage/sqlite-search-index-writer
 * The search index's writes on SQLite — a slice's parts, minute counts and watermark, or a merge — as
 * short transactions on one connection. In the server they run on the store's writer thread (its
 * connection is the only one that writes events), sent by the indexer thread through a MessagePort:
 * the nice-19 indexer then never holds SQLite's write lock, so a busy machine cannot stall ingest
 * behind a descheduled indexer (priority inversion), and the writer interleaves them between batches.
 */
import type { MessagePort } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { LogPosition } from '@vigil/contracts';
import type { Rollup } from './search-index-builder.ts';
import type { NumberedPart } from './search-index-target.ts';

/** The index writes the indexer needs. */
export interface SearchIndexWrites {
  /** Writes a slice and moves the watermark from `from` to `to`; false when the watermark is no longer `from`. */
  commit(from: LogPosition, to: LogPosition, parts: NumberedPart[], rollups: Rollup[], nextPart: number): Promise<boolean>;
  /** Replaces parts by their merge; false when one of them is gone (retention). */
  replace(tenantId: string, day: number, old: readonly number[], merged: NumberedPart): Promise<boolean>;
}

/** Index writes on a better-sqlite3 connection, each one transaction. */
export class SqliteSearchIndexWriter {
  readonly commit: (from: LogPosition, to: LogPosition, parts: NumberedPart[], rollups: Rollup[], nextPart: number) => boolean;
  readonly replace: (tenantId: string, day: number, old: readonly number[], merged: NumberedPart) => boolean;

  constructor(db: Database.Database) {
    const insertPart = db.prepare('INSERT INTO search_parts (tenant_id, day, part, level, events, buckets) VALUES (?, ?, ?, ?, ?, ?)');
    const insertBucket = db.prepare('INSERT INTO search_buckets (tenant_id, day, part, bucket, data) VALUES (?, ?, ?, ?, ?)');
    const upsertRollup = db.prepare('INSERT INTO search_rollups (tenant_id, minute, dataset, n) VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, minute, dataset) DO UPDATE SET n = n + excluded.n');
    const position = db.prepare("SELECT position FROM search_index_state WHERE tenant_id = ''").pluck();
    const moveOwn = db.prepare("UPDATE search_index_state SET position = ?, next_part = max(next_part, ?) WHERE tenant_id = ''");
    const moveTenants = db.prepare("INSERT INTO search_index_state (tenant_id, position) SELECT id, ? FROM tenants WHERE id <> '' ON CONFLICT (tenant_id) DO UPDATE SET position = excluded.position");
    const writeParts = (parts: readonly NumberedPart[]) => {
      for (const p of parts) {
        insertPart.run(p.tenantId, p.day, p.part, p.level, p.events, p.buckets.length);
        p.buckets.forEach((b, i) => insertBucket.run(p.tenantId, p.day, p.part, i, b));
      }
    };
    const commitTx = db.transaction((from: LogPosition, to: LogPosition, parts: NumberedPart[], rollups: Rollup[], nextPart: number) => {
      if (position.get() !== from) return false;
      writeParts(parts);
      for (const r of rollups) upsertRollup.run(r.tenantId, r.minute, r.dataset, r.n);
      moveOwn.run(to, nextPart);
      moveTenants.run(to);
      return true;
    });
    const partExists = db.prepare('SELECT 1 FROM search_parts WHERE tenant_id = ? AND day = ? AND part = ?').pluck();
    const dropPart = db.prepare('DELETE FROM search_parts WHERE tenant_id = ? AND day = ? AND part = ?');
    const dropBuckets = db.prepare('DELETE FROM search_buckets WHERE tenant_id = ? AND day = ? AND part = ?');
    const bumpPart = db.prepare("UPDATE search_index_state SET next_part = max(next_part, ?) WHERE tenant_id = ''");
    const replaceTx = db.transaction((tenantId: string, day: number, old: readonly number[], merged: NumberedPart) => {
      // Retention may have deleted the day meanwhile: then there is nothing to replace.
      if (old.some((p: number) => !partExists.get(tenantId, day, p))) return false;
      for (const p of old) {
        dropBuckets.run(tenantId, day, p);
        dropPart.run(tenantId, day, p);
      }
      writeParts([merged]);
      bumpPart.run(merged.part + 1);
      return true;
    });
    this.commit = (...args) => commitTx.immediate(...args);
    this.replace = (...args) => replaceTx.immediate(...args);
  }

  /** Answers index write requests arriving on a port (the writer thread side). */
  serve(port: MessagePort): void {
    port.on('message', (m: { id: number; op: 'commit' | 'replace'; args: unknown[] }) => {
      try {
        const result = m.op === 'commit' ? this.commit(...(m.args as Parameters<SqliteSearchIndexWriter['commit']>)) : this.replace(...(m.args as Parameters<SqliteSearchIndexWriter['replace']>));
        port.postMessage({ id: m.id, ok: true, result });
      } catch (err) {
        port.postMessage({ id: m.id, ok: false, error: err instanceof Error ? err.message : String(err) });
      }
    });
  }
}

/** Index writes on this connection (tests, or a store without its writer thread). */
export function localIndexWrites(db: Database.Database): SearchIndexWrites {
  const w = new SqliteSearchIndexWriter(db);
  return { commit: async (...a) => w.commit(...a), replace: async (...a) => w.replace(...a) };
}

/** Index writes sent to the writer thread through a port (the indexer thread side). */
export function portIndexWrites(port: MessagePort): SearchIndexWrites {
  let seq = 0;
  const pending = new Map<number, { resolve: (v: boolean) => void; reject: (e: Error) => void }>();
  port.on('message', (m: { id: number; ok: boolean; result?: boolean; error?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.ok) p?.resolve(!!m.result);
    else p?.reject(new Error(`search index write failed on the writer thread: ${m.error}`));
  });
  const send = (op: 'commit' | 'replace', args: unknown[], buffers: ArrayBuffer[]) =>
    new Promise<boolean>((resolve, reject) => {
      const id = ++seq;
      pending.set(id, { resolve, reject });
      // The bucket blobs move, not copy: each is its own buffer (ByteWriter.result()).
      port.postMessage({ id, op, args }, buffers);
    });
  const buffersOf = (parts: readonly NumberedPart[]) => parts.flatMap((p) => p.buckets.map((b) => b.buffer as ArrayBuffer));
  return {
    commit: (from, to, parts, rollups, nextPart) => send('commit', [from, to, parts, rollups, nextPart], buffersOf(parts)),
    replace: (tenantId, day, old, merged) => send('replace', [tenantId, day, old, merged], buffersOf([merged])),
  };
}
