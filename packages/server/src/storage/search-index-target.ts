/**
 * @module storage/search-index-target
 * What the indexer needs from a database: read committed events after its position, and write a
 * slice's parts, minute counts and the new watermark in one transaction; list, read and replace parts
 * for merges. SQLite and PostgreSQL implement it (sqlite-/postgres-search-index-target.ts).
 */
import type { LogPosition } from '@vigil/contracts';
import type { BuiltPart, IndexRow, Rollup } from './search-index-builder.ts';

/** A part with its number and merge level, ready to write. */
export interface NumberedPart extends BuiltPart {
  part: number;
  level: number;
}

/** Committed events after a position, and the position after them. */
export interface IndexSlice {
  rows: IndexRow[];
  /** Log entries covered (placeholders included), 0 when caught up. */
  read: number;
  /** More entries may follow at once (the read was cut at its limit). */
  more: boolean;
  next: LogPosition;
}

/** A group of parts that can merge: same tenant, day and level. */
export interface MergeGroup {
  tenantId: string;
  day: number;
  level: number;
  parts: { part: number; events: number }[];
}

/** The indexer's database access. */
export interface SearchIndexTarget {
  readonly kind: string;
  /** The indexer's position and next part number. */
  state(): Promise<{ position: LogPosition; nextPart: number }>;
  /** Up to `limit` committed log entries after `position`. */
  read(position: LogPosition, limit: number): Promise<IndexSlice>;
  /**
   * Writes the parts and counts and moves the watermark from `from` to `to` in one transaction;
   * answers false (writing nothing) when the position is no longer `from` (another indexer ran).
   */
  commit(from: LogPosition, to: LogPosition, parts: NumberedPart[], rollups: Rollup[], nextPart: number): Promise<boolean>;
  /** Groups of at least `min` parts of one tenant, day and level below `maxLevel`. */
  mergeGroups(min: number, maxLevel: number): Promise<MergeGroup[]>;
  /** A part's buckets in bucket order. */
  buckets(tenantId: string, day: number, part: number): Promise<Uint8Array[]>;
  /** Replaces parts by their merge in one transaction (nothing when one of them is gone). */
  replace(tenantId: string, day: number, old: readonly number[], merged: NumberedPart): Promise<boolean>;
  /** Log entries after `position` (an estimate where counting would cost). */
  lag(position: LogPosition): Promise<number>;
  close(): Promise<void>;
}

/** The merge level of a part: 0 below 4,096 events, then one level per eight times as many. */
export function partLevel(events: number): number {
  return events < 4096 ? 0 : 1 + Math.floor(Math.log(events / 4096) / Math.log(8));
}
