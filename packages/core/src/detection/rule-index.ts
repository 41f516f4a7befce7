/**
 * @module detection/rule-index
 * The rule-set prefilter: from each rule's query AST it extracts "anchors" — conditions at least one
 * of which must hold for the rule to match (a field equal to a literal, or a field present). Events are
 * looked up by their values of the anchored fields, so an event runs only the predicates of rules that
 * can match it. A wildcard or text search anchors on its longest literal ("field contains L", ASCII-folded):
 * each field's literals of all rules are found in one scan of the folded value ({@link LiteralMatcher}); rules without anchors (a bare `NOT …`, an empty query) run on every event. The anchors
 * are a sound over-approximation: a rule the index skips can never match (proven by a property test
 * against running every predicate).
 */
import type { VigilEvent } from '@vigil/contracts';
import type { QueryNode } from '../query/ast.ts';
import { LIT_QMARK, LIT_STAR, SEVERITY_FIELD, TIME_FIELDS, asciiLower, isNumericLiteral } from '../query/values.ts';
import { LiteralMatcher } from './literal-matcher.ts';

/**
 * A necessary condition: `field` equals one of the keyed literals, or (value null) `field` is present,
 * or (`contains`) a string of `field`, ASCII-folded, contains the folded literal `key`.
 */
interface Anchor {
  field: string;
  /** Index key of a literal (see {@link valueKeys}), or null for "present". */
  key: string | null;
  /** The literal matches with ASCII case folded (`field|i:value`): looked up by the folded value. */
  folded: boolean;
  /** `key` is a folded substring every match contains (wildcards, text search). */
  contains?: boolean;
  /** Another key of the same literal (a number's canonical spelling): free in {@link cost}. */
  alias?: boolean;
}

/** Wildcard node keys this index understands. */
const WILDCARD_KEYS = new Set(['type', 'field', 'pattern', 'nocase']);

/**
 * The longest literal run of a glob, ASCII-folded ('' when none): every text the glob matches contains
 * it, and folding both sides keeps that true for case-sensitive globs too.
 */
function longestLiteral(pattern: string): string {
  let best = '';
  let run = '';
  for (const ch of pattern) {
    if (ch === '*' || ch === '?') {
      if (run.length > best.length) best = run;
      run = '';
    } else run += ch === LIT_STAR ? '*' : ch === LIT_QMARK ? '?' : ch;
  }
  if (run.length > best.length) best = run;
  return asciiLower(best);
}

/** A "contains" anchor, or presence when the literal is empty. */
function containsAnchor(field: string, literal: string): Anchor[] {
  return [literal === '' ? { field, key: null, folded: false } : { field, key: literal, folded: true, contains: true }];
}

/** Index keys of a `term` literal: the text itself, and for numbers the number's canonical spelling. */
function valueKeys(value: string): string[] {
  return isNumericLiteral(value) ? [value, `#${String(Number(value))}`] : [value];
}

/** The key an event value is looked up by (matching {@link valueKeys}), or null for non-scalars. */
function eventKey(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return `#${String(v)}`;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return null;
}

/** Term node keys this index understands; a term of any other shape is a variant it treats as "present". */
const TERM_KEYS = new Set(['type', 'field', 'value', 'nocase']);

/** The key an event value is looked up by among ASCII-folded literals. */
function foldedKey(v: unknown): string | null {
  return typeof v === 'string' ? asciiLower(v) : eventKey(v);
}

/**
 * Fields with few distinct values: a literal on them selects a large share of events (every Sysmon event
 * for `event.dataset:windows.sysmon`), so a literal on another field of the same AND is preferred.
 */
const COARSE_FIELDS = new Set(['event.dataset', 'event.kind', 'event.category', 'event.type', 'event.outcome', 'event.module', 'vigil.input', 'observer.vendor', 'observer.product', 'observer.type', 'winlog.channel', 'winlog.provider_name', 'log.syslog.appname']);

/** Event codes select more than a dataset but still a large share (Sysmon process creation: event.code 1). */
const CODE_FIELDS = new Set(['event.code', 'winlog.event_id', 'event.action']);

