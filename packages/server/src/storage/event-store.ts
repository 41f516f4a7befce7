/**
 * @module storage/event-store
 * The EventStore port: durable append, search newest-first with cursor paging, histogram, top values,
 * streamed export and retention. SQLite and PostgreSQL implement it and pass one conformance suite.
 */
import type { TenantEvent, VigilEvent } from '@vigil/contracts';
import type { QueryNode } from '@vigil/core';
import type { AppendRejection } from './write-isolation.ts';

export type { AppendRejection };

/** One event with the tenant it belongs to (the `events` topic's message, defined in contracts). */
export type { TenantEvent };

/** Position after the last event of a page (newest-first order: `@timestamp` desc, then id desc). */
export interface Cursor {
  ts: number;
  id: string;
}

export interface EventFilter {
  tenantId: string;
  /** Parsed query; null matches every event. */
  query: QueryNode | null;
  /** Inclusive lower bound on `@timestamp`, epoch ms. */
  from?: number;
  /** Exclusive upper bound on `@timestamp`, epoch ms. */
  to?: number;
}

export interface SearchRequest extends EventFilter {
  limit: number;
  cursor?: Cursor;
}

export interface SearchPage {
  events: VigilEvent[];
  nextCursor: Cursor | null;
}

export interface HistogramBucket {
  /** Bucket start, epoch ms. */
  ts: number;
  count: number;
}

export interface TopValue {
  value: string | number | boolean;
  count: number;
}

export interface FieldStat {
  name: string;
  count: number;
}

/** Storage for events. Every method is tenant-scoped. */
export interface EventStore {
  readonly kind: string;
  /**
   * Writes a batch in one transaction; resolves once it is durable, with the events the database
   * refused by index (their neighbours are stored). Rejects only when the store itself fails.
   */
  append(batch: readonly TenantEvent[]): Promise<AppendRejection[]>;
  search(req: SearchRequest): Promise<SearchPage>;
  get(tenantId: string, id: string): Promise<VigilEvent | null>;
  histogram(filter: EventFilter & { intervalMs: number; from: number; to: number }): Promise<HistogramBucket[]>;
  top(filter: EventFilter & { field: string; limit: number }): Promise<TopValue[]>;
  /** Field names seen in a sample of the newest matching events, with how many had each. */
  fields(filter: EventFilter & { sample: number }): Promise<FieldStat[]>;
  /** Every matching event, newest first, read in pages so nothing is buffered whole. */
  export(filter: EventFilter, pageSize?: number): AsyncIterable<VigilEvent>;
  count(filter: EventFilter): Promise<number>;
  /** Deletes events with `@timestamp` before the cutoff (of one tenant, when given); answers how many went. */
  deleteBefore(cutoffMs: number, tenantId?: string): Promise<number>;
  close(): Promise<void>;
}
