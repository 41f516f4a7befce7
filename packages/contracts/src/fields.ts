/**
 * @module fields
 * The event schema: every known field with its type and, for hot fields, the column that holds it.
 *
 * This table is the one place the field catalogue is written. The query language uses the type to
 * decide how a value compares (`ip` fields take CIDR, `long` fields compare as numbers, `severity` by
 * rank); the UI uses the names for autocompletion; normalize, the row builder, the query compiler and
 * the storage tests derive the hot columns from it. Fields not listed are dynamic: numbers compare as
 * numbers, text as text.
 *
 * Adding a hot column is one line here (`hot: {…}`) plus a migration that adds the column to `events`
 * in both dialects and backfills it from `doc` (`server/test/storage/event-schema.test.ts` checks the
 * migrated table against this table).
 */

export type FieldType = 'keyword' | 'text' | 'ip' | 'long' | 'date' | 'severity' | 'object';

/**
 * How a hot column holds its field: `text` as text, `ts` as epoch ms, `severity` as its rank
 * (info = 0 … critical = 4), `ip` as text on SQLite and `inet` on PostgreSQL.
 */
export type ColumnKind = 'text' | 'ts' | 'severity' | 'ip';

/** A hot field's column in the `events` table. */
export interface HotColumn {
  /** Column name in `events`. */
  column: string;
  kind: ColumnKind;
  /** SQLite column type. */
  sqlite: string;
  /** PostgreSQL column type (also the element type of the batch insert's `unnest` arrays). */
  postgres: string;
  /** Every stored event has a value (the pipeline owns the field). */
  notNull?: boolean;
}

/** One known field. */
export interface FieldSpec {
  type: FieldType;
  /** Present for hot fields: the field also lives in its own column (indexed order, fast group-by). */
  hot?: HotColumn;
}

const text = (column: string, notNull = false): HotColumn => ({ column, kind: 'text', sqlite: 'TEXT', postgres: 'TEXT', ...(notNull ? { notNull } : {}) });
const ip = (column: string): HotColumn => ({ column, kind: 'ip', sqlite: 'TEXT', postgres: 'INET' });

/** The event schema. Hot fields come first, in column order of the `events` table. */
export const EVENT_SCHEMA: Readonly<Record<string, FieldSpec>> = {
  '@timestamp': { type: 'date', hot: { column: 'ts', kind: 'ts', sqlite: 'INTEGER', postgres: 'BIGINT', notNull: true } },
  id: { type: 'keyword', hot: text('id', true) },
  'event.dataset': { type: 'keyword', hot: text('dataset') },
  'vigil.severity': { type: 'severity', hot: { column: 'severity', kind: 'severity', sqlite: 'INTEGER', postgres: 'SMALLINT' } },
  'host.name': { type: 'keyword', hot: text('host_name') },
  'source.ip': { type: 'ip', hot: ip('source_ip') },
  'destination.ip': { type: 'ip', hot: ip('destination_ip') },
  'user.name': { type: 'keyword', hot: text('user_name') },
  'event.action': { type: 'keyword', hot: text('action') },
  'event.outcome': { type: 'keyword', hot: text('outcome') },
  message: { type: 'text', hot: text('message', true) },
  'event.ingested': { type: 'date' },
  'event.original': { type: 'text' },
  'event.kind': { type: 'keyword' },
  'event.category': { type: 'keyword' },
  'vigil.input': { type: 'keyword' },
  'host.ip': { type: 'ip' },
  'observer.ip': { type: 'ip' },
  'observer.vendor': { type: 'keyword' },
  'observer.product': { type: 'keyword' },
  'source.port': { type: 'long' },
  'destination.port': { type: 'long' },
  'network.transport': { type: 'keyword' },
  'network.protocol': { type: 'keyword' },
  'process.name': { type: 'keyword' },
  'process.pid': { type: 'long' },
  'url.original': { type: 'keyword' },
  'http.request.method': { type: 'keyword' },
  'http.response.status_code': { type: 'long' },
  'user_agent.original': { type: 'keyword' },
  'log.syslog.priority': { type: 'long' },
  'log.syslog.facility.code': { type: 'long' },
  'log.syslog.facility.name': { type: 'keyword' },
  'log.syslog.severity.code': { type: 'long' },
  'log.syslog.severity.name': { type: 'keyword' },
  'log.syslog.appname': { type: 'keyword' },
  'log.syslog.procid': { type: 'keyword' },
  'log.syslog.msgid': { type: 'keyword' },
  'log.syslog.structured_data': { type: 'object' },
};

/** Field name -> type, for the fields named by the brief (derived from `EVENT_SCHEMA`). */
export const FIELD_TYPES: Readonly<Record<string, FieldType>> = Object.fromEntries(Object.entries(EVENT_SCHEMA).map(([name, spec]) => [name, spec.type]));

/** A hot field with its column. */
export interface HotField extends HotColumn {
  field: string;
}

/** The hot fields in `events` column order (derived from `EVENT_SCHEMA`). */
export const HOT_FIELDS: readonly HotField[] = Object.entries(EVENT_SCHEMA).flatMap(([field, spec]) => (spec.hot ? [{ field, ...spec.hot }] : []));

/** Fields of type `ip` (hot or not): normalize stores them in canonical text form. */
export const IP_FIELDS: ReadonlySet<string> = new Set(Object.keys(EVENT_SCHEMA).filter((f) => EVENT_SCHEMA[f]!.type === 'ip'));

/** The type of a field; unknown fields are `keyword` (dynamic). */
export function fieldType(field: string): FieldType {
  // hasOwn: `constructor` and friends are field names too, not Object.prototype members.
  return Object.hasOwn(FIELD_TYPES, field) ? FIELD_TYPES[field]! : 'keyword';
}

/** The hot column of a field, or undefined when the field lives only in the document. */
export function hotColumn(field: string): HotColumn | undefined {
  return Object.hasOwn(EVENT_SCHEMA, field) ? EVENT_SCHEMA[field]!.hot : undefined;
}
