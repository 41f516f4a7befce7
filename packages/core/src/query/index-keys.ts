/**
 * @module query/index-keys
 * The keys of the deferred search index and which of them a query needs. The index maps keys to the
 * timestamps of the events that hold them; a search reads the keys its query needs, and every event
 * the query matches is among the events those keys point to (a superset: the query itself still
 * decides). That is the whole contract, and it is why the keys are chosen as they are:
 *
 * - Full text is a case-insensitive (ASCII) *substring* of `message`, so words are not enough: `rig`
 *   finds `xmrig`. The keys are the message's trigrams of *word units* — UTF-16 code units that are
 *   ASCII letters (folded to lower case), digits, or anything non-ASCII; any message containing a
 *   literal run of three word units contains that trigram. Trigrams with spaces or punctuation are
 *   left out: they were two thirds of the postings (` - `, `.1.`) and narrow nothing a word does not.
 *   Wildcards (`*`, `?`) cut a pattern into literal runs; a pattern without three word units in a row
 *   (`ab`, `10.1.2.3`) gives no key and is scanned.
 * - Hot text and IP fields (`source.ip`, `user.name`, …) are compared by equality on their column:
 *   one key per (column, ASCII-lower-cased value), which `field|i:` needs too.
 * Keys are plain numbers below 2^53: a trigram is its three units, a field value a 32-bit hash above
 * 2^48 (a collision only adds candidates).
 */
import { HOT_FIELDS } from '@vigil/contracts';
import type { QueryNode } from './ast.ts';
import { isNumericLiteral, LIT_QMARK, LIT_STAR, termValue } from './values.ts';

/** What a query needs from the index: keys combined by AND / OR (null: the index cannot narrow it). */
export type KeyPlan = { type: 'key'; key: number } | { type: 'and' | 'or'; children: KeyPlan[] };

/** The hot fields whose values the index keeps, with their key number (text and IP columns but id and message). */
export const INDEXED_FIELDS: readonly { field: string; column: string; kind: 'text' | 'ip' }[] = HOT_FIELDS.filter((h) => (h.kind === 'text' || h.kind === 'ip') && h.field !== 'id' && h.field !== 'message').map((h) => ({ field: h.field, column: h.column, kind: h.kind as 'text' | 'ip' }));

const FIELD_NUMBER: ReadonlyMap<string, number> = new Map(INDEXED_FIELDS.map((f, i) => [f.field, i]));

const P16 = 65_536;
const P32 = 4_294_967_296;
const P48 = 281_474_976_710_656;

/** At most this many trigram keys per text condition: an AND of a subset is still a superset, and long phrases stay cheap. */
const MAX_TEXT_KEYS = 12;

function fold(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** A UTF-16 unit as the index sees it: ASCII letters folded to lower case, digits and non-ASCII as they are, -1 for other ASCII (not part of a word). */
export function wordUnit(c: number): number {
  if (c >= 97 && c <= 122) return c;
  if (c >= 65 && c <= 90) return c + 32;
  if (c >= 48 && c <= 57) return c;
  return c >= 128 ? c : -1;
}

/** The key of the trigram of three word units (`wordUnit` values, none -1). */
export function trigramKey(a: number, b: number, c: number): number {
  return a * P32 + b * P16 + c;
}

/** Calls `fn` with the key of every trigram of word units in `text`, in order; repeats are not removed. */
export function forEachTrigram(text: string, fn: (key: number) => void): void {
  const n = text.length;
  if (n < 3) return;
  let a = wordUnit(text.charCodeAt(0));
  let b = wordUnit(text.charCodeAt(1));
  for (let i = 2; i < n; i++) {
    const c = wordUnit(text.charCodeAt(i));
    if (a >= 0 && b >= 0 && c >= 0) fn(trigramKey(a, b, c));
    a = b;
    b = c;
  }
}

/** 32-bit FNV-1a over UTF-16 units with ASCII letters folded, then a final mix. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ fold(s.charCodeAt(i)), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** The key of an indexed field's value (`INDEXED_FIELDS[fieldNumber]`); ASCII case does not change it. */
export function fieldKey(fieldNumber: number, value: string): number {
  return P48 + fieldNumber * P32 + hash32(value);
}

/** The literal runs of a pattern: cut at wildcards (when `wildcard`) and at the escaped-wildcard marks. */
function literalRuns(value: string, wildcard: boolean): string[] {
  const runs: string[] = [];
  let cur = '';
  for (const ch of value) {
    if (ch === LIT_STAR || ch === LIT_QMARK || (wildcard && (ch === '*' || ch === '?'))) {
      if (cur) runs.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) runs.push(cur);
  return runs;
}

function textPlan(runs: readonly string[]): KeyPlan | null {
  const keys = new Set<number>();
  for (const r of runs) forEachTrigram(r, (k) => keys.add(k));
  if (!keys.size) return null;
  let list = [...keys];
  if (list.length > MAX_TEXT_KEYS) {
    // Spread over the whole pattern rather than its first letters.
    const step = list.length / MAX_TEXT_KEYS;
    list = Array.from({ length: MAX_TEXT_KEYS }, (_, i) => list[Math.floor(i * step)]!);
  }
  return list.length === 1 ? { type: 'key', key: list[0]! } : { type: 'and', children: list.map((key) => ({ type: 'key', key })) };
}

/**
 * The keys a query needs: every event the query matches holds them (null when the index cannot narrow
 * the query, e.g. `NOT`, ranges, regexes, document fields, words shorter than three letters).
 */
export function keyPlan(ast: QueryNode): KeyPlan | null {
  switch (ast.type) {
    case 'text':
      return textPlan(literalRuns(ast.value, ast.wildcard));
    case 'term': {
      if (ast.field === 'message') return textPlan(literalRuns(ast.value, false));
      const n = FIELD_NUMBER.get(ast.field);
      if (n === undefined) return null;
      // PostgreSQL reads IP fields from the document, where `source.ip:5` also finds the number 5 and
      // `:true` the boolean: the index keeps text only, so such terms are left to the scan.
      if (INDEXED_FIELDS[n]!.kind === 'ip' && (isNumericLiteral(ast.value) || /^(true|false)$/i.test(ast.value))) return null;
      return { type: 'key', key: fieldKey(n, termValue(ast.field, ast.value)) };
    }
    case 'wildcard':
      return ast.field === 'message' ? textPlan(literalRuns(ast.pattern, true)) : null;
    case 'and': {
      const kids = ast.children.map(keyPlan).filter((k): k is KeyPlan => k !== null);
      if (!kids.length) return null;
      return kids.length === 1 ? kids[0]! : { type: 'and', children: kids };
    }
    case 'or': {
      const kids = ast.children.map(keyPlan);
      if (!kids.length || kids.some((k) => k === null)) return null;
      return kids.length === 1 ? kids[0]! : { type: 'or', children: kids as KeyPlan[] };
    }
    default:
      return null;
  }
}

/** Every key in a plan, once. */
export function planKeys(plan: KeyPlan): number[] {
  const out = new Set<number>();
  const walk = (p: KeyPlan): void => {
    if (p.type === 'key') out.add(p.key);
    else p.children.forEach(walk);
  };
  walk(plan);
  return [...out];
}
