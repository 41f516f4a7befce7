/**
 * @module normalize/finalize-event
 * The last normalize step every event passes, whatever its source: it gets its id, event time,
 * ingest time, message, input and a valid severity; IP fields are canonical; the event limits hold.
 * What could not be kept as sent is marked, never silently changed: `vigil.timestamp_invalid`
 * (an event time outside the accepted window), `vigil.invalid.<field>` (a value its hot column cannot
 * hold, an unknown severity) and `vigil.truncated`. Pure: clock and id are passed in.
 */
import type { FieldValue, Input, VigilEvent } from '@vigil/contracts';
import { HOT_FIELDS, IP_FIELDS, isSeverity } from '@vigil/contracts';
import { parseTimestamp, isoOf } from './timestamp.ts';
import { mapSeverity } from './severity-map.ts';
import { canonicalIP } from '../ip/index.ts';
import { DEFAULT_EVENT_LIMITS, TRUNCATED_FIELD, cutText, isTextField, markTruncated, type EventLimits } from './event-limits.ts';

/** Counts of what normalize marked, one per event and kind (the pipeline adds them to /metrics). */
export interface EventMarks {
  /** Events with something cut (`vigil.truncated`). */
  truncated: number;
  /** Events whose `@timestamp` was replaced by the ingest time (`vigil.timestamp_invalid`). */
  timestampInvalid: number;
  /** Events with a value moved aside (`vigil.invalid.*`). */
  invalid: number;
}

/** The accepted event-time window around the ingest time. */
export interface TimeWindow {
  /** How far an event time may lie after the ingest time (clock skew, time zones). */
  maxFutureMs: number;
  /** How far an event time may lie before the ingest time (the server passes its retention). */
  maxPastMs: number;
}

/** 30 days ahead, 100 years back (the server narrows the past to its retention). */
export const DEFAULT_TIME_WINDOW: Readonly<TimeWindow> = { maxFutureMs: 30 * 86_400_000, maxPastMs: 36_500 * 86_400_000 };

export interface FinalizeContext {
  id: string;
  receivedAt: number;
  input: Input;
  /** The raw text the event came from, kept as `event.original` unless the fields carry one. */
  original?: string;
  limits?: EventLimits;
  window?: TimeWindow;
  /** Where to count marks (optional; shared by a batch). */
  marks?: EventMarks;
}

/** Fields the pipeline owns: senders cannot set them. */
const OWNED = new Set(['id', '@timestamp', 'event.ingested', 'vigil.input', 'message']);

/** Hot fields stored as text columns: a non-text value is turned into text so columns and documents agree. */
const TEXT_FIELDS = new Set(HOT_FIELDS.filter((h) => h.kind === 'text' && !OWNED.has(h.field)).map((h) => h.field));
/** Hot fields stored as IP columns: a value that is not an IP moves to `vigil.invalid.<field>`. */
const IP_COLUMNS = new Set(HOT_FIELDS.filter((h) => h.kind === 'ip').map((h) => h.field));

/** Longest `@timestamp` text read as a time (the longest RFC 3339 form with nanoseconds is 35). */
const MAX_TIME_TEXT = 64;

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

/** `@timestamp` as canonical ISO UTC text inside the window, or null when it is missing, not a time or outside. */
function eventTime(v: FieldValue | undefined, receivedAt: number, w: TimeWindow): string | null {
  let ms: number | null;
  // Fast path: already canonical (what parsers and most senders produce).
  if (typeof v === 'string' && v.length === 24 && v.charCodeAt(23) === 90 && v.charCodeAt(10) === 84 && v.charCodeAt(19) === 46) {
    ms = Date.parse(v);
    if (!Number.isFinite(ms)) return null;
    return ms <= receivedAt + w.maxFutureMs && ms >= receivedAt - w.maxPastMs ? v : null;
  }
  if (typeof v === 'string' && v.length > MAX_TIME_TEXT) return null;
  ms = parseTimestamp(v);
  // The window also keeps isoOf in Date's range (a numeric 1e22 would throw there).
  if (ms === null || !(ms <= receivedAt + w.maxFutureMs && ms >= receivedAt - w.maxPastMs)) return null;
  return isoOf(ms);
}

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

