/**
 * @module query/values
 * Value semantics shared by the predicate and the SQL compilers, so both answer alike.
 */
import { fieldType, severityRank } from '@vigil/contracts';
import { canonicalIP } from '../ip/index.ts';

/** True when the literal is a number (`404`, `-1.5`). */
export function isNumericLiteral(text: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(text);
}

/** Fields compared by severity rank. */
export const SEVERITY_FIELD = 'vigil.severity';
/** Fields holding event time, compared as instants. */
export const TIME_FIELDS = new Set(['@timestamp', 'event.ingested']);

/** Epoch ms of a time literal (ISO 8601 or epoch ms), or null. */
export function timeLiteral(text: string): number | null {
  if (/^\d{10,16}$/.test(text)) return Number(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const ms = Date.parse(/[zZ]$|[+-]\d{2}:?\d{2}$/.test(text) || text.length === 10 ? text : `${text}Z`);
  return Number.isFinite(ms) ? ms : null;
}

/** Severity rank of a literal, or -1. */
export function severityLiteral(text: string): number {
  return severityRank(text.toLowerCase());
}

/** Most folded strings kept (cleared when full: a cache, not a record). */
const FOLD_CACHE_SIZE = 4096;
const FOLDED = new Map<string, string>();

/** Lower-cases ASCII letters only (the case folding SQLite's LIKE applies). */
export function asciiLower(s: string): string {
  let lower = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      lower = true;
      break;
    }
  }
  if (!lower) return s;
  // Many case-insensitive rules fold the same event value (Sigma: ~1,000 rules read one command line);
  // folding once per distinct string and looking it up (V8 caches a string's hash) is ~10x cheaper.
  const hit = FOLDED.get(s);
  if (hit !== undefined) return hit;
  const folded = s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
  if (FOLDED.size >= FOLD_CACHE_SIZE) FOLDED.clear();
  FOLDED.set(s, folded);
  return folded;
}

/**
 * A test for "`text` contains `needle`" under ASCII case folding (what `asciiLower(text).includes(
 * asciiLower(needle))` answers) that never folds or allocates: each ASCII letter becomes a two-letter
 * class in one regular expression (`[pP][aA]...`), every other character is matched as it is. Folding
 * each distinct message first cost ~100x more when messages do not repeat (the fold cache thrashes).
 */
export function asciiFoldIncludes(needle: string): (text: string) => boolean {
  let src = '';
  for (const ch of needle) {
    const c = ch.charCodeAt(0);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) src += `[${ch.toLowerCase()}${ch.toUpperCase()}]`;
    else src += ch.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  }
  const re = new RegExp(src);
  return (text) => re.test(text);
}

/** Marks for escaped wildcard characters in parsed values (kept literal). */
export const LIT_STAR = '\u0001';
export const LIT_QMARK = '\u0002';

/**
 * The value a term compares with. Normalize stores `ip` fields in canonical text, so an address in a
 * query is canonicalised too: `source.ip:2001:DB8::1` finds `2001:db8::1`.
 */
export function termValue(field: string, value: string): string {
  return fieldType(field) === 'ip' ? (canonicalIP(value) ?? value) : value;
}
