/**
 * @module query/regex-literals
 * Regexes that are only an alternation of plain literals (`\.env|wp-login|admin\/config`, common in
 * detection rules) match exactly when the text contains one of the literals, so the in-memory matcher
 * tests them with `includes` instead of a call into RE2, which converts every text to UTF-8 first
 * (~1 µs a call: the mixed detection bench spent 6 % of its time there).
 */

/** Characters that are special in an RE2 pattern outside a class. */
const META = new Set(['\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}']);

/**
 * The literals of a pattern that is `lit|lit|…` (escapes only of ASCII punctuation), or null when the
 * pattern uses any other regex feature.
 *
 * @example
 * literalAlternatives('\\.env|wp-login'); // ['.env', 'wp-login']
 * literalAlternatives('a+|b');            // null
 */
export function literalAlternatives(pattern: string): string[] | null {
  const out: string[] = [];
  let lit = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '|') {
      out.push(lit);
      lit = '';
    } else if (ch === '\\') {
      const next = pattern[i + 1];
      // `\d`, `\b`, `\n`, `\x41`, … are classes, assertions or codes: only escaped punctuation is literal.
      if (next === undefined || !/^[!-/:-@[-`{-~]$/.test(next)) return null;
      lit += next;
      i++;
    } else if (META.has(ch) || (ch >= '\ud800' && ch <= '\udfff')) return null; // surrogates: RE2 matches code points
    else lit += ch;
  }
  out.push(lit);
  return out;
}
