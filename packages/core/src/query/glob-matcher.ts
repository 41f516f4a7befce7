/**
 * @module query/glob-matcher
 * Matchers for wildcard patterns in linear time. Patterns of literals and `*` use
 * `startsWith`/`indexOf`/`endsWith` (greedy leftmost is exact for them); patterns with `?` run on RE2,
 * where `?` is one code point as in SQLite `GLOB`/`LIKE` and PostgreSQL `LIKE`. A backtracking
 * `RegExp` here would take seconds per event on `*a*a*a*a*b`.
 */
import RE2 from 're2';
import { LIT_QMARK, LIT_STAR } from './values.ts';

const ANY = Symbol('*');
const ONE = Symbol('?');

/** A glob piece: literal text (escaped wildcards already resolved), or a wildcard. */
type Piece = string | typeof ANY | typeof ONE;

function pieces(pattern: string): Piece[] {
  const out: Piece[] = [];
  let literal = '';
  for (const ch of pattern) {
    if (ch === '*' || ch === '?') {
      if (literal) out.push(literal);
      literal = '';
      out.push(ch === '*' ? ANY : ONE);
    } else literal += ch === LIT_STAR ? '*' : ch === LIT_QMARK ? '?' : ch;
  }
  if (literal) out.push(literal);
  return out;
}

function escapeRe2(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

function starMatcher(segments: string[], anchored: boolean): (text: string) => boolean {
  if (segments.length === 1) {
    const only = segments[0];
    return anchored ? (text) => text === only : (text) => text.includes(only);
  }
  const first = anchored ? segments[0] : '';
  const last = anchored ? segments[segments.length - 1] : '';
  const middle = (anchored ? segments.slice(1, -1) : segments).filter((s) => s !== '');
  return (text) => {
    if (first !== '' && !text.startsWith(first)) return false;
    let pos = first.length;
    for (let i = 0; i < middle.length; i++) {
      const at = text.indexOf(middle[i], pos);
      if (at < 0) return false;
      pos = at + middle[i].length;
    }
    return text.length - last.length >= pos && (last === '' || text.endsWith(last));
  };
}

/**
 * A matcher for a parsed glob (`*` any run, `?` one code point; `LIT_STAR`/`LIT_QMARK` are literal),
 * over the whole text when `anchored`, else anywhere in it.
 */
export function compileGlob(pattern: string, anchored: boolean): (text: string) => boolean {
  const ps = pieces(pattern);
  if (ps.includes(ONE)) {
    const body = ps.map((p) => (p === ANY ? '[\\s\\S]*' : p === ONE ? '[\\s\\S]' : escapeRe2(p))).join('');
    const re = new RE2(anchored ? `^${body}$` : body, 'su');
    return (text) => re.test(text);
  }
  const segments: string[] = [''];
  for (const p of ps) {
    if (typeof p === 'string') segments[segments.length - 1] += p;
    else segments.push('');
  }
  return starMatcher(segments, anchored);
}
