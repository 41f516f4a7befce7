/**
 * @module parsers/grok/compile-grok
 * Grok patterns (`%{IP:source.ip}`, `%{INT:bytes:int}`, `(?<field>regex)`) compiled to one RE2
 * regex: linear-time matching, so a user rule cannot hang the pipeline. Errors are coded:
 * `VIGIL_ERR_VALIDATION` for an unknown pattern, a cycle, a bad field name or type, or a pattern that
 * grows too large; `VIGIL_ERR_PARSE` for regex syntax RE2 rejects.
 */
import RE2 from 're2';
import { VigilError } from '@vigil/contracts';
import type { FieldValue } from '@vigil/contracts';
import { GROK_PATTERNS } from './patterns.ts';

/** How a captured text is converted. */
export type GrokType = 'string' | 'int' | 'float' | 'number' | 'boolean';

/** A compiled grok pattern. */
export interface GrokMatcher {
  /** The pattern as written. */
  readonly pattern: string;
  /** The expanded RE2 source (capture groups renamed `g0`, `g1`, …). */
  readonly regex: string;
  /** The fields this pattern can set, in capture order. */
  readonly fields: readonly string[];
  /** Flat fields of the first match in `line`, or null when it does not match. */
  match(line: string): Record<string, FieldValue> | null;
}

/** Limits that keep one user rule from exhausting memory while compiling. */
export const GROK_LIMITS = { maxPatternLength: 16_384, maxExpandedLength: 262_144, maxDepth: 64 } as const;

const TYPES = new Set<GrokType>(['string', 'int', 'float', 'number', 'boolean']);
const FIELD_NAME = /^(?!__proto__$)[@A-Za-z_][A-Za-z0-9_@.-]*$/;
const PATTERN_NAME = /^[A-Za-z0-9_]+$/;

interface Capture {
  field: string;
  type: GrokType;
}

function convert(text: string, type: GrokType): FieldValue | undefined {
  switch (type) {
    case 'int': {
      const n = Number.parseInt(text, 10);
      return Number.isFinite(n) ? n : undefined;
    }
    case 'float':
    case 'number': {
      const n = Number(text);
      return text.trim() !== '' && Number.isFinite(n) ? n : undefined;
    }
    case 'boolean':
      return /^(true|yes|on|1)$/i.test(text) ? true : /^(false|no|off|0)$/i.test(text) ? false : undefined;
    default:
      return text;
  }
}

/**
 * Compiles a grok pattern against the built-in library plus `library` (user patterns win on a
 * name clash). Throws a `VigilError` when the pattern is invalid; never when matching.
 */
