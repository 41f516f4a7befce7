/**
 * @module sigma/sigma-value
 * The values a Sigma detection item holds while its modifiers run (after pySigma's `SigmaType`s):
 * strings with wildcards, numbers, regexes, CIDRs, comparisons, existence and field references.
 */

/** A wildcard inside a Sigma string: `*` (any run) or `?` (one character). */
export type SigmaWildcard = { wildcard: '*' | '?' };

/** A Sigma string: literal runs and wildcards, escapes already resolved. */
export interface SigmaString {
  kind: 'string';
  parts: (string | SigmaWildcard)[];
  /** The text as written in the rule (what `re`, `cidr` and `expand` read). */
  original?: string;
}

/** Every value kind a detection item can hold. */
export type SigmaValue =
  | SigmaString
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'regex'; pattern: string; flags: string }
  | { kind: 'cidr'; cidr: string }
  | { kind: 'compare'; op: '<' | '<=' | '>' | '>='; value: number }
  | { kind: 'exists'; value: boolean }
  | { kind: 'fieldref'; field: string }
  /** Bytes produced by an encoding modifier (`utf16le`, `wide`), awaiting `base64`/`base64offset`. */
  | { kind: 'bytes'; bytes: Uint8Array };

export const ANY: SigmaWildcard = { wildcard: '*' };
export const ONE: SigmaWildcard = { wildcard: '?' };

/** Parses a raw Sigma string: `*`/`?` are wildcards, `\*`, `\?`, `\\` escape them; other backslashes are literal. */
export function sigmaString(raw: string): SigmaString {
  const parts: (string | SigmaWildcard)[] = [];
  let lit = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '\\') {
      const next = raw[i + 1];
      if (next === '*' || next === '?' || next === '\\') {
        lit += next;
        i++;
        continue;
      }
      lit += ch;
    } else if (ch === '*' || ch === '?') {
      if (lit) parts.push(lit);
      lit = '';
      parts.push(ch === '*' ? ANY : ONE);
    } else lit += ch;
  }
  if (lit) parts.push(lit);
  return { kind: 'string', parts, original: raw };
}

/** A Sigma string of plain text (no wildcards). */
export function plainString(text: string): SigmaString {
  return { kind: 'string', parts: text === '' ? [] : [text] };
}

/** True when the string has a wildcard. */
export function hasWildcard(s: SigmaString): boolean {
  return s.parts.some((p) => typeof p !== 'string');
}

/** The string's text when it has no wildcards, else undefined. */
export function plainText(s: SigmaString): string | undefined {
  return hasWildcard(s) ? undefined : s.parts.join('');
}

/** Adds a leading and/or trailing `*` unless one is already there. */
export function wrapAny(s: SigmaString, before: boolean, after: boolean): SigmaString {
  const parts = [...s.parts];
  if (before && parts[0] !== ANY) parts.unshift(ANY);
  if (after && parts[parts.length - 1] !== ANY) parts.push(ANY);
  return { kind: 'string', parts };
}

/** Maps every literal run of a string through `f` (wildcards stay). */
export function mapLiterals(s: SigmaString, f: (text: string) => string): SigmaString {
  return { kind: 'string', parts: s.parts.map((p) => (typeof p === 'string' ? f(p) : p)) };
}

/** A short readable form of a value, for error messages. */
export function describeValue(v: SigmaValue): string {
  switch (v.kind) {
    case 'string':
      return JSON.stringify(v.parts.map((p) => (typeof p === 'string' ? p : p.wildcard)).join(''));
    case 'number':
    case 'bool':
      return String(v.value);
    case 'null':
      return 'null';
    case 'regex':
      return `/${v.pattern}/${v.flags}`;
    case 'cidr':
      return v.cidr;
    case 'compare':
      return `${v.op}${v.value}`;
    case 'exists':
      return `exists:${v.value}`;
    case 'fieldref':
      return `fieldref:${v.field}`;
    case 'bytes':
      return `${v.bytes.length} bytes`;
  }
}
