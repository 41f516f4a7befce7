/**
 * @module storage/field-sql
 * The SQL expressions that read one field, for grouping (top values, distinct terms). Queries use the
 * compiler in core.
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

/**
 * SQL for a field's scalar value as stored in the event (text or number, typed as the engine sees it),
 * and the condition that it is one: `message` reads its column, every other field the document (which
 * holds the hot fields too). Booleans, lists and objects are left out.
 */
export function fieldScalarSql(field: string, dialect: Dialect): { value: string; isScalar: string } {
  if (!/^[A-Za-z0-9_.@-]{1,200}$/.test(field)) throw new VigilError('VIGIL_ERR_VALIDATION', `"${field}" is not a field name: use letters, digits, _ . @ -`);
  if (field === 'message') return { value: 'message', isScalar: 'message IS NOT NULL' };
  // PostgreSQL answers the JSON text of the value (parsed by the caller), so numbers stay numbers.
  if (dialect === 'postgres') return { value: `(doc->'${field}')::text`, isScalar: `jsonb_typeof(doc->'${field}') IN ('string', 'number')` };
  return { value: `json_extract(doc, '$."${field}"')`, isScalar: `json_type(doc, '$."${field}"') IN ('text', 'integer', 'real')` };
}
