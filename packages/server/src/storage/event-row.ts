/**
 * @module storage/event-row
 * An event's hot columns, shared by both stores. The column list mirrors `EVENT_COLUMNS` of the query compiler.
 */
import { severityRank, type VigilEvent } from '@vigil/contracts';

/** Column values in table order after tenant_id: ts, id, dataset, severity, host_name, source_ip, destination_ip, user_name, action, outcome, message, doc. */
export type EventRow = [string, number, string, string | null, number | null, string | null, string | null, string | null, string | null, string | null, string | null, string, string];

function text(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** The row for one event (doc is the whole flat event as JSON). */
export function toRow(tenantId: string, e: VigilEvent): EventRow {
  const rank = severityRank(e['vigil.severity']);
  return [
    tenantId,
    Date.parse(e['@timestamp']),
    e.id,
    text(e['event.dataset']),
    rank >= 0 ? rank : null,
    text(e['host.name']),
    text(e['source.ip']),
    text(e['destination.ip']),
    text(e['user.name']),
    text(e['event.action']),
    text(e['event.outcome']),
    e.message,
    docOf(e),
  ];
}

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

/** Column names in row order. */
export const ROW_COLUMNS = ['tenant_id', 'ts', 'id', 'dataset', 'severity', 'host_name', 'source_ip', 'destination_ip', 'user_name', 'action', 'outcome', 'message', 'doc'] as const;

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
