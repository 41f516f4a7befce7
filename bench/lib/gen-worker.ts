/**
 * Worker thread for the loader: builds stored-shape events with the server's own IngestService.build
 * (what POST /api/v1/ingest does with each NDJSON line) and tallies exact predicate matches, so
 * generation runs on the second core while the main thread appends to the store. Asked for one
 * batch at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseQuery, compilePredicate } from '@vigil/core';
import { newId } from '../../packages/server/src/app/ids.ts';
import { IngestService, type IngestDeps, type IngestItem } from '../../packages/server/src/pipeline/ingest-service.ts';
import { makeEvent, rng } from './events.ts';

interface Init {
  tenantId: string;
  events: number;
  batch: number;
  endTs: number;
  spanMs: number;
  countQueries: string[];
}

const o = workerData as Init;
const preds = o.countQueries.map((q) => [q, compilePredicate(parseQuery(q))] as const);
const matches: Record<string, number> = Object.fromEntries(o.countQueries.map((q) => [q, 0]));
/** Bytes of the raw NDJSON lines (newline included) and of the messages, for the storage ratio. */
const bytes = { raw: 0, message: 0 };
const r = rng(42);
const step = o.spanMs / o.events;
const start = o.endTs - o.spanMs;
let done = 0;
// Only build() is used: no bus, no counters.
const ingest = new IngestService({ newId, now: () => o.endTs } as unknown as IngestDeps);

parentPort!.on('message', () => {
  if (done >= o.events) {
    parentPort!.postMessage({ batch: null, matches, bytes });
    return;
  }
  const n = Math.min(o.batch, o.events - done);
  const items: IngestItem[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const k = done + i;
    // Through JSON text, as the route sees it (JSON.parse of each NDJSON line).
    const line = JSON.stringify(makeEvent(r, Math.floor(start + k * step + r() * step), k));
    bytes.raw += Buffer.byteLength(line) + 1;
    items[i] = { kind: 'json', value: JSON.parse(line) };
  }
  const { events: batch, rejected } = ingest.build(o.tenantId, 'http', items);
  if (rejected.length) throw new Error(`generated event rejected: ${rejected[0]!.error}`);
  for (const { event } of batch) {
    bytes.message += Buffer.byteLength(event.message);
    for (const [q, p] of preds) if (p(event)) matches[q]!++;
  }
  done += n;
  parentPort!.postMessage({ batch, matches: null });
});