/** Cost of an anchor set: a literal is selective (less so on a coarse field), presence least. */
function cost(anchors: Anchor[]): number {
  let c = 0;
  // Roughly the share of events an anchor selects, in %: a substring of 4+ units (`\\whoami.exe`) is rarer
  // than an equal value, a 1-2 unit one (`*\\a*`) hardly selective; the automaton finds any number at once.
  for (const a of anchors) c += a.alias ? 0 : a.key === null ? 20 : a.contains ? (a.key.length < 3 ? 10 : a.key.length < 4 ? 1 : a.key.length < 8 ? 0.5 : 0.1) : COARSE_FIELDS.has(a.field) ? 10 : CODE_FIELDS.has(a.field) ? 5 : 1;
  return c;
}

/** Anchors of a node: null when it can match without any (NOT, the empty query, unknown node kinds). */
export function anchorsOf(node: QueryNode): Anchor[] | null {
  switch (node.type) {
    case 'term': {
      const field = node.field;
      if (Object.keys(node).some((k) => !TERM_KEYS.has(k)) || field === SEVERITY_FIELD || TIME_FIELDS.has(field)) return [{ field, key: null, folded: false }];
      const folded = node.nocase === true;
      // A number's second key is the same literal spelled canonically: it costs nothing more.
      return valueKeys(folded ? asciiLower(node.value) : node.value).map((key, i) => ({ field, key, folded, ...(i > 0 ? { alias: true } : {}) }));
    }
    case 'wildcard': {
      const field = node.field;
      if (Object.keys(node).some((k) => !WILDCARD_KEYS.has(k)) || field === SEVERITY_FIELD || TIME_FIELDS.has(field)) return [{ field, key: null, folded: false }];
      return containsAnchor(field, longestLiteral(node.pattern));
    }
    case 'text':
      // The predicate searches the folded message for the folded value, as a glob when `wildcard`.
      return containsAnchor('message', node.wildcard ? longestLiteral(node.value) : asciiLower(node.value));
    case 'exists':
    case 'regex':
    case 'compare':
    case 'range':
    case 'cidr':
      return [{ field: node.field, key: null, folded: false }];
    case 'and': {
      let best: Anchor[] | null = null;
      for (const c of node.children) {
        const a = anchorsOf(c);
        if (a && (best === null || cost(a) < cost(best))) best = a;
      }
      return best;
    }
    case 'or': {
      const out: Anchor[] = [];
      for (const c of node.children) {
        const a = anchorsOf(c);
        if (!a) return null;
        out.push(...a);
      }
      return out;
    }
    default:
      // `all`, `not`, and node kinds added later: no necessary condition known.
      return null;
  }
}

/** Candidate rules per event. Build once per rule set; `candidates` allocates nothing per event. */
export class RuleIndex {
  private readonly always: number[] = [];
  private readonly fields: string[] = [];
  /** Position of each indexed field in `fields`. */
  private readonly fieldAt = new Map<string, number>();
  private readonly present: number[][] = [];
  private readonly byValue: Map<string, number[]>[] = [];
  private readonly byFolded: Map<string, number[]>[] = [];
  private readonly byContained: Map<string, number[]>[] = [];
  /** Per field: one automaton over its `contains` literals (null when it has none), and their rules. */
  private readonly matchers: (LiteralMatcher | null)[] = [];
  private readonly containedRules: number[][][] = [];
  private readonly stamp: Uint32Array;
  private epoch = 0;
  /** The candidate list and count of the scan in progress (the scan callback is made once). */
  private scanOut: number[] = [];
  private scanN = 0;
  private scanRules: number[][] = [];
  private readonly onLiteral = (id: number): void => {
    const list = this.scanRules[id]!;
    const stamp = this.stamp;
    const ep = this.epoch;
    for (let j = 0; j < list.length; j++) {
      const r = list[j]!;
      if (stamp[r] !== ep) {
        stamp[r] = ep;
        this.scanOut[this.scanN++] = r;
      }
    }
  };

