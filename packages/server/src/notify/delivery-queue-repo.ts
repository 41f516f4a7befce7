/**
 * @module notify/delivery-queue-repo
 * The durable delivery queue: the pending rows of the delivery log. A notification is queued in the
 * transaction that records it in the notification log, so after a crash it is still there (it may
 * be sent twice — at least once — never lost). Every attempt is a row of the attempt log.
 */
import type { SqlDb } from '../db/sql-db.ts';
import { SYSTEM_REPO_DEPS, type RepoDeps } from '../repos/repo-deps.ts';
import type { ChannelAlert } from './notifier.ts';

/** A queued delivery. */
export interface QueuedDelivery {
  id: string;
  tenantId: string;
  channelId: string;
  alertId: string;
  kind: string;
  payload: ChannelAlert;
  /** Attempts so far (every round). */
  attempts: number;
  /** Attempts of the current round (a resend starts a new one). */
  roundAttempts: number;
  nextAttemptAt: number;
  /** When it was queued. */
  createdAt: number;
}

/** One attempt's outcome as recorded. */
export interface AttemptRecord {
  at: number;
  ok: boolean;
  statusCode?: number;
  latencyMs: number;
  error?: string;
}

interface Row { id: string; tenant_id: string; channel_id: string; alert_id: string; kind: string | null; payload: string | null; attempts: number; round_attempts: number; next_attempt_at: number | null; created_at: number }

/** Storage of the queue. */
export class DeliveryQueueRepo {
  constructor(private readonly db: SqlDb, private readonly deps: RepoDeps = SYSTEM_REPO_DEPS) {}

  /** Queues a delivery (inside the caller's transaction, `db`); answers its id. */
  async enqueue(db: SqlDb, d: { tenantId: string; channelId: string; alertId: string; kind: string; payload: ChannelAlert; at: number }): Promise<string> {
    const id = this.deps.newId();
    await db.run("INSERT INTO channel_deliveries (id, tenant_id, channel_id, alert_id, status, kind, attempts, payload, next_attempt_at, round_attempts, created_at, updated_at) VALUES ($1, $2, $3, $4, 'pending', $5, 0, $6, $7, 0, $7, $7)", [id, d.tenantId, d.channelId, d.alertId, d.kind, JSON.stringify(d.payload), d.at]);
    return id;
  }

  /** Up to `limit` deliveries of a channel due at `now`, oldest first. */
  async due(channelId: string, now: number, limit: number): Promise<QueuedDelivery[]> {
    const rows = await this.db.all<Row>("SELECT id, tenant_id, channel_id, alert_id, kind, payload, attempts, round_attempts, next_attempt_at, created_at FROM channel_deliveries WHERE status = 'pending' AND channel_id = $1 AND payload IS NOT NULL AND next_attempt_at <= $2 ORDER BY next_attempt_at, id LIMIT $3", [channelId, now, limit]);
    return rows.map((r) => ({ id: r.id, tenantId: r.tenant_id, channelId: r.channel_id, alertId: r.alert_id, kind: r.kind ?? 'firing', payload: JSON.parse(r.payload!) as ChannelAlert, attempts: Number(r.attempts), roundAttempts: Number(r.round_attempts), nextAttemptAt: Number(r.next_attempt_at), createdAt: Number(r.created_at) }));
  }

  /** When the channel's next pending delivery is due, or null. */
  async nextAt(channelId: string): Promise<number | null> {
    const r = await this.db.get<{ at: number | null }>("SELECT MIN(next_attempt_at) AS at FROM channel_deliveries WHERE status = 'pending' AND channel_id = $1 AND payload IS NOT NULL", [channelId]);
    return r?.at === null || r?.at === undefined ? null : Number(r.at);
  }

  /** Channels with pending deliveries (what the queue picks up at start). */
  async pendingChannels(): Promise<string[]> {
    return (await this.db.all<{ channel_id: string }>("SELECT DISTINCT channel_id FROM channel_deliveries WHERE status = 'pending' AND payload IS NOT NULL")).map((r) => r.channel_id);
  }

  /** Records an attempt and what follows: delivered, pending again at `nextAttemptAt`, or failed (a dead letter). */
  async recordAttempt(d: QueuedDelivery, a: AttemptRecord, status: 'pending' | 'delivered' | 'failed', nextAttemptAt: number | null): Promise<void> {
    const attempt = d.attempts + 1;
    await this.db.tx(async (db) => {
      await db.run('INSERT INTO channel_delivery_attempts (delivery_id, attempt, at, ok, status_code, latency_ms, error) VALUES ($1, $2, $3, $4, $5, $6, $7)', [d.id, attempt, a.at, a.ok ? 1 : 0, a.statusCode ?? null, a.latencyMs, a.error ?? null]);
      await db.run('UPDATE channel_deliveries SET status = $1, attempts = $2, round_attempts = $3, last_error = $4, last_status_code = $5, updated_at = $6, delivered_at = $7, next_attempt_at = $8 WHERE id = $9', [status, attempt, d.roundAttempts + 1, a.error ?? null, a.statusCode ?? null, a.at, a.ok ? a.at : null, nextAttemptAt, d.id]);
    });
  }

  /** Fails a delivery whose channel is gone (no attempt could be made). */
  async abandon(d: QueuedDelivery, reason: string, at: number): Promise<void> {
    await this.db.run("UPDATE channel_deliveries SET status = 'failed', last_error = $1, updated_at = $2, next_attempt_at = NULL WHERE id = $3", [reason, at, d.id]);
  }

  /** Puts a dead letter back in the queue for a new round of attempts; answers whether it was one. */
  async resend(tenantId: string, channelId: string, id: string, now: number): Promise<boolean> {
    const r = await this.db.run("UPDATE channel_deliveries SET status = 'pending', round_attempts = 0, next_attempt_at = $1, updated_at = $1 WHERE tenant_id = $2 AND channel_id = $3 AND id = $4 AND status = 'failed' AND payload IS NOT NULL", [now, tenantId, channelId, id]);
    return r.changes > 0;
  }
}
