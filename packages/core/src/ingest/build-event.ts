/**
 * @module ingest/build-event
 * The one way a raw item becomes a stored-shape event: parse (lines) or flatten (JSON) -> extract
 * (the tenant's rules) -> finalize (id, times, hot-field types, canonical IPs, limits, marks). Every
 * source and the HTTP ingest go through here, so an event is finalized exactly once and the sender's
 * address lands in the same fields whatever the input. Pure: clock, ids and rules are passed in.
 */
import type { FieldValue, Input, VigilEvent } from '@vigil/contracts';
import { parseLine } from '../parsers/index.ts';
import { normalizeJson } from '../normalize/normalize-json.ts';
import { finalizeEvent, type EventMarks, type TimeWindow } from '../normalize/finalize-event.ts';
import type { EventLimits } from '../normalize/event-limits.ts';

/** A raw item as a source hands it over. A JSON event is its own original: `original` only when the sender kept one. */
export type RawItem =
  | { kind: 'json'; value: unknown; original?: string }
  /** `fields` are what the source knows better than the line (the host agent's identity, the file it read): laid over the parsed fields. */
  | { kind: 'line'; line: string; sourceIp?: string; parser?: string; fields?: Readonly<Record<string, FieldValue>> };

/** Counts of one build call's batch: the marks of finalize plus lines no parser understood. */
export interface BuildMarks extends EventMarks {
  unparsed: number;
}

/** What `buildEvent` needs besides the item; one context serves a whole batch. */
export interface BuildContext {
  receivedAt: number;
  input: Input;
  newId: () => string;
  /** Applies the tenant's extraction rules to parsed fields, in place. */
  extract?: (fields: Record<string, FieldValue | undefined>) => void;
  limits?: EventLimits;
  window?: TimeWindow;
  marks?: BuildMarks;
}

/** A new, zeroed marks counter. */
export function newBuildMarks(): BuildMarks {
  return { truncated: 0, timestampInvalid: 0, invalid: 0, unparsed: 0 };
}

/**
 * The event for one raw item, or a string: the reason the item cannot be an event (JSON that is not
 * an object, a non-text message). Never throws on any input.
 */
export function buildEvent(item: RawItem, ctx: BuildContext): VigilEvent | string {
  let fields: Record<string, FieldValue | undefined>;
  let original: string | undefined;
  if (item.kind === 'json') {
    const n = normalizeJson(item.value, ctx.limits);
    if ('error' in n) return n.error;
    fields = n.fields;
    original = item.original;
  } else {
    const r = parseLine(item.line, { receivedAt: ctx.receivedAt, sourceIp: item.sourceIp }, item.parser);
    if (!r.ok && ctx.marks) ctx.marks.unparsed++;
    fields = r.fields;
    original = item.line;
    // The parser sets host.ip from the sender when the line names no host; the observer is always the sender.
    if (item.sourceIp) fields['observer.ip'] ??= item.sourceIp;
    if (item.fields) Object.assign(fields, item.fields);
  }
  ctx.extract?.(fields);
  return finalizeEvent(fields, { id: ctx.newId(), receivedAt: ctx.receivedAt, input: ctx.input, original, limits: ctx.limits, window: ctx.window, marks: ctx.marks });
}
