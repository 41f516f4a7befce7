/**
 * @module storage/event-store
 * The EventStore port: durable append, search newest-first (or oldest-first) with cursor paging,
 * histogram, top values, distinct terms, streamed export and retention. SQLite and PostgreSQL implement it and pass one conformance suite.
 */
import type { FieldValue, TenantEvent, VigilEvent } from '@vigil/contracts';
import type { QueryNode } from '@vigil/core';
import type { AppendRejection } from './write-isolation.ts';

export type { AppendRejection };

/** One event with the tenant it belongs to (the `events` topic's message, defined in contracts). */
export type { TenantEvent };

/** Position after the last event of a page (`@timestamp`, then id, in the page's order). */
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
  /** Position after the last event of the previous page (in this request's order). */
  cursor?: Cursor;
  /** `desc` (default): newest first; `asc`: oldest first (replays and backtests read history in event-time order). */
  order?: 'asc' | 'desc';
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

/** One distinct combination of field values and the newest `@timestamp` (ms) that had it. */
export interface TermRow {
  values: FieldValue[];
  lastSeen: number;
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
  /**
   * Distinct combinations of the fields' values among matching events where every field holds a text or
   * number, each with its newest `@timestamp`; newest first, at most `limit` (what `new_terms` learns).
   */
  terms(filter: EventFilter & { fields: readonly string[]; limit: number }): Promise<TermRow[]>;
  /** Deletes events with `@timestamp` before the cutoff (of one tenant, when given); answers how many went. */
  deleteBefore(cutoffMs: number, tenantId?: string): Promise<number>;
  close(): Promise<void>;
}
