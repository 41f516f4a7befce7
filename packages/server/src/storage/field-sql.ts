/**
 * @module storage/field-sql
 * The SQL expression that reads one field, for grouping (top values). Queries use the compiler in core.
 */
import { VigilError } from '@vigil/contracts';
import type { Dialect } from '../db/index.ts';

const HOT: Record<string, string> = {
  'event.dataset': 'dataset',
  'host.name': 'host_name',
  'user.name': 'user_name',
  'event.action': 'action',
  'event.outcome': 'outcome',
};

/** SQL for a field's value as text; field names are validated, never interpolated raw. */
export function fieldTextSql(field: string, dialect: Dialect): string {
  if (!/^[A-Za-z0-9_.@-]{1,200}$/.test(field)) throw new VigilError('VIGIL_ERR_VALIDATION', `"${field}" is not a field name: use letters, digits, _ . @ -`);
  if (HOT[field]) return HOT[field];
  if (field === 'source.ip' || field === 'destination.ip') return dialect === 'postgres' ? `host(${field.replace('.', '_')})` : field.replace('.', '_');
  return dialect === 'postgres' ? `(doc->>'${field}')` : `json_extract(doc, '$."${field}"')`;
}
