/**
 * @module notify/channels-repo
 * Channels per tenant and their delivery log. A channel's credentials are sealed as one JSON object
 * bound to the channel id (so sealed values cannot be moved between rows); the rest of its config
 * is plain JSON.
 */
import { VigilError } from '@vigil/contracts';
import type { SqlDb } from '../db/sql-db.ts';
import type { SecretBox } from '../auth/secret-box.ts';
import { SYSTEM_REPO_DEPS, type RepoDeps } from '../repos/repo-deps.ts';

/** A stored channel, its secrets still sealed. */
export interface StoredChannel {
  id: string;
  tenantId: string;
  name: string;
  type: string;
  /** The config without its secret fields. */
  config: Record<string, unknown>;
  /** Names of the secret fields that are set. */
  secretsSet: string[];
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
}

/** One delivery of one alert to one channel. */
export interface Delivery {
  id: string;
  channelId: string;
  alertId: string;
  /** `failed` deliveries are the dead letters: the last retry failed, or the failure was permanent. */
  status: 'pending' | 'delivered' | 'failed';
  /** Why it was sent (`firing`, `repeat`, `acknowledged`, `resolved`, `escalation`, `test`), or null for older rows. */
  kind: string | null;
  attempts: number;
  lastError: string | null;
  lastStatusCode: number | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
  /** When a pending delivery is tried next. */
  nextAttemptAt: string | null;
}

/** One attempt of a delivery. */
export interface DeliveryAttempt {
  attempt: number;
  at: string;
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

interface ChannelRow { id: string; tenant_id: string; name: string; type: string; config: string; secrets: string | null; secret_fields: string; is_default: number | boolean; created_at: number; updated_at: number }
interface DeliveryRow { id: string; channel_id: string; alert_id: string; status: Delivery['status']; kind: string | null; attempts: number; last_error: string | null; last_status_code: number | null; created_at: number; updated_at: number; delivered_at: number | null; next_attempt_at: number | null }

const iso = (ms: number | string) => new Date(Number(ms)).toISOString();

/** Storage of channels and deliveries. */
export class ChannelsRepo {
  constructor(private readonly db: SqlDb, private readonly box: SecretBox, private readonly deps: RepoDeps = SYSTEM_REPO_DEPS) {}

  private toChannel(r: ChannelRow): StoredChannel {
    // Names only: listing never decrypts, so one unreadable row cannot break the list.
    const secrets = JSON.parse(r.secret_fields) as string[];
    return { id: r.id, tenantId: r.tenant_id, name: r.name, type: r.type, config: JSON.parse(r.config) as Record<string, unknown>, secretsSet: secrets, isDefault: !!Number(r.is_default), createdAt: iso(r.created_at), updatedAt: iso(r.updated_at) };
  }

  private openRow(r: ChannelRow): Record<string, unknown> {
    return r.secrets ? (JSON.parse(this.box.open(r.secrets, `channel:${r.id}`)) as Record<string, unknown>) : {};
  }

