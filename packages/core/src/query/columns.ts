/**
 * @module query/columns
 * How the event tables lay out fields: hot fields as columns, everything in a JSON document.
 */

export interface SqlColumn {
  column: string;
  type: 'text' | 'int' | 'ts' | 'severity' | 'ip';
}

export interface SqlTarget {
  dialect: 'sqlite' | 'postgres';
  /** PostgreSQL placeholders start at $(paramOffset + 1); SQLite uses `?`. */
  paramOffset?: number;
  /** Hot fields -> columns. */
  columns: Record<string, SqlColumn>;
  /** The column holding the full flat event as JSON (SQLite TEXT, PostgreSQL JSONB). */
  doc: string;
}

/** The hot columns of Vigil's events table (both dialects). */
export const EVENT_COLUMNS: Record<string, SqlColumn> = {
  '@timestamp': { column: 'ts', type: 'ts' },
  id: { column: 'id', type: 'text' },
  'event.dataset': { column: 'dataset', type: 'text' },
  'vigil.severity': { column: 'severity', type: 'severity' },
  'host.name': { column: 'host_name', type: 'text' },
  'source.ip': { column: 'source_ip', type: 'ip' },
  'destination.ip': { column: 'destination_ip', type: 'ip' },
  'user.name': { column: 'user_name', type: 'text' },
  'event.action': { column: 'action', type: 'text' },
  'event.outcome': { column: 'outcome', type: 'text' },
  message: { column: 'message', type: 'text' },
};
