/**
 * @module query/ast
 * The query AST: one node kind per construct of the query language (docs/query-language.md).
 */

export type CompareOp = '>' | '>=' | '<' | '<=';

export type QueryNode =
  | { type: 'all' }
  | { type: 'and'; children: QueryNode[] }
  | { type: 'or'; children: QueryNode[] }
  | { type: 'not'; child: QueryNode }
  /** Bare word or phrase: case-insensitive substring of `message`; `*` and `?` are wildcards. */
  | { type: 'text'; value: string; wildcard: boolean }
  /**
   * `field:value` / `field:"value"`: equality. `nocase` (`field|i:value`) folds ASCII letters on both
   * sides (A-Z = a-z, nothing else), what Sigma matches by default.
   */
  | { type: 'term'; field: string; value: string; nocase?: boolean }
  /**
   * `field:web-*`: anchored glob (`*` any run, `?` one code point); `LIT_STAR`/`LIT_QMARK` (values.ts)
   * in `pattern` are a literal `*`/`?`. Case-sensitive unless `nocase` (ASCII folding, as for terms).
   */
  | { type: 'wildcard'; field: string; pattern: string; nocase?: boolean }
  /** `field:/re/`: RE2, unanchored. */
  | { type: 'regex'; field: string; pattern: string }
  | { type: 'compare'; field: string; op: CompareOp; value: string }
  /** `field:[lo TO hi]`; null bound = open (`*`). */
  | { type: 'range'; field: string; lo: string | null; hi: string | null; loInclusive: boolean; hiInclusive: boolean }
  /** `field:10.0.0.0/8`. */
  | { type: 'cidr'; field: string; cidr: string }
  /** `field:*`: present and not null. */
  | { type: 'exists'; field: string }
  /**
   * `field|fieldref:other`: the two fields hold an equal scalar of the same type (text, number or
   * boolean; exact, case-sensitive); a list matches when any element equals any element of the other.
   * Sigma's `fieldref` modifier.
   */
  | { type: 'fieldref'; field: string; other: string };
