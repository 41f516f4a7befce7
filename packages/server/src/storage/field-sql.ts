/**
 * @module storage/field-sql
 * The SQL expression that reads one field, for grouping (top values). Queries use the compiler in core.
 */
import { VigilError, hotColumn } from '@vigil/contracts';
import type { Dialect } from '../db/index.ts';

/** SQL for a field's value as text; field names are validated, never interpolated raw. */
export function fieldTextSql(field: string, dialect: Dialect): string {
  if (!/^[A-Za-z0-9_.@-]{1,200}$/.test(field)) throw new VigilError('VIGIL_ERR_VALIDATION', `"${field}" is not a field name: use letters, digits, _ . @ -`);
  // Text and IP hot fields read their column (the schema in contracts names it); others read the document.
  const hot = hotColumn(field);
  if (hot?.kind === 'text') return hot.column;
  if (hot?.kind === 'ip') return dialect === 'postgres' ? `host(${hot.column})` : hot.column;
  return dialect === 'postgres' ? `(doc->>'${field}')` : `json_extract(doc, '$."${field}"')`;
}