  private async row(tenantId: string, id: string): Promise<ChannelRow> {
    const r = await this.db.get<ChannelRow>('SELECT * FROM channels WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    if (!r) throw new VigilError('VIGIL_ERR_NOT_FOUND', 'No such channel.', { id });
    return r;
  }

  private async assertFreeName(tenantId: string, name: string, except?: string): Promise<void> {
    const r = await this.db.get<{ id: string }>('SELECT id FROM channels WHERE tenant_id = $1 AND name = $2', [tenantId, name]);
    if (r && r.id !== except) throw new VigilError('VIGIL_ERR_CONFLICT', `A channel named "${name}" exists.`, { field: 'name' });
  }

  /** The tenant's channels by name. */
  async list(tenantId: string): Promise<StoredChannel[]> {
    return (await this.db.all<ChannelRow>('SELECT * FROM channels WHERE tenant_id = $1 ORDER BY name', [tenantId])).map((r) => this.toChannel(r));
  }

  /** One channel, or `VIGIL_ERR_NOT_FOUND`. */
  async get(tenantId: string, id: string): Promise<StoredChannel> {
    return this.toChannel(await this.row(tenantId, id));
  }

  /** A channel by id alone with its config and opened secrets merged (the queue's view), or null when it is gone. */
  async forSend(id: string): Promise<{ tenantId: string; name: string; type: string; config: Record<string, unknown> } | null> {
    const r = await this.db.get<ChannelRow>('SELECT * FROM channels WHERE id = $1', [id]);
    return r ? { tenantId: r.tenant_id, name: r.name, type: r.type, config: { ...(JSON.parse(r.config) as Record<string, unknown>), ...this.openRow(r) } } : null;
  }

  /** A channel's opened secrets (for sending only; never answered). */
  async secrets(tenantId: string, id: string): Promise<Record<string, unknown>> {
    return this.openRow(await this.row(tenantId, id));
  }

  /** Adds a channel. */
  async create(tenantId: string, c: { name: string; type: string; config: Record<string, unknown>; secrets: Record<string, unknown>; isDefault: boolean }): Promise<StoredChannel> {
    await this.assertFreeName(tenantId, c.name);
    const id = this.deps.newId();
    const now = this.deps.now();
    const sealed = Object.keys(c.secrets).length ? this.box.seal(JSON.stringify(c.secrets), `channel:${id}`) : null;
    await this.db.run('INSERT INTO channels (id, tenant_id, name, type, config, secrets, secret_fields, is_default, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [id, tenantId, c.name, c.type, JSON.stringify(c.config), sealed, JSON.stringify(Object.keys(c.secrets)), c.isDefault ? 1 : 0, now, now]);
    return this.get(tenantId, id);
  }

  /** Replaces a channel's name, config, secrets and default flag. */
  async update(tenantId: string, id: string, c: { name: string; config: Record<string, unknown>; secrets: Record<string, unknown>; isDefault: boolean }): Promise<StoredChannel> {
    await this.row(tenantId, id);
    await this.assertFreeName(tenantId, c.name, id);
    const sealed = Object.keys(c.secrets).length ? this.box.seal(JSON.stringify(c.secrets), `channel:${id}`) : null;
    await this.db.run('UPDATE channels SET name = $1, config = $2, secrets = $3, secret_fields = $4, is_default = $5, updated_at = $6 WHERE tenant_id = $7 AND id = $8', [c.name, JSON.stringify(c.config), sealed, JSON.stringify(Object.keys(c.secrets)), c.isDefault ? 1 : 0, this.deps.now(), tenantId, id]);
    return this.get(tenantId, id);
  }

  /** Deletes a channel and its delivery log. */
  async delete(tenantId: string, id: string): Promise<void> {
    await this.row(tenantId, id);
    await this.db.tx(async (db) => {
      await db.run('DELETE FROM channel_delivery_attempts WHERE delivery_id IN (SELECT id FROM channel_deliveries WHERE tenant_id = $1 AND channel_id = $2)', [tenantId, id]);
      await db.run('DELETE FROM channel_deliveries WHERE tenant_id = $1 AND channel_id = $2', [tenantId, id]);
      await db.run('DELETE FROM channels WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    });
  }

  /** The tenant's channels marked default. */
  async defaults(tenantId: string): Promise<StoredChannel[]> {
    return (await this.list(tenantId)).filter((c) => c.isDefault);
  }

  /** True when the alert already has a delivery to the channel (so a restart or a refold does not send it twice). */
  async hasDelivery(tenantId: string, channelId: string, alertId: string): Promise<boolean> {
    return !!(await this.db.get('SELECT 1 AS x FROM channel_deliveries WHERE tenant_id = $1 AND channel_id = $2 AND alert_id = $3 LIMIT 1', [tenantId, channelId, alertId]));
  }

  /** Opens a delivery of an alert to a channel (status pending, no attempts yet); `kind` says why (a test send: `test`). */
  async openDelivery(tenantId: string, channelId: string, alertId: string, kind = 'test'): Promise<string> {
    const id = this.deps.newId();
    const now = this.deps.now();
    await this.db.run("INSERT INTO channel_deliveries (id, tenant_id, channel_id, alert_id, status, kind, attempts, created_at, updated_at) VALUES ($1, $2, $3, $4, 'pending', $5, 0, $6, $6)", [id, tenantId, channelId, alertId, kind, now]);
    return id;
  }

  /** Records one attempt and the delivery's status after it. */
  async recordAttempt(deliveryId: string, a: { attempt: number; at: number; ok: boolean; statusCode?: number; latencyMs: number; error?: string }, status: Delivery['status']): Promise<void> {
    await this.db.tx(async (db) => {
      await db.run('INSERT INTO channel_delivery_attempts (delivery_id, attempt, at, ok, status_code, latency_ms, error) VALUES ($1, $2, $3, $4, $5, $6, $7)', [deliveryId, a.attempt, a.at, a.ok ? 1 : 0, a.statusCode ?? null, a.latencyMs, a.error ?? null]);
      await db.run('UPDATE channel_deliveries SET status = $1, attempts = $2, last_error = $3, last_status_code = $4, updated_at = $5, delivered_at = $6 WHERE id = $7', [status, a.attempt, a.error ?? null, a.statusCode ?? null, a.at, a.ok ? a.at : null, deliveryId]);
    });
  }

  /** The newest deliveries of a channel (of one status, when given), with their attempts. */
  async deliveries(tenantId: string, channelId: string, limit = 100, status?: Delivery['status'], id?: string): Promise<(Delivery & { attemptLog: DeliveryAttempt[] })[]> {
    await this.row(tenantId, channelId);
    const rows = await this.db.all<DeliveryRow>('SELECT * FROM channel_deliveries WHERE tenant_id = $1 AND channel_id = $2 AND (CAST($3 AS TEXT) = \'\' OR status = $3) AND (CAST($4 AS TEXT) = \'\' OR id = $4) ORDER BY created_at DESC, id DESC LIMIT $5', [tenantId, channelId, status ?? '', id ?? '', limit]);
    const out = [];
    for (const r of rows) {
      const attempts = await this.db.all<{ attempt: number; at: number; ok: number | boolean; status_code: number | null; latency_ms: number; error: string | null }>('SELECT * FROM channel_delivery_attempts WHERE delivery_id = $1 ORDER BY attempt', [r.id]);
      out.push({
        id: r.id, channelId: r.channel_id, alertId: r.alert_id, status: r.status, attempts: Number(r.attempts), lastError: r.last_error, lastStatusCode: r.last_status_code === null ? null : Number(r.last_status_code),
        kind: r.kind ?? null, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at), deliveredAt: r.delivered_at === null ? null : iso(r.delivered_at),
        nextAttemptAt: r.status === 'pending' && r.next_attempt_at !== null && r.next_attempt_at !== undefined ? iso(r.next_attempt_at) : null,
        attemptLog: attempts.map((a) => ({ attempt: Number(a.attempt), at: iso(a.at), ok: !!Number(a.ok), statusCode: a.status_code === null ? null : Number(a.status_code), latencyMs: Number(a.latency_ms), error: a.error })),
      });
    }
    return out;
  }
}
