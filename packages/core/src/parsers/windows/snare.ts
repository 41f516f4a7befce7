/**
 * @module parsers/windows/snare
 * Snare's tab-delimited Windows events (`MSWinEventLog<TAB>criticality<TAB>channel<TAB>record<TAB>time<TAB>
 * eventID<TAB>source<TAB>user<TAB>SID type<TAB>event type<TAB>computer<TAB>category<TAB>data<TAB>description<TAB>counter`),
 * usually inside syslog; NXLog's `im_msvistalog` + `to_syslog_snare()` writes the same.
 */
import type { ParseContext, ParseResult } from '../types.ts';
import { parseCtime, toIso } from '../shared/time.ts';
import { windowsFields } from './event-data.ts';
import { descriptionSummary, parseDescription } from './description.ts';

const MARKER = 'MSWinEventLog';

/** Where the Snare record starts in `text`, or -1. */
export function snareStart(text: string): number {
  const at = text.indexOf(MARKER);
  return at >= 0 && at < 64 ? at : -1;
}

/** Parses a Snare record found in the message or the syslog content; null when there is none. */
export function parseSnare(text: string, ctx: ParseContext): ParseResult | null {
  let source = text;
  let at = snareStart(text);
  if (at < 0 && ctx.envelope) {
    source = ctx.envelope.content;
    at = snareStart(source);
  }
  if (at < 0) return null;
  const sep = source.charAt(at + MARKER.length);
  if (sep !== '\t' && sep !== ' ') return null;
  const parts = source.slice(at + MARKER.length + 1).split(sep === '\t' ? '\t' : /\s{1,}/);
  if (parts.length < 10) return null;
  const [, channel, record, time, eventId, provider, user, , eventType, computer, category, , description] = parts;
  const desc = description ?? '';
  const data = parseDescription(desc);
  if (user && user !== 'N/A' && !data.has('SubjectUserName') && !data.has('TargetUserName')) data.set('TargetUserName', user);
  const type = (eventType ?? '').toLowerCase();
  const f = windowsFields({
    eventId,
    channel,
    provider,
    computer,
    recordId: record,
    keywordsOutcome: type === 'success audit' ? 'success' : type === 'failure audit' ? 'failure' : undefined,
    data,
    message: desc.trim() || descriptionSummary(desc) || category,
  });
  if (category) f['winlog.task'] = category;
  if (eventType) f['winlog.event_type'] = eventType;
  const t = time ? parseCtime(time, 0, ctx.timezoneOffsetMinutes ?? 0) : null;
  if (t) f['@timestamp'] = toIso(t.ms);
  if (type === 'error') f['vigil.severity'] = 'medium';
  else if (type === 'warning') f['vigil.severity'] = 'low';
  return { fields: f, parser: 'snare', ok: true };
}
