/**
 * @module pipeline/ingest-service
 * Sources hand raw items here: JSON values or text lines. Each becomes an event through core's
 * `buildEvent` (parse -> extract -> normalize -> finalize) or a located rejection; the accepted ones are
 * published and the call resolves once they are durable. One bad item never costs its good neighbours:
 * not in normalize (limits), and not in the store (an event the writer refuses is reported by index).
 */
import type { FieldValue, Input } from '@vigil/contracts';
import { buildEvent, newBuildMarks, DEFAULT_EVENT_LIMITS, DEFAULT_TIME_WINDOW, type BuildMarks, type EventLimits, type RawItem, type TimeWindow } from '@vigil/core';
import type { Bus } from '../bus/bus.ts';
import type { TenantEvent } from '../storage/event-store.ts';
import type { StageCounters } from '../metrics/stage-counters.ts';
import { forEachYielding } from './yield-loop.ts';

/** A raw item (core's `RawItem`): a JSON value, or a text line with its sender. */
export type IngestItem = RawItem;

export interface IngestResult {
  accepted: number;
  rejected: { index: number; error: string }[];
}

export interface IngestDeps {
  bus: Bus;
  newId: () => string;
  now: () => number;
  counters: (input: Input) => StageCounters;
  /** Applies the tenant's custom extraction rules to parsed fields, in place. */
  extract?: (tenantId: string, fields: Record<string, FieldValue | undefined>) => void;
  /** Counts lines no parser understood (stored anyway). */
  onUnparsed?: (input: Input, n: number) => void;
  /** Counts events normalize marked (truncated, timestamp replaced, values kept aside). */
  onMarks?: (input: Input, marks: BuildMarks) => void;
  limits?: EventLimits;
  window?: TimeWindow;
  /** Per-tenant counters (what `/api/v1/inputs` shows a tenant): the same stages as `counters`. */
  tally?: (tenantId: string, input: Input, stage: 'received' | 'emitted' | 'dropped' | 'failed' | 'parseFailures', n: number) => void;
}

/** Batches up to this many items are built in one go. */
const YIELD_ABOVE = 1000;

/** Turns raw items into events and publishes them durably. */
export class IngestService {
  constructor(private readonly deps: IngestDeps) {}

  /** A builder for one batch: `one(i)` builds item i, `done()` counts and answers. */
  private batch(tenantId: string, input: Input, items: readonly IngestItem[], baseIndex: number) {
    const { deps } = this;
    const events: TenantEvent[] = [];
    const rejected: IngestResult['rejected'] = [];
    const marks = newBuildMarks();
    const extract = deps.extract;
    const ctx = {
      receivedAt: deps.now(),
      input,
      newId: deps.newId,
      extract: extract ? (f: Record<string, FieldValue | undefined>) => extract(tenantId, f) : undefined,
      limits: deps.limits ?? DEFAULT_EVENT_LIMITS,
      window: deps.window ?? DEFAULT_TIME_WINDOW,
      marks,
    };
    return {
      one: (i: number) => {
        const r = buildEvent(items[i]!, ctx);
        if (typeof r === 'string') rejected.push({ index: baseIndex + i, error: r });
        else events.push({ tenantId, event: r });
      },
      done: () => {
        if (marks.unparsed) {
          deps.onUnparsed?.(input, marks.unparsed);
          deps.tally?.(tenantId, input, 'parseFailures', marks.unparsed);
        }
        if (marks.truncated || marks.timestampInvalid || marks.invalid) deps.onMarks?.(input, marks);
        return { events, rejected };
      },
    };
  }

  /** Builds events for the items in one go; answers the events and the rejections, without publishing. */
  build(tenantId: string, input: Input, items: readonly IngestItem[], baseIndex = 0): { events: TenantEvent[]; rejected: IngestResult['rejected'] } {
    const b = this.batch(tenantId, input, items, baseIndex);
    for (let i = 0; i < items.length; i++) b.one(i);
    return b.done();
  }

  /** Like `build`, giving the event loop a turn every few milliseconds (a 13 MB text ingest must not stall health checks). */
  async buildYielding(tenantId: string, input: Input, items: readonly IngestItem[], baseIndex = 0): Promise<{ events: TenantEvent[]; rejected: IngestResult['rejected'] }> {
    const b = this.batch(tenantId, input, items, baseIndex);
    await forEachYielding(items.length, b.one);
    return b.done();
  }

  /** Builds, publishes and waits until the accepted events are durable. */
  async ingest(tenantId: string, input: Input, items: readonly IngestItem[]): Promise<IngestResult> {
    const c = this.deps.counters(input);
    c.add('received', items.length);
    const tally = this.deps.tally;
    tally?.(tenantId, input, 'received', items.length);
    // Small batches (syslog, most requests) stay synchronous: no promise per batch on the hot path.
    const { events, rejected } = items.length <= YIELD_ABOVE ? this.build(tenantId, input, items) : await this.buildYielding(tenantId, input, items);
    c.add('dropped', rejected.length);
    let accepted = events.length;
    tally?.(tenantId, input, 'dropped', rejected.length);
    if (events.length) {
      let refused: readonly { index: number; error: string }[];
      try {
        refused = await this.deps.bus.publish('events', events);
      } catch (err) {
        c.add('failed', events.length);
        tally?.(tenantId, input, 'failed', events.length);
        throw err;
      }
      if (refused.length) {
        // The store refused these (write-isolation.ts): report them at the item's index, like a normalize rejection.
        const itemIndex = this.itemIndexes(items, rejected);
        for (const r of refused) rejected.push({ index: itemIndex[r.index]!, error: r.error });
        rejected.sort((a, b) => a.index - b.index);
        accepted -= refused.length;
        c.add('failed', refused.length);
        tally?.(tenantId, input, 'failed', refused.length);
      }
      c.add('emitted', accepted);
      tally?.(tenantId, input, 'emitted', accepted);
    }
    return { accepted, rejected };
  }

  /** The item index of each built event (items minus the ones normalize rejected, in order). */
  private itemIndexes(items: readonly IngestItem[], rejected: IngestResult['rejected']): number[] {
    const skip = new Set(rejected.map((r) => r.index));
    const out: number[] = [];
    for (let i = 0; i < items.length; i++) if (!skip.has(i)) out.push(i);
    return out;
  }
}
