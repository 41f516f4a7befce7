/**
 * @module detection/title-template
 * Alert titles with event fields: `SSH brute force from {{source.ip}}`. A missing field renders as `-`.
 */
import type { FieldValue } from '@vigil/contracts';

/** A compiled title: literal parts and field references. */
export interface TitleTemplate {
  readonly parts: readonly (string | { field: string })[];
  /** The fields the title reads, in order of first use. */
  readonly fields: readonly string[];
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.@-]+)\s*\}\}/g;

/** Compiles a title; answers an error message when a `{{` is not a valid placeholder. */
export function compileTitle(text: string): TitleTemplate | string {
  const parts: (string | { field: string })[] = [];
  const fields: string[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const literal = text.slice(last, m.index);
    if (literal.includes('{{')) return `"{{" at character ${last + literal.indexOf('{{') + 1} does not start a placeholder such as {{source.ip}}`;
    if (literal) parts.push(literal);
    parts.push({ field: m[1]! });
    if (!fields.includes(m[1]!)) fields.push(m[1]!);
    last = m.index + m[0].length;
  }
  const tail = text.slice(last);
  if (tail.includes('{{')) return `"{{" at character ${last + tail.indexOf('{{') + 1} does not start a placeholder such as {{source.ip}}`;
  if (tail) parts.push(tail);
  return { parts, fields };
}

function show(v: FieldValue | undefined): string {
  if (v === undefined || v === null) return '-';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(show).join(', ');
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/**
 * Renders a title with the values `lookup` gives.
 *
 * @example
 * renderTitle(compileTitle('SSH brute force from {{source.ip}}') as TitleTemplate, (f) => ({ 'source.ip': '10.0.0.1' })[f]);
 * // 'SSH brute force from 10.0.0.1'
 */
export function renderTitle(t: TitleTemplate, lookup: (field: string) => FieldValue | undefined): string {
  let out = '';
  for (const p of t.parts) out += typeof p === 'string' ? p : show(lookup(p.field));
  return out.length > 1000 ? `${out.slice(0, 999)}…` : out;
}
