/**
 * @module pipeline/ingest-service
 * Sources hand raw items here: JSON values or text lines. Each becomes an event (parse -> normalize ->
 * finalize) or a located rejection; the accepted ones are published and the call resolves once they
 * are durable. One bad item never costs its good neighbours.
 */
import type { FieldValue, Input } from '@vigil/contracts';
import { finalizeEvent, normalizeJson, parseLine } from '@vigil/core';
import type { Bus } from '../bus/bus.ts';
import type { TenantEvent } from '../storage/event-store.ts';
import type { StageCounters } from '../metrics/stage-counters.ts';

/** A JSON event is its own original: `event.original` is kept only when the sender set it (a copy would double what is stored). */
export type IngestItem = { kind: 'json'; value: unknown; original?: string } | { kind: 'line'; line: string; sourceIp?: string; parser?: string };

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
}

/** Turns raw items into events and publishes them durably. */
export class IngestService {
  constructor(private readonly deps: IngestDeps) {}

  /** Builds events for the items; answers the events and the rejections, without publishing. */
  build(tenantId: string, input: Input, items: readonly IngestItem[], baseIndex = 0): { events: TenantEvent[]; rejected: IngestResult['rejected'] } {
    const receivedAt = this.deps.now();
    const events: TenantEvent[] = [];
    const rejected: IngestResult['rejected'] = [];
    let unparsed = 0;
    items.forEach((item, i) => {
      let fields: Record<string, FieldValue>;
      let original: string | undefined;
      if (item.kind === 'json') {
        const n = normalizeJson(item.value);
        if ('error' in n) {
          rejected.push({ index: baseIndex + i, error: n.error });
          return;
        }
        fields = n.fields;
        original = item.original;
      } else {
        const r = parseLine(item.line, { receivedAt, sourceIp: item.sourceIp }, item.parser);
        if (!r.ok) unparsed++;
        fields = r.fields;
        original = item.line;
        // The parser sets host.ip from the sender when the line names no host; the observer is always the sender.
        if (item.sourceIp) fields['observer.ip'] ??= item.sourceIp;
      }
      this.deps.extract?.(tenantId, fields);
      events.push({ tenantId, event: finalizeEvent(fields, { id: this.deps.newId(), receivedAt, input, original }) });
    });
    if (unparsed) this.deps.onUnparsed?.(input, unparsed);
    return { events, rejected };
  }

  /** Builds, publishes and waits until the accepted events are durable. */
  async ingest(tenantId: string, input: Input, items: readonly IngestItem[]): Promise<IngestResult> {
    const c = this.deps.counters(input);
    c.add('received', items.length);
    const { events, rejected } = this.build(tenantId, input, items);
    c.add('dropped', rejected.length);
    if (events.length) {
      try {
        await this.deps.bus.publish('events', events);
      } catch (err) {
        c.add('failed', events.length);
        throw err;
      }
      c.add('emitted', events.length);
    }
    return { accepted: events.length, rejected };
  }
}
