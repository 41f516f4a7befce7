/**
 * @module parsers/finalize
 * The fields every parsed event carries, whichever parser produced it, and the fallback event for
 * lines nothing understood.
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from './types.ts';
import { syslogSeverity } from './shared/syslog-codes.ts';
import { toIso } from './shared/time.ts';

/** `event.dataset` of a line no parser understood; such events also carry `vigil.unparsed: true`. */
export const UNKNOWN_DATASET = 'unknown';

/** Fills the always-present fields (`event.original`, `message`, `@timestamp`, dataset, kind, outcome, severity, host). */
export function finalizeFields(fields: Record<string, FieldValue>, line: string, ctx: ParseContext): Record<string, FieldValue> {
  fields['event.original'] = line;
  if (typeof fields.message !== 'string') fields.message = line;
  if (typeof fields['@timestamp'] !== 'string') fields['@timestamp'] = toIso(ctx.receivedAt);
  if (fields['event.dataset'] === undefined) fields['event.dataset'] = 'syslog';
  if (fields['event.kind'] === undefined) fields['event.kind'] = 'event';
  if (fields['event.outcome'] === undefined) fields['event.outcome'] = 'unknown';
  if (fields['vigil.severity'] === undefined) {
    const code = fields['log.syslog.severity.code'];
    fields['vigil.severity'] = typeof code === 'number' ? syslogSeverity(code) : 'info';
  }
  if (ctx.sourceIp) {
    fields['log.source.address'] = ctx.sourceIp;
    // The sender is the host when the line names none (issue 3: observer.ip always, host.ip then).
    if (fields['host.name'] === undefined && fields['host.ip'] === undefined) fields['host.ip'] = ctx.sourceIp;
  }
  return fields;
}

/** The event for a line nothing understood: the text is kept whole in `message`, `ok` is false. */
export function fallbackResult(line: string, ctx: ParseContext, reason?: string): ParseResult {
  const fields: Record<string, FieldValue> = {
    message: line,
    'event.dataset': UNKNOWN_DATASET,
    'vigil.unparsed': true,
  };
  if (reason) fields['vigil.parse_error'] = reason;
  return { fields: finalizeFields(fields, line, ctx), parser: 'none', ok: false };
}
