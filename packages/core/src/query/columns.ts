/**
 * @module query/columns
 * How the event tables lay out fields: hot fields as columns, everything in a JSON document.
 * The columns come from the event schema in contracts (`HOT_FIELDS`).
 */
import { HOT_FIELDS, type ColumnKind } from '@vigil/contracts';

export interface SqlColumn {
  column: string;
  type: ColumnKind;
}

export interface SqlTarget {
  dialect: 'sqlite' | 'postgres';
  /** PostgreSQL placeholders start at $(paramOffset + 1); SQLite uses `?`. */
  paramOffset?: number;
  /** Hot fields -> columns. */
  columns: Record<string, SqlColumn>;
  /** The column holding the full flat event as JSON (SQLite TEXT, PostgreSQL JSONB). */
  doc: string;
  /**
   * A condition that must hold before a document is read (SQLite: `json_valid(doc)`): rows whose
   * document the JSON functions cannot read then have no document fields instead of failing the query.
   */
  docGuard?: string;
}

/** The hot columns of Vigil's events table (both dialects), derived from the event schema. */
export const EVENT_COLUMNS: Record<string, SqlColumn> = Object.fromEntries(HOT_FIELDS.map((h) => [h.field, { column: h.column, type: h.kind }]));
