/**
 * @module storage/event-row
 * An event's row, shared by both stores: `tenant_id`, one column per hot field of the event schema
 * (`HOT_FIELDS` in contracts, in table order), then `doc`.
 */
import { HOT_FIELDS, severityRank, type ColumnKind, type VigilEvent } from '@vigil/contracts';

/** Column values in `ROW_COLUMNS` order: tenant_id, the hot columns, doc. */
export type EventRow = Array<string | number | null>;

/** Column names in row order. */
export const ROW_COLUMNS: readonly string[] = ['tenant_id', ...HOT_FIELDS.map((h) => h.column), 'doc'];

/** Row index of each hot field's column (after tenant_id). */
export const ROW_INDEX: Readonly<Record<string, number>> = Object.fromEntries(HOT_FIELDS.map((h, i) => [h.field, i + 1]));

/** Row index of the document column. */
export const DOC_INDEX = ROW_COLUMNS.length - 1;

/** Row index of the `message` column. */
export const MESSAGE_INDEX = ROW_COLUMNS.indexOf('message');

function text(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function rank(v: unknown): number | null {
  const r = severityRank(v);
  return r >= 0 ? r : null;
}

function epochMs(v: unknown): number | null {
  return typeof v === 'string' ? Date.parse(v) : null;
}

/** The column value of a field, by column kind. */
const COLUMN_VALUE: Record<ColumnKind, (v: unknown) => string | number | null> = { text, ip: text, severity: rank, ts: epochMs };

/**
 * Builds the row function from the schema once. Generated code reads each field by its literal name:
 * measured 1.3 µs per event (as fast as the hand-written row) against 2.2 µs for a loop over field names (keyed loads with changing keys
 * go megamorphic in V8), and the writer thread runs this for every stored event.
 */
function compileToRow(): (tenantId: string, e: VigilEvent) => EventRow {
  const cells = HOT_FIELDS.map((h) => `${h.kind}(e[${JSON.stringify(h.field)}])`);
  const make = new Function('text', 'ip', 'severity', 'ts', 'docOf', `return function toRow(tenantId, e) { return [tenantId, ${cells.join(', ')}, docOf(e)]; };`);
  return make(COLUMN_VALUE.text, COLUMN_VALUE.ip, COLUMN_VALUE.severity, COLUMN_VALUE.ts, docOf) as (tenantId: string, e: VigilEvent) => EventRow;
}

/** The row for one event (doc is the whole flat event as JSON, without `message`). */
export const toRow = compileToRow();

/**
 * The document of an event: every field but `message`, which has its own column (storing it twice
 * would cost a fifth of the write volume). The event is restored by `fromRow`.
 */
export function docOf(e: VigilEvent): string {
  const message = e.message;
  // Briefly unset rather than copy: JSON.stringify skips undefined, and nothing else runs meanwhile.
  (e as { message?: string }).message = undefined;
  try {
    return JSON.stringify(e);
  } finally {
    e.message = message;
  }
}

/** The event stored in a row: its document with `message` restored from its column. */
export function fromRow(message: string, doc: string | Record<string, unknown>): VigilEvent {
  const e = (typeof doc === 'string' ? JSON.parse(doc) : doc) as VigilEvent;
  e.message = message;
  return e;
}

/** Cursor text for the API (opaque base64url). */
export function encodeCursor(c: { ts: number; id: string }): string {
  return Buffer.from(`${c.ts}:${c.id}`).toString('base64url');
}

/** Cursor from its API text, or null when malformed. */
export function decodeCursor(text: string): { ts: number; id: string } | null {
  const raw = Buffer.from(text, 'base64url').toString('utf8');
  const m = /^(-?\d+):([0-9A-Za-z]{1,64})$/.exec(raw);
  return m ? { ts: Number(m[1]), id: m[2]! } : null;
}
