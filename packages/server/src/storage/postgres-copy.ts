/**
 * @module storage/postgres-copy
 * Event rows in the text format of PostgreSQL's `COPY … FROM STDIN`: one line per row, fields separated
 * by tabs, NULL as `\N`, and backslash, tab, newline and carriage return escaped with a backslash. Each
 * field is escaped in one pass (most need none: one test, no copy), and NUL — which no PostgreSQL text
 * can hold — becomes U+FFFD in the same pass, so one odd byte never fails a batch.
 */
import type { EventRow } from './event-row.ts';

const SPECIAL = /[\\\t\n\r\u0000]/;
const SPECIAL_ALL = /[\\\t\n\r\u0000]/g;
const ESCAPED: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\u0000': '\uFFFD' };
const escapeChar = (c: string): string => ESCAPED[c]!;

/** A text field as COPY reads it back to the same text (NUL as U+FFFD). */
export function copyText(v: string): string {
  return SPECIAL.test(v) ? v.replace(SPECIAL_ALL, escapeChar) : v;
}

const ESCAPE_ALL = /\\(.)/gs;
const UNESCAPED: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r' };
const unescapeChar = (_m: string, c: string): string => UNESCAPED[c] ?? c;

/** A field of a COPY line as PostgreSQL reads it (`\N` is NULL): the inverse of `copyText`, NUL already U+FFFD. */
export function copiedText(field: string): string | null {
  if (field === '\\N') return null;
  return field.includes('\\') ? field.replace(ESCAPE_ALL, unescapeChar) : field;
}

/** One row as a COPY text line (with its newline). Numbers are written as JavaScript prints them. */
export function copyLine(row: EventRow): string {
  let line = '';
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (c) line += '\t';
    line += v === null || v === undefined ? '\\N' : typeof v === 'number' ? String(v) : copyText(v);
  }
  return `${line}\n`;
}
