/**
 * @module storage/sqlite-search-index-target
 * The search indexer's access to a SQLite file: reads on a connection of its own (the indexer
 * thread's), writes through `SearchIndexWrites` — in the server, on the store's writer thread.
 * Positions are the events table's `seq`, as in the event log (sqlite-event-log.ts).
 */
import type Database from 'better-sqlite3';
import { LOG_START, type LogPosition } from '@vigil/contracts';
import { INDEXED_FIELDS } from '@vigil/core';
import type { IndexRow, Rollup } from './search-index-builder.ts';
import { localIndexWrites, type SearchIndexWrites } from './sqlite-search-index-writer.ts';
import type { IndexSlice, MergeGroup, NumberedPart, SearchIndexTarget } from './search-index-target.ts';

/** SearchIndexTarget on a better-sqlite3 connection to a migrated file (reads) and index writes (see sqlite-search-index-writer.ts). */
export class SqliteSearchIndexTarget implements SearchIndexTarget {
  readonly kind = 'sqlite';
  private readonly readRows: Database.Statement;
  private readonly writes: SearchIndexWrites;

  /** Without `writes`, the writes run on this connection too. */
  constructor(private readonly db: Database.Database, private readonly ownsDb = false, writes?: SearchIndexWrites) {
    this.readRows = db.prepare(`SELECT seq, tenant_id, ts, message, ${INDEXED_FIELDS.map((f) => f.column).join(', ')} FROM events WHERE seq > ? ORDER BY seq LIMIT ?`).raw(true);
    this.writes = writes ?? localIndexWrites(db);
  }

  async state(): Promise<{ position: LogPosition; nextPart: number }> {
    const r = this.db.prepare("SELECT position, next_part FROM search_index_state WHERE tenant_id = ''").get() as { position: string; next_part: number } | undefined;
    return { position: r?.position ?? LOG_START, nextPart: r?.next_part ?? 1 };
  }

  async read(position: LogPosition, limit: number): Promise<IndexSlice> {
    const raw = this.readRows.all(Number(position), limit) as unknown[][];
    const rows: IndexRow[] = [];
    for (const r of raw) {
      // Placeholder rows (tenant '') keep the log's high-water mark; they are no event.
      if (r[1] === '') continue;
      rows.push({ tenantId: r[1] as string, ts: r[2] as number, message: r[3] as string, fields: r.slice(4) as (string | null)[] });
    }
    return { rows, read: raw.length, more: raw.length === limit, next: raw.length ? String(raw[raw.length - 1]![0]) : position };
  }

  commit(from: LogPosition, to: LogPosition, parts: NumberedPart[], rollups: Rollup[], nextPart: number): Promise<boolean> {
    return this.writes.commit(from, to, parts, rollups, nextPart);
  }

  async mergeGroups(min: number, maxLevel: number): Promise<MergeGroup[]> {
    const groups = this.db.prepare('SELECT tenant_id, day, level FROM search_parts WHERE level < ? GROUP BY tenant_id, day, level HAVING count(*) >= ? LIMIT 20').all(maxLevel, min) as { tenant_id: string; day: number; level: number }[];
    const parts = this.db.prepare('SELECT part, events FROM search_parts WHERE tenant_id = ? AND day = ? AND level = ? ORDER BY part LIMIT ?');
    return groups.map((g) => ({ tenantId: g.tenant_id, day: g.day, level: g.level, parts: parts.all(g.tenant_id, g.day, g.level, min) as { part: number; events: number }[] }));
  }

  async buckets(tenantId: string, day: number, part: number): Promise<Uint8Array[]> {
    return this.db.prepare('SELECT data FROM search_buckets WHERE tenant_id = ? AND day = ? AND part = ? ORDER BY bucket').pluck().all(tenantId, day, part) as Uint8Array[];
  }

  replace(tenantId: string, day: number, old: readonly number[], merged: NumberedPart): Promise<boolean> {
    return this.writes.replace(tenantId, day, old, merged);
  }

  async lag(position: LogPosition): Promise<number> {
    const head = this.db.prepare('SELECT max(seq) FROM events').pluck().get() as number | null;
    return Math.max(0, (head ?? 0) - Number(position));
  }

  async close(): Promise<void> {
    if (this.ownsDb) this.db.close();
  }
}
