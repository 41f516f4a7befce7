/**
 * @module parsers/parse-line
 * The parse stage: envelope (syslog header) → body parsers on the message → common fields.
 * Always returns an event: never throws, never drops a line.
 */
import type { FieldValue } from '@vigil/contracts';
import type { Envelope, ParseContext, ParseResult, Parser } from './types.ts';
import { getParser, parsersByStage } from './registry.ts';
import { fallbackResult, finalizeFields } from './finalize.ts';

const MAX_LINE = 1 << 20;

/** Runs the first envelope parser that claims the line; null when none does. */
function runEnvelope(line: string, ctx: ParseContext, envelopes: readonly Parser[]): ParseResult | null {
  for (const p of envelopes) {
    if (p.detect && !p.detect(line, ctx)) continue;
    const r = p.parse(line, ctx);
    if (r) return r;
  }
  return null;
}

/** Runs body parsers in priority order on `text`; the first non-null result wins. */
function runBodies(text: string, ctx: ParseContext, bodies: readonly Parser[]): ParseResult | null {
  for (const p of bodies) {
    if (p.detect && !p.detect(text, ctx)) continue;
    const r = p.parse(text, ctx);
    if (r) return r;
  }
  return null;
}

/** The context body parsers see: the caller's plus what the envelope found. */
function bodyContext(ctx: ParseContext, env: ParseResult): ParseContext {
  const envelope: Envelope = {
    fields: env.fields,
    content: env.payload?.content ?? '',
    appname: env.payload?.appname,
  };
  // One object shape for every call: cheaper than a spread on the hot path.
  return {
    receivedAt: ctx.receivedAt,
    sourceIp: ctx.sourceIp,
    defaultYear: ctx.defaultYear,
    timezoneOffsetMinutes: ctx.timezoneOffsetMinutes,
    envelope,
  };
}

/** Envelope fields overlaid with body fields (the body knows the message better than the header); reuses the envelope's object. */
function merge(env: ParseResult, body: ParseResult): ParseResult {
  const envFields = env.fields;
  const bodyFields = body.fields;
  const headerTime = envFields['@timestamp'];
  // The header's fields fill what the body left out (cheaper than copying a large body).
  const fields = bodyFields;
  for (const k in envFields) if (fields[k] === undefined) fields[k] = envFields[k] as FieldValue;
  // The device's own event time wins; the syslog header's time is when the sender wrote the record.
  if (headerTime !== undefined && bodyFields['@timestamp'] !== undefined && bodyFields['@timestamp'] !== headerTime) {
    fields['event.created'] = headerTime;
  }
  return { fields, parser: chainName(env.parser, body.parser), ok: true };
}

const CHAINS = new Map<string, string>();

/** `envelope+body`, one string per pair of parsers. */
function chainName(envelope: string, body: string): string {
  const key = `${envelope}\u0000${body}`;
  let name = CHAINS.get(key);
  if (name === undefined) {
    name = `${envelope}+${body}`;
    if (CHAINS.size < 1024) CHAINS.set(key, name);
  }
  return name;
}

function parseAuto(line: string, ctx: ParseContext): ParseResult {
  const { envelope, body } = parsersByStage();
  const env = runEnvelope(line, ctx, envelope);
  if (env) {
    const text = env.payload?.message ?? '';
    const b = runBodies(text, bodyContext(ctx, env), body);
    const r = b ? merge(env, b) : { fields: env.fields, parser: env.parser, ok: true };
    finalizeFields(r.fields, line, ctx);
    return r;
  }
  const b = runBodies(line, ctx, body);
  if (b) {
    finalizeFields(b.fields, line, ctx);
    return { fields: b.fields, parser: b.parser, ok: true };
  }
  return fallbackResult(line, ctx);
}

function parsePinned(line: string, ctx: ParseContext, name: string): ParseResult {
  const p = getParser(name);
  if (!p) return fallbackResult(line, ctx, `unknown parser "${name}"`);
  if (p.stage === 'envelope') {
    const env = p.parse(line, ctx);
    if (!env) return fallbackResult(line, ctx, `not ${name}`);
    const b = runBodies(env.payload?.message ?? '', bodyContext(ctx, env), parsersByStage().body);
    const r = b ? merge(env, b) : { fields: env.fields, parser: env.parser, ok: true };
    finalizeFields(r.fields, line, ctx);
    return r;
  }
  const direct = p.parse(line, ctx);
  if (direct) {
    finalizeFields(direct.fields, line, ctx);
    return { fields: direct.fields, parser: direct.parser, ok: true };
  }
  const env = runEnvelope(line, ctx, parsersByStage().envelope);
  if (env) {
    const b = p.parse(env.payload?.message ?? '', bodyContext(ctx, env));
    if (b) {
      const r = merge(env, b);
      finalizeFields(r.fields, line, ctx);
      return r;
    }
  }
  return fallbackResult(line, ctx, `not ${name}`);
}

/**
 * Parses one line into a flat ECS event. `pinned` names a parser to use instead of auto-detection
 * (a body parser still gets the syslog header stripped). Never throws; a line nothing understands
 * comes back with `ok: false`, `event.dataset: "unknown"` and `vigil.unparsed: true`.
 */
export function parseLine(line: string, ctx: ParseContext, pinned?: string): ParseResult {
  const text = typeof line === 'string' ? line : String(line ?? '');
  try {
    // Very long lines are parsed on their first MiB only; event.original keeps everything.
    let subject = text.length > MAX_LINE ? text.slice(0, MAX_LINE) : text;
    // Framing leftovers: a leading blank, a trailing CR/LF.
    const c0 = subject.charCodeAt(0);
    if (c0 === 32 || c0 === 9) subject = subject.trimStart();
    const cz = subject.charCodeAt(subject.length - 1);
    if (cz === 10 || cz === 13) subject = subject.replace(/[\r\n]+$/, '');
    const r = pinned ? parsePinned(subject, ctx, pinned) : parseAuto(subject, ctx);
    r.fields['event.original'] = text;
    r.fields['vigil.parser'] = r.parser;
    return r;
  } catch (err) {
    return fallbackResult(text, ctx, `parser error: ${err instanceof Error ? err.message : String(err)}`);
  }
}
