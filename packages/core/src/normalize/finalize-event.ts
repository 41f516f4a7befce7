/**
 * @module normalize/finalize-event
 * The last normalize step every event passes, whatever its source: it gets its id, event time,
 * ingest time, message, input and a valid severity. Pure: clock and id are passed in.
 */
import type { FieldValue, Input, VigilEvent } from '@vigil/contracts';
import { HOT_FIELDS, IP_FIELDS, isSeverity } from '@vigil/contracts';
import { parseTimestamp, isoOf } from './timestamp.ts';
import { mapSeverity } from './severity-map.ts';
import { canonicalIP } from '../ip/index.ts';

export interface FinalizeContext {
  id: string;
  receivedAt: number;
  input: Input;
  /** The raw text the event came from, kept as `event.original` unless the fields carry one. */
  original?: string;
}

/** Fields the pipeline owns: senders cannot set them. */
const OWNED = new Set(['id', '@timestamp', 'event.ingested', 'vigil.input', 'message']);

/** Hot fields stored as text columns: a non-text value is turned into text so columns and documents agree. */
const TEXT_FIELDS = new Set(HOT_FIELDS.filter((h) => h.kind === 'text' && !OWNED.has(h.field)).map((h) => h.field));
/** Hot fields stored as IP columns: a value that is not an IP moves to `vigil.invalid.<field>`. */
const IP_COLUMNS = new Set(HOT_FIELDS.filter((h) => h.kind === 'ip').map((h) => h.field));

/**
 * An `ip` field's value in canonical text (`2001:DB8::1` -> `2001:db8::1`), so equality in every engine
 * is equality of addresses; lists are canonicalised item by item. Null when the value holds no address.
 */
function canonicalIPValue(v: FieldValue): FieldValue | null {
  if (typeof v === 'string') return canonicalIP(v);
  if (!Array.isArray(v)) return null;
  let out: FieldValue[] | null = null;
  for (let i = 0; i < v.length; i++) {
    const item = v[i]!;
    const c = typeof item === 'string' ? canonicalIP(item) : null;
    if (c !== null && c !== item) (out ??= v.slice())[i] = c;
  }
  return out ?? v;
}

let lastReceived = NaN;
let lastReceivedIso = '';

/** ISO text of the ingest time; batches share one receivedAt, so it is formatted once. */
function ingestedIso(ms: number): string {
  if (ms !== lastReceived) {
    lastReceived = ms;
    lastReceivedIso = isoOf(ms);
  }
  return lastReceivedIso;
}

/** `@timestamp` as canonical ISO UTC text, or null when it is missing or not a time. */
function eventTime(v: FieldValue | undefined): string | null {
  // Fast path: already canonical (what parsers and most senders produce).
  if (typeof v === 'string' && v.length === 24 && v.charCodeAt(23) === 90 && v.charCodeAt(10) === 84 && v.charCodeAt(19) === 46) {
    return Number.isFinite(Date.parse(v)) ? v : null;
  }
  const ms = parseTimestamp(v);
  return ms === null ? null : isoOf(ms);
}

/** Completes flat fields into a stored-shape VigilEvent in one pass (no deletes: objects stay fast). */
export function finalizeEvent(fields: Record<string, FieldValue | undefined>, ctx: FinalizeContext): VigilEvent {
  const rawTs = fields['@timestamp'];
  const ts = eventTime(rawTs);
  const msg = fields.message;
  const out: Record<string, FieldValue> = {
    id: ctx.id,
    '@timestamp': ts ?? ingestedIso(ctx.receivedAt),
    'event.ingested': ingestedIso(ctx.receivedAt),
    message: typeof msg === 'string' ? msg : msg === undefined || msg === null ? (ctx.original ?? '') : JSON.stringify(msg),
    'vigil.input': ctx.input,
  };
  if (ts === null && rawTs !== undefined && rawTs !== null) out['vigil.timestamp_invalid'] = String(rawTs).slice(0, 200);
  for (const k in fields) {
    const v = fields[k];
    if (v === undefined || OWNED.has(k)) continue;
    if (TEXT_FIELDS.has(k)) {
      if (v !== null) out[k] = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
    } else if (IP_FIELDS.has(k)) {
      const c = v === null ? null : canonicalIPValue(v);
      if (c !== null && (typeof c === 'string' || !IP_COLUMNS.has(k))) out[k] = c;
      else if (IP_COLUMNS.has(k)) {
        if (v !== null) out[`vigil.invalid.${k}`] = typeof v === 'string' ? v : JSON.stringify(v);
      } else out[k] = v;
    } else out[k] = v;
  }
  if (out['event.original'] === undefined && ctx.original !== undefined) out['event.original'] = ctx.original;
  if (!isSeverity(out['vigil.severity'])) {
    out['vigil.severity'] = mapSeverity(out['vigil.severity']) ?? mapSeverity(out['log.level']) ?? mapSeverity(out['log.syslog.severity.code']) ?? mapSeverity(out['event.severity']) ?? mapSeverity(out.severity) ?? mapSeverity(out.level) ?? 'info';
  }
  return out as VigilEvent;
}
