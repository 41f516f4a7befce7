/**
 * @module storage/postgres-event-log
 * The EventLog on PostgreSQL. Concurrent transactions take sequence numbers in one order and commit in
 * another, so a plain `seq > P` would skip a row whose transaction commits late. Each row therefore
 * carries the id of the transaction that wrote it (`log_xid`, default `pg_current_xact_id()`) and a
 * sequence number (`log_seq`); the position is `xid:seq`, and a read returns only rows of transactions
 * older than the oldest still running (`pg_snapshot_xmin`) — all of them finished, so nothing can
 * appear behind a position later. A long write transaction anywhere in the cluster delays the log
 * (never loses from it). Rows written before migration 006 have no position and are not in the log.
 */
import type pg from 'pg';
import { VigilError, LOG_START, type LogPosition } from '@vigil/contracts';
import type { CommitSignal } from '../bus/commit-signal.ts';
import { followLog } from '../bus/log-follower.ts';
import type { EventLog, FollowOptions, LogBatch, LogFollower } from '../bus/event-log.ts';
import { CommittedRow } from './committed-row.ts';
import type { PostgresLogTail, TailProbe, TailProbeAnswer } from './postgres-log-tail.ts';

/** Transactions below this id have all finished: nothing new can appear among them. */
export const HORIZON = 'pg_snapshot_xmin(pg_current_snapshot())::text::bigint';
/**
 * The rows after a position. The document's text is made in the outer query, after the LIMIT: written
 * as one query, PostgreSQL printed every remaining row of the transaction's jsonb before sorting it by
 * seq (the index is on the xid alone), so reading a 10,000-row batch 2,000 at a time printed 30,000
 * documents: more CPU than writing them.
 */
const READ = `SELECT lx::text AS x, ls::text AS s, tenant_id, message, doc::text AS doc FROM (
  SELECT log_xid AS lx, log_seq AS ls, tenant_id, message, doc FROM events
  WHERE log_xid >= $1::bigint AND (log_xid > $1::bigint OR log_seq > $2::bigint) AND log_xid < ${HORIZON}
  ORDER BY log_xid, log_seq LIMIT $3) page ORDER BY lx, ls`;
/**
 * The tail's question (postgres-log-tail.ts) in one statement, so the horizon and every answer come
 * from one snapshot: any xid below the horizon is finished there, so "no row" stays true. Each gap is
 * a range of the log_xid index outside this process's own transactions (an index-only probe that
 * finds nothing in the usual case); `same` reads the rows of one other transaction.
 */
const PROBE = `WITH hz AS (SELECT ${HORIZON} AS h)
SELECT hz.h::text AS h,
  CASE WHEN $1::bigint IS NULL THEN false ELSE EXISTS(SELECT 1 FROM events WHERE log_xid = $1::bigint AND log_seq > $2::bigint) END AS same,
  ARRAY(SELECT EXISTS(SELECT 1 FROM events WHERE log_xid > g.a AND log_xid < LEAST(g.b, hz.h))
    FROM unnest($3::bigint[], $4::bigint[]) WITH ORDINALITY AS g(a, b, i) ORDER BY g.i) AS open
FROM hz`;
const HEAD = `SELECT log_xid::text AS x, max(log_seq)::text AS s FROM events
  WHERE log_xid = (SELECT max(log_xid) FROM events WHERE log_xid < ${HORIZON}) GROUP BY log_xid`;

/** The (xid, seq) of a position; LOG_START is (0, 0). */
export function parsePosition(p: LogPosition): [string, string] {
  if (p === LOG_START) return ['0', '0'];
  const m = /^(\d{1,20}):(\d{1,20})$/.exec(p);
  if (!m) throw new VigilError('VIGIL_ERR_BAD_CURSOR', `"${p.slice(0, 40)}" is not a position of this log (PostgreSQL positions are "xid:seq").`, { param: 'position' });
  return [m[1]!, m[2]!];
}

/** EventLog over the events table of a PostgreSQL database (migration 006 or later). */
export class PostgresEventLog implements EventLog {
  readonly kind = 'postgres';

  /** With a `tail` (fed by the store), reads that keep up are answered from memory after one probe. */
  constructor(private readonly pool: pg.Pool, private readonly signal: CommitSignal, private readonly tail?: PostgresLogTail) {}

  async head(): Promise<LogPosition> {
    const { rows } = await this.pool.query<{ x: string; s: string }>(HEAD);
    return rows[0] ? `${rows[0].x}:${rows[0].s}` : LOG_START;
  }

  async readAfter(position: LogPosition, limit: number): Promise<LogBatch> {
    const [x, s] = parsePosition(position);
    const held = this.tail && (await this.tail.readAfter(Number(x), Number(s), limit, (q) => this.probe(q)));
    if (held) return { entries: held, next: held.length ? held[held.length - 1]!.position : position };
    const { rows } = await this.pool.query<{ x: string; s: string; tenant_id: string; message: string; doc: string }>(READ, [x, s, limit]);
    // The text stays unparsed: the detector hands it to its engine thread (parsing here cost the event loop).
    const entries = rows.map((r) => new CommittedRow(`${r.x}:${r.s}`, r.tenant_id, { message: r.message, doc: r.doc }));
    return { entries, next: entries.length ? entries[entries.length - 1]!.position : position };
  }

  private async probe(q: TailProbe): Promise<TailProbeAnswer> {
    const { rows } = await this.pool.query<{ h: string; same: boolean; open: boolean[] }>(PROBE, [q.same?.xid ?? null, q.same?.seq ?? null, q.gaps.map((g) => g.a), q.gaps.map((g) => g.b)]);
    const r = rows[0]!;
    return { horizon: Number(r.h), same: r.same, open: r.open };
  }

  follow(from: LogPosition, handler: (batch: LogBatch) => Promise<void>, opts?: FollowOptions): LogFollower {
    parsePosition(from);
    return followLog(this, this.signal, from, handler, opts);
  }
}