/** A value as bounded text for a `vigil.invalid.*` / `vigil.timestamp_invalid` marker. */
function markerText(v: FieldValue, max: number): string {
  const t = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return t.length > max ? cutText(t, max) : t;
}

/** Completes flat fields into a stored-shape VigilEvent in one pass (no deletes: objects stay fast). */
export function finalizeEvent(fields: Record<string, FieldValue | undefined>, ctx: FinalizeContext): VigilEvent {
  const limits = ctx.limits ?? DEFAULT_EVENT_LIMITS;
  const rawTs = fields['@timestamp'];
  const ts = eventTime(rawTs, ctx.receivedAt, ctx.window ?? DEFAULT_TIME_WINDOW);
  const msg = fields.message;
  let message = typeof msg === 'string' ? msg : msg === undefined || msg === null ? (ctx.original ?? '') : JSON.stringify(msg);
  let cut: string[] | null = null;
  if (message.length > limits.maxTextLength) {
    message = cutText(message, limits.maxTextLength);
    (cut ??= []).push('message');
  }
  const out: Record<string, FieldValue> = {
    id: ctx.id,
    '@timestamp': ts ?? ingestedIso(ctx.receivedAt),
    'event.ingested': ingestedIso(ctx.receivedAt),
    message,
    'vigil.input': ctx.input,
  };
  let invalid = false;
  const timeInvalid = ts === null && rawTs !== undefined && rawTs !== null;
  if (timeInvalid) out['vigil.timestamp_invalid'] = markerText(rawTs, 200);
  let count = 0;
  for (const k in fields) {
    const v = fields[k];
    if (v === undefined || OWNED.has(k)) continue;
    // Parsers (key=value lines) and extraction rules can produce any number of fields: bound them here.
    if (++count > limits.maxFields || k.length > limits.maxNameLength) {
      (cut ??= []).push(k);
      continue;
    }
    if (typeof v === 'string' && v.length > limits.maxValueLength && (v.length > limits.maxTextLength || !isTextField(k))) {
      out[k] = cutText(v, isTextField(k) ? limits.maxTextLength : limits.maxValueLength);
      (cut ??= []).push(k);
    } else if (TEXT_FIELDS.has(k)) {
      if (v !== null) out[k] = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
    } else if (IP_FIELDS.has(k)) {
      const c = v === null ? null : canonicalIPValue(v);
      if (c !== null && (typeof c === 'string' || !IP_COLUMNS.has(k))) out[k] = c;
      else if (IP_COLUMNS.has(k)) {
        if (v !== null) {
          out[`vigil.invalid.${k}`] = markerText(v, limits.maxValueLength);
          invalid = true;
        }
      } else out[k] = v;
    } else out[k] = v;
  }
  if (out['event.original'] === undefined && ctx.original !== undefined) {
    const original = ctx.original;
    if (original.length <= limits.maxTextLength) out['event.original'] = original;
    else {
      out['event.original'] = cutText(original, limits.maxTextLength);
      (cut ??= []).push('event.original');
    }
  }
  const severity = out['vigil.severity'];
  if (!isSeverity(severity)) {
    const mapped = mapSeverity(severity);
    // A value no mapping knows is kept aside, not silently turned into another level.
    if (mapped === null && severity !== undefined && severity !== null) {
      out['vigil.invalid.severity'] = markerText(severity, 200);
      invalid = true;
    }
    out['vigil.severity'] = mapped ?? mapSeverity(out['log.level']) ?? mapSeverity(out['log.syslog.severity.code']) ?? mapSeverity(out['event.severity']) ?? mapSeverity(out.severity) ?? mapSeverity(out.level) ?? 'info';
  }
  if (cut) for (const name of cut) markTruncated(out, name);
  const marks = ctx.marks;
  if (marks) {
    if (out[TRUNCATED_FIELD] !== undefined) marks.truncated++;
    if (timeInvalid) marks.timestampInvalid++;
    if (invalid) marks.invalid++;
  }
  return out as VigilEvent;
}
