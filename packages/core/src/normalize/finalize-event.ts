/**
 * @module normalize/finalize-event
 * The last normalize step every event passes, whatever its source: it gets its id, event time,
 * ingest time, message, input and a valid severity. Pure: clock and id are passed in.
 */
import type { FieldValue, Input, VigilEvent } from '@vigil/contracts';
import { isSeverity } from '@vigil/contracts';
import { parseTimestamp, isoOf } from './timestamp.ts';
import { mapSeverity } from './severity-map.ts';
import { isIP } from './ip.ts';

export interface FinalizeContext {
  id: string;
  receivedAt: number;
  input: Input;
  /** The raw text the event came from, kept as `event.original` unless the fields carry one. */
  original?: string;
}

/** Fields the pipeline owns: senders cannot set them. */
const OWNED = ['id', 'event.ingested', 'vigil.input'] as const;

/** Hot fields stored as text columns: a non-text value is turned into text so columns and documents agree. */
const TEXT_FIELDS = ['event.dataset', 'event.action', 'event.outcome', 'host.name', 'user.name'] as const;
/** Hot fields stored as IP columns: a value that is not an IP moves to `vigil.invalid.<field>`. */
const IP_FIELDS = ['source.ip', 'destination.ip'] as const;

/** Completes flat fields into a stored-shape VigilEvent. */
export function finalizeEvent(fields: Record<string, FieldValue | undefined>, ctx: FinalizeContext): VigilEvent {
  const out: Record<string, FieldValue | undefined> = { ...fields };
  for (const k of OWNED) delete out[k];
  const ts = parseTimestamp(fields['@timestamp']);
  out['@timestamp'] = isoOf(ts ?? ctx.receivedAt);
  if (ts === null && fields['@timestamp'] !== undefined) out['vigil.timestamp_invalid'] = String(fields['@timestamp']).slice(0, 200);
  const msg = fields.message;
  out.message = typeof msg === 'string' ? msg : msg === undefined || msg === null ? (ctx.original ?? '') : JSON.stringify(msg);
  if (out['event.original'] === undefined && ctx.original !== undefined) out['event.original'] = ctx.original;
  const sev = out['vigil.severity'];
  if (!isSeverity(sev)) {
    const mapped = mapSeverity(sev) ?? mapSeverity(out['log.level']) ?? mapSeverity(out['log.syslog.severity.code']) ?? mapSeverity(out['event.severity']) ?? mapSeverity(out.severity) ?? mapSeverity(out.level);
    out['vigil.severity'] = mapped ?? 'info';
  }
  for (const k of TEXT_FIELDS) {
    const v = out[k];
    if (v === null) delete out[k];
    else if (v !== undefined && typeof v !== 'string') out[k] = typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  for (const k of IP_FIELDS) {
    const v = out[k];
    if (v === undefined) continue;
    if (typeof v !== 'string' || isIP(v) === 0) {
      delete out[k];
      if (v !== null) out[`vigil.invalid.${k}`] = typeof v === 'string' ? v : JSON.stringify(v);
    }
  }
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return { ...(out as Record<string, FieldValue>), id: ctx.id, '@timestamp': out['@timestamp'] as string, 'event.ingested': isoOf(ctx.receivedAt), message: out.message as string, 'vigil.input': ctx.input } as VigilEvent;
}