  /**
   * Indexes the filters; rule `i` of the result is `filters[i]`. Above `walkEventAbove` indexed fields an
   * event is looked up by walking its own fields rather than probing each indexed one (same answer).
   */
  constructor(
    filters: readonly QueryNode[],
    private readonly walkEventAbove = 32,
  ) {
    this.stamp = new Uint32Array(filters.length);
    filters.forEach((f, i) => {
      const anchors = anchorsOf(f);
      if (!anchors) {
        this.always.push(i);
        return;
      }
      for (const a of anchors) {
        let fi = this.fields.indexOf(a.field);
        if (fi < 0) {
          fi = this.fields.push(a.field) - 1;
          this.fieldAt.set(a.field, fi);
          this.present.push([]);
          this.byValue.push(new Map());
          this.byFolded.push(new Map());
          this.byContained.push(new Map());
        }
        if (a.key === null) pushOnce(this.present[fi]!, i);
        else {
          const m = (a.contains ? this.byContained : a.folded ? this.byFolded : this.byValue)[fi]!;
          const list = m.get(a.key);
          if (list) pushOnce(list, i);
          else m.set(a.key, [i]);
        }
      }
    });
    for (const m of this.byContained) {
      this.matchers.push(m.size ? new LiteralMatcher([...m.keys()]) : null);
      this.containedRules.push([...m.values()]);
    }
  }

  /** Writes the indexes of the rules that may match `event` into `out` (ascending); answers how many. */
  candidates(event: VigilEvent, out: number[]): number {
    if (++this.epoch === 0xffffffff) {
      this.stamp.fill(0);
      this.epoch = 1;
    }
    const ep = this.epoch;
    const stamp = this.stamp;
    let n = 0;
    for (let i = 0; i < this.always.length; i++) {
      const r = this.always[i]!;
      stamp[r] = ep;
      out[n++] = r;
    }
    // Walk the event's fields when it has fewer than the index (2,400 Sigma rules anchor ~200 fields; a
    // Windows event carries ~40): one map lookup per event field instead of a probe per indexed field.
    // Events are plain data (JSON), so their own enumerable keys are all their fields.
    const walkEvent = this.fields.length > this.walkEventAbove;
    let keys: string[] | null = null;
    const count = walkEvent ? (keys = Object.keys(event)).length : this.fields.length;
    for (let k = 0; k < count; k++) {
      let fi = k;
      let f: string;
      if (keys !== null) {
        f = keys[k]!;
        const at = this.fieldAt.get(f);
        if (at === undefined) continue;
        fi = at;
      } else f = this.fields[fi]!;
      const v = event[f];
      if (v === undefined || v === null || !Object.hasOwn(event, f)) continue;
      const pres = this.present[fi]!;
      for (let j = 0; j < pres.length; j++) {
        const r = pres[j]!;
        if (stamp[r] !== ep) {
          stamp[r] = ep;
          out[n++] = r;
        }
      }
      const m = this.byValue[fi]!;
      if (m.size) {
        if (Array.isArray(v)) for (const x of v) n = this.addKey(m, eventKey(x), out, n, ep);
        else n = this.addKey(m, eventKey(v), out, n, ep);
      }
      const mf = this.byFolded[fi]!;
      if (mf.size) {
        if (Array.isArray(v)) for (const x of v) n = this.addKey(mf, foldedKey(x), out, n, ep);
        else n = this.addKey(mf, foldedKey(v), out, n, ep);
      }
      const lm = this.matchers[fi];
      if (lm) {
        this.scanOut = out;
        this.scanN = n;
        this.scanRules = this.containedRules[fi]!;
        if (typeof v === 'string') lm.scan(v, this.onLiteral);
        else if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') lm.scan(x, this.onLiteral);
        n = this.scanN;
      }
    }
    // Rules run in set order whatever order the index found them in.
    if (n > 1) sortPrefix(out, n);
    return n;
  }

  private addKey(m: Map<string, number[]>, key: string | null, out: number[], n: number, ep: number): number {
    if (key === null) return n;
    const list = m.get(key);
    if (!list) return n;
    for (let j = 0; j < list.length; j++) {
      const r = list[j]!;
      if (this.stamp[r] !== ep) {
        this.stamp[r] = ep;
        out[n++] = r;
      }
    }
    return n;
  }
}

function pushOnce(list: number[], i: number): void {
  if (list[list.length - 1] !== i) list.push(i);
}

/** Insertion sort of the first n entries (candidate lists are short). */
function sortPrefix(a: number[], n: number): void {
  for (let i = 1; i < n; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}
