/**
 * @module parsers/grok/grok-parser
 * A custom extraction rule as a registrable body parser: a grok pattern, the dataset it produces,
 * and optionally the syslog program it applies to.
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult, Parser } from '../types.ts';
import { compileGrok } from './compile-grok.ts';
import { toIso } from '../shared/time.ts';
import { parseVendorTime } from '../shared/vendor-time.ts';
import { parseHttpDate } from '../web-access/http-date.ts';

/** A user extraction rule. */
export interface GrokRule {
  /** Registry name of the resulting parser. */
  name: string;
  /** The grok pattern. */
  pattern: string;
  /** `event.dataset` of matched lines. */
  dataset: string;
  /** User patterns referenced by `pattern`. */
  library?: Readonly<Record<string, string>>;
  /** Only lines whose syslog program is one of these (cheap pre-filter). */
  appnames?: readonly string[];
  /** Only lines containing this text (cheap pre-filter before the regex). */
  contains?: string;
  /** Priority among body parsers (default 30: after vendors, before generic formats). */
  priority?: number;
  /** Fields added to every matched event (`event.category`, `observer.vendor`, …). */
  add?: Readonly<Record<string, FieldValue>>;
}

/** Builds a body parser from a rule; throws a coded `VigilError` when the pattern is invalid. */
export function grokParser(rule: GrokRule): Parser {
  const matcher = compileGrok(rule.pattern, rule.library);
  const apps = rule.appnames ? new Set(rule.appnames) : undefined;
  return {
    name: rule.name,
    priority: rule.priority ?? 30,
    datasets: [rule.dataset],
    detect(line: string, ctx?: ParseContext): boolean {
      if (apps && (ctx?.envelope?.appname === undefined || !apps.has(ctx.envelope.appname))) return false;
      return rule.contains === undefined || line.includes(rule.contains);
    },
    parse(line: string, ctx: ParseContext): ParseResult | null {
      const got = matcher.match(line);
      if (!got) return null;
      const fields: Record<string, FieldValue> = { 'event.dataset': rule.dataset, ...(rule.add ?? {}), ...got };
      // A captured "timestamp" becomes the event time when it can be read.
      const ts = got.timestamp ?? got['@timestamp'];
      if (typeof ts === 'string') {
        let ms = parseVendorTime(ts, ctx);
        if (Number.isNaN(ms)) ms = parseHttpDate(ts, 0, ctx.timezoneOffsetMinutes ?? 0);
        if (!Number.isNaN(ms)) fields['@timestamp'] = toIso(ms);
        else delete fields['@timestamp'];
        if (got.timestamp !== undefined) {
          fields[`${rule.name}.timestamp`] = ts;
          delete fields.timestamp;
        }
      }
      return { fields, parser: rule.name, ok: true };
    },
  };
}