export function compileGrok(pattern: string, library: Readonly<Record<string, string>> = {}): GrokMatcher {
  if (typeof pattern !== 'string' || pattern === '') throw new VigilError('VIGIL_ERR_VALIDATION', 'A grok pattern must be a non-empty string.');
  if (pattern.length > GROK_LIMITS.maxPatternLength) {
    throw new VigilError('VIGIL_ERR_VALIDATION', `The grok pattern is longer than ${GROK_LIMITS.maxPatternLength} characters.`);
  }
  const lib: Record<string, string> = { ...GROK_PATTERNS };
  for (const [name, body] of Object.entries(library)) {
    if (!PATTERN_NAME.test(name)) throw new VigilError('VIGIL_ERR_VALIDATION', `Pattern name "${name}" may only hold letters, digits and _.`, { pattern: name });
    if (typeof body !== 'string') throw new VigilError('VIGIL_ERR_VALIDATION', `Pattern "${name}" must be a string.`, { pattern: name });
    lib[name] = body;
  }
  const captures: Capture[] = [];
  let size = 0;

  const expand = (text: string, stack: string[], where: string): string => {
    if (stack.length > GROK_LIMITS.maxDepth) throw new VigilError('VIGIL_ERR_VALIDATION', `Grok patterns nest deeper than ${GROK_LIMITS.maxDepth}.`, { at: where });
    let out = '';
    let i = 0;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '\\') {
        out += text.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (ch === '%' && text[i + 1] === '{') {
        const close = text.indexOf('}', i + 2);
        if (close < 0) throw new VigilError('VIGIL_ERR_PARSE', `Unclosed %{ at position ${i} of ${where}.`, { at: where, position: i });
        const spec = text.slice(i + 2, close).split(':');
        const [name, field, typeText] = spec;
        if (spec.length > 3 || !name || !PATTERN_NAME.test(name)) {
          throw new VigilError('VIGIL_ERR_VALIDATION', `"%{${text.slice(i + 2, close)}}" is not NAME, NAME:field or NAME:field:type (position ${i} of ${where}).`, { at: where, position: i });
        }
        const body = lib[name];
        if (body === undefined) throw new VigilError('VIGIL_ERR_VALIDATION', `Unknown grok pattern "${name}" (position ${i} of ${where}).`, { pattern: name, at: where, position: i });
        if (stack.includes(name)) throw new VigilError('VIGIL_ERR_VALIDATION', `Grok pattern "${name}" refers to itself (${[...stack, name].join(' → ')}).`, { pattern: name });
        const inner = expand(body, [...stack, name], name);
        if (field !== undefined && field !== '') {
          if (!FIELD_NAME.test(field)) throw new VigilError('VIGIL_ERR_VALIDATION', `"${field}" is not a valid field name (position ${i} of ${where}).`, { field, at: where });
          const type = (typeText ?? 'string') as GrokType;
          if (!TYPES.has(type)) throw new VigilError('VIGIL_ERR_VALIDATION', `Unknown grok type "${typeText}" for ${field}; use string, int, float, number or boolean.`, { field, type: typeText });
          out += `(?P<g${captures.length}>${inner})`;
          captures.push({ field, type });
        } else out += `(?:${inner})`;
        i = close + 1;
        continue;
      }
      // Inline named group: (?<field>…) or (?P<field>…) → a generated name.
      if (ch === '(' && text[i + 1] === '?' && (text[i + 2] === '<' || (text[i + 2] === 'P' && text[i + 3] === '<')) && text[i + 2 + (text[i + 2] === 'P' ? 2 : 1)] !== '=' && text[i + 2 + (text[i + 2] === 'P' ? 2 : 1)] !== '!') {
        const nameStart = i + (text[i + 2] === 'P' ? 4 : 3);
        const gt = text.indexOf('>', nameStart);
        if (gt < 0) throw new VigilError('VIGIL_ERR_PARSE', `Unclosed group name at position ${i} of ${where}.`, { at: where, position: i });
        const field = text.slice(nameStart, gt);
        const [fname, ftype] = field.split(':');
        if (!fname || !FIELD_NAME.test(fname)) throw new VigilError('VIGIL_ERR_VALIDATION', `"${field}" is not a valid field name (position ${i} of ${where}).`, { field, at: where });
        const type = (ftype ?? 'string') as GrokType;
        if (!TYPES.has(type)) throw new VigilError('VIGIL_ERR_VALIDATION', `Unknown grok type "${ftype}" for ${fname}.`, { field: fname, type: ftype });
        out += `(?P<g${captures.length}>`;
        captures.push({ field: fname, type });
        i = gt + 1;
        continue;
      }
      out += ch;
      i++;
    }
    size += out.length;
    if (size > GROK_LIMITS.maxExpandedLength) {
      throw new VigilError('VIGIL_ERR_VALIDATION', `The expanded grok pattern is larger than ${GROK_LIMITS.maxExpandedLength} characters.`);
    }
    return out;
  };

  const source = expand(pattern, [], 'the pattern');
  let re: RE2;
  try {
    re = new RE2(source, 'u');
  } catch (err) {
    throw new VigilError('VIGIL_ERR_PARSE', `The grok pattern is not a valid RE2 regular expression: ${err instanceof Error ? err.message : String(err)}`, { regex: source.slice(0, 500) });
  }
  const fields = captures.map((c) => c.field);
  return {
    pattern,
    regex: source,
    fields,
    match(line: string): Record<string, FieldValue> | null {
      if (typeof line !== 'string') return null;
      const m = re.exec(line);
      if (!m) return null;
      const out: Record<string, FieldValue> = {};
      const groups = m.groups as Record<string, string | undefined> | undefined;
      if (!groups) return out;
      for (let k = 0; k < captures.length; k++) {
        const text = groups[`g${k}`];
        if (text === undefined) continue;
        const c = captures[k]!;
        if (out[c.field] !== undefined) continue;
        const v = convert(text, c.type);
        if (v !== undefined) out[c.field] = v;
      }
      return out;
    },
  };
}
