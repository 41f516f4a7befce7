/**
 * @module storage/sqlite-event-log
 * The EventLog on SQLite: the events table's `seq` (its rowid) is the position. One writer connection
 * commits one transaction at a time and a new row's rowid is one more than the largest, so `seq` order
 * is commit order and `seq > P` never skips a committed row (a second writer connection waits for the
 * write lock, under which the rowid is chosen). Deleting the row with the largest `seq` would hand its
 * number out again, so retention first leaves a placeholder row above it (`keepLogHighWater`).
 */
import type Database from 'better-sqlite3';
import { VigilError, LOG_START, type LogPosition } from '@vigil/contracts';
import type { CommitSignal } from '../bus/commit-signal.ts';
import { followLog } from '../bus/log-follower.ts';
import type { EventLog, FollowOptions, LogBatch, LogFollower } from '../bus/event-log.ts';
import type { SqliteLogTail } from './sqlite-log-tail.ts';
import { CommittedRow } from './committed-row.ts';

/** The tenant id of placeholder rows: no tenant has it, so no search or count ever sees them. */
const PLACEHOLDER_TENANT = '';

/**
 * Before retention deletes rows older than `cutoffMs`: when the newest row would go, insert a
 * placeholder above it so the next row's seq stays above every seq handed out; older placeholders go.
 */
export function keepLogHighWater(db: Database.Database, cutoffMs: number): void {
  const top = db.prepare('SELECT tenant_id, ts FROM events ORDER BY seq DESC LIMIT 1').get() as { tenant_id: string; ts: number } | undefined;
  if (top && top.tenant_id !== PLACEHOLDER_TENANT && top.ts < cutoffMs) {
    db.prepare("INSERT INTO events (tenant_id, ts, id, message, doc) VALUES (?, 0, '', '', '{}')").run(PLACEHOLDER_TENANT);
  }
  db.prepare('DELETE FROM events WHERE tenant_id = ? AND seq < (SELECT max(seq) FROM events)').run(PLACEHOLDER_TENANT);
}

function parsePosition(p: LogPosition): number {
  if (!/^\d{1,15}$/.test(p)) throw new VigilError('VIGIL_ERR_BAD_CURSOR', `"${p.slice(0, 40)}" is not a position of this log (SQLite positions are whole numbers).`, { param: 'position' });
  return Number(p);
}

/** EventLog over the events table of a SQLite file. */
export class SqliteEventLog implements EventLog {
  readonly kind = 'sqlite';
  private readonly read: Database.Statement;
  private readonly last: Database.Statement;

  /** With a `tail` (fed by the store), reads that keep up are answered from memory (`sqlite-log-tail.ts`). */
  constructor(db: Database.Database, private readonly signal: CommitSignal, private readonly tail?: SqliteLogTail) {
    this.read = db.prepare(`SELECT seq, tenant_id, message, doc FROM events WHERE seq > ? AND tenant_id <> '${PLACEHOLDER_TENANT}' ORDER BY seq LIMIT ?`);
    this.last = db.prepare(`SELECT max(seq) AS seq FROM events WHERE tenant_id <> '${PLACEHOLDER_TENANT}'`);
  }

  async head(): Promise<LogPosition> {
    const r = this.last.get() as { seq: number | null };
    return r.seq === null ? LOG_START : String(r.seq);
  }

  async readAfter(position: LogPosition, limit: number): Promise<LogBatch> {
    const after = parsePosition(position);
    const held = this.tail?.readAfter(after, limit);
    if (held?.length) return { entries: held, next: held[held.length - 1]!.position };
    const rows = this.read.all(after, limit) as { seq: number; tenant_id: string; message: string; doc: string }[];
    // Documents are parsed only when a consumer reads `event` (the detector hands the text to its thread).
    const entries = rows.map((r) => new CommittedRow(String(r.seq), r.tenant_id, { message: r.message, doc: r.doc }));
    return { entries, next: entries.length ? entries[entries.length - 1]!.position : position };
  }

  follow(from: LogPosition, handler: (batch: LogBatch) => Promise<void>, opts?: FollowOptions): LogFollower {
    parsePosition(from);
    return followLog(this, this.signal, from, handler, opts);
  }
}
