/**
 * @module agents/hosts-repo
 * Enrolled hosts, their latest snapshot sections, and the batch ids already accepted. The credential
 * is stored as the SHA-256 of its secret; after a rotation the previous hash stays valid until
 * `prev_valid_until`.
 */
import { VigilError } from '@vigil/contracts';
import type { SqlDb } from '../db/sql-db.ts';

/** A host row. */
export interface HostRecord {
  id: string;
  tenantId: string;
  name: string;
  machineId: string | null;
  os: Record<string, string>;
  agentVersion: string | null;
  tags: string[];
  hostGroup: string | null;
  address: string | null;
  secretHash: string;
  prevSecretHash: string | null;
  prevValidUntil: number | null;
  credentialRotatedAt: number | null;
  enrolledAt: number;
  tokenId: string | null;
  lastSeenAt: number | null;
  status: string;
  skewMs: number | null;
  bufferedBatches: number | null;
  revokedAt: number | null;
  snapshotAt: number | null;
}

/** What a heartbeat or batch records on the host (flushed in bulk by `HostPresence`). */
export interface PresenceUpdate {
  at: number;
  address?: string;
  skewMs?: number;
  bufferedBatches?: number;
  agentVersion?: string;
  os?: Record<string, string>;
}

/** One host as the status sweeper sees it. */
export interface SweepRow {
  id: string;
  tenantId: string;
  status: string;
  lastSeenAt: number | null;
  revoked: boolean;
  tenantDisabled: boolean;
}

type Row = Record<string, unknown>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toHost(r: Row): HostRecord {
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    name: r.name as string,
    machineId: (r.machine_id as string | null) ?? null,
    os: JSON.parse((r.os as string) || '{}') as Record<string, string>,
    agentVersion: (r.agent_version as string | null) ?? null,
    tags: JSON.parse((r.tags as string) || '[]') as string[],
    hostGroup: (r.host_group as string | null) ?? null,
    address: (r.address as string | null) ?? null,
    secretHash: r.secret_hash as string,
    prevSecretHash: (r.prev_secret_hash as string | null) ?? null,
    prevValidUntil: num(r.prev_valid_until),
    credentialRotatedAt: num(r.credential_rotated_at),
    enrolledAt: Number(r.enrolled_at),
    tokenId: (r.token_id as string | null) ?? null,
    lastSeenAt: num(r.last_seen_at),
    status: r.status as string,
    skewMs: num(r.skew_ms),
    bufferedBatches: num(r.buffered_batches),
    revokedAt: num(r.revoked_at),
    snapshotAt: num(r.snapshot_at),
  };
}

/** Storage of hosts, snapshots and accepted batch ids. */
export class HostsRepo {
  constructor(private readonly db: SqlDb) {}

  /** Inserts a host (inside the enrollment transaction). */
  async create(db: SqlDb, h: Pick<HostRecord, 'id' | 'tenantId' | 'name' | 'machineId' | 'os' | 'agentVersion' | 'tags' | 'hostGroup' | 'address' | 'secretHash' | 'enrolledAt' | 'tokenId'>): Promise<void> {
    await db.run(
      "INSERT INTO hosts (id, tenant_id, name, machine_id, os, agent_version, tags, host_group, address, secret_hash, enrolled_at, token_id, last_seen_at, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $11, 'online')",
      [h.id, h.tenantId, h.name, h.machineId, JSON.stringify(h.os), h.agentVersion, JSON.stringify(h.tags), h.hostGroup, h.address, h.secretHash, h.enrolledAt, h.tokenId],
    );
  }

  async list(tenantId: string): Promise<HostRecord[]> {
    return (await this.db.all<Row>('SELECT * FROM hosts WHERE tenant_id = $1 ORDER BY name, id', [tenantId])).map(toHost);
  }

  async get(tenantId: string, id: string): Promise<HostRecord> {
    const r = await this.db.get<Row>('SELECT * FROM hosts WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    if (!r) throw new VigilError('VIGIL_ERR_NOT_FOUND', `No host ${id}.`);
    return toHost(r);
  }

  /** A host by id with its tenant's state, for authenticating a credential. */
  async forAuth(id: string): Promise<{ host: HostRecord; tenantDisabled: boolean } | undefined> {
    const r = await this.db.get<Row & { tenant_disabled: number }>('SELECT h.*, t.disabled AS tenant_disabled FROM hosts h JOIN tenants t ON t.id = h.tenant_id WHERE h.id = $1', [id]);
    return r ? { host: toHost(r), tenantDisabled: !!Number(r.tenant_disabled) } : undefined;
  }

  /**
   * What the status sweeper reads every few seconds, for every host: a few columns (no JSON to parse),
   * with whether the host may still send (not revoked, tenant not disabled).
   */
  async sweepRows(): Promise<SweepRow[]> {
    const rows = await this.db.all<{ id: string; tenant_id: string; status: string; last_seen_at: number | string | null; revoked_at: number | string | null; tenant_disabled: number | string }>(
      'SELECT h.id, h.tenant_id, h.status, h.last_seen_at, h.revoked_at, t.disabled AS tenant_disabled FROM hosts h JOIN tenants t ON t.id = h.tenant_id',
    );
    return rows.map((r) => ({ id: r.id, tenantId: r.tenant_id, status: r.status, lastSeenAt: num(r.last_seen_at), revoked: r.revoked_at !== null, tenantDisabled: !!Number(r.tenant_disabled) }));
  }

  async setTags(tenantId: string, id: string, tags: readonly string[]): Promise<void> {
    if (!(await this.db.run('UPDATE hosts SET tags = $3 WHERE tenant_id = $1 AND id = $2', [tenantId, id, JSON.stringify(tags)])).changes) throw new VigilError('VIGIL_ERR_NOT_FOUND', `No host ${id}.`);
  }

  /** Revokes a host (its credential, current and previous, stops working). */
  async revoke(tenantId: string, id: string, at: number): Promise<boolean> {
    return (await this.db.run("UPDATE hosts SET revoked_at = $3, status = 'revoked', prev_secret_hash = NULL, prev_valid_until = NULL WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL", [tenantId, id, at])).changes > 0;
  }

  /** Deletes a host with its snapshot, batch ids and commands. */
  async delete(tenantId: string, id: string): Promise<void> {
    await this.db.tx(async (t) => {
      if (!(await t.run('DELETE FROM hosts WHERE tenant_id = $1 AND id = $2', [tenantId, id])).changes) throw new VigilError('VIGIL_ERR_NOT_FOUND', `No host ${id}.`);
      await t.run('DELETE FROM host_snapshots WHERE host_id = $1', [id]);
      await t.run('DELETE FROM agent_batches WHERE host_id = $1', [id]);
      await t.run('DELETE FROM agent_commands WHERE host_id = $1', [id]);
    });
  }

  /** Replaces the credential; the previous one stays valid until `prevValidUntil`. */
  async rotate(id: string, newHash: string, prevValidUntil: number, at: number): Promise<boolean> {
    return (await this.db.run('UPDATE hosts SET prev_secret_hash = secret_hash, prev_valid_until = $3, secret_hash = $2, credential_rotated_at = $4 WHERE id = $1 AND revoked_at IS NULL', [id, newHash, prevValidUntil, at])).changes > 0;
  }

  /** Records presence for many hosts in one transaction. */
  async recordPresence(updates: ReadonlyMap<string, PresenceUpdate>): Promise<void> {
    if (!updates.size) return;
    await this.db.tx(async (t) => {
      for (const [id, u] of updates) {
        await t.run(
          'UPDATE hosts SET last_seen_at = $2, address = COALESCE($3, address), skew_ms = COALESCE($4, skew_ms), buffered_batches = COALESCE($5, buffered_batches), agent_version = COALESCE($6, agent_version), os = COALESCE($7, os) WHERE id = $1',
          [id, u.at, u.address ?? null, u.skewMs === undefined ? null : Math.round(u.skewMs), u.bufferedBatches ?? null, u.agentVersion ?? null, u.os ? JSON.stringify(u.os) : null],
        );
      }
    });
  }

  /** Stores a status the sweeper decided. */
  async setStatus(id: string, status: string): Promise<void> {
    await this.db.run('UPDATE hosts SET status = $2 WHERE id = $1 AND revoked_at IS NULL', [id, status]);
  }

  /** Replaces snapshot sections of a host. */
  async putSnapshot(hostId: string, parts: readonly { section: string; takenAt: number; data: unknown }[]): Promise<void> {
    if (!parts.length) return;
    const newest = Math.max(...parts.map((p) => p.takenAt));
    await this.db.tx(async (t) => {
      for (const p of parts) {
        await t.run('INSERT INTO host_snapshots (host_id, section, data, taken_at) VALUES ($1, $2, $3, $4) ON CONFLICT (host_id, section) DO UPDATE SET data = excluded.data, taken_at = excluded.taken_at', [hostId, p.section, JSON.stringify(p.data ?? null), Math.trunc(p.takenAt)]);
      }
      await t.run('UPDATE hosts SET snapshot_at = $2 WHERE id = $1', [hostId, Math.trunc(newest)]);
    });
  }

  /** The latest snapshot sections of a host. */
  async snapshot(hostId: string): Promise<Record<string, { takenAt: number; data: unknown }>> {
    const out: Record<string, { takenAt: number; data: unknown }> = {};
    for (const r of await this.db.all<{ section: string; data: string; taken_at: number | string }>('SELECT section, data, taken_at FROM host_snapshots WHERE host_id = $1 ORDER BY section', [hostId])) {
      out[r.section] = { takenAt: Number(r.taken_at), data: JSON.parse(r.data) as unknown };
    }
    return out;
  }

  /** True when this batch id was accepted from this host before. */
  async batchSeen(hostId: string, batchId: string): Promise<boolean> {
    return !!(await this.db.get('SELECT 1 AS x FROM agent_batches WHERE host_id = $1 AND batch_id = $2', [hostId, batchId]));
  }

  /** Records accepted batch ids, in one transaction. */
  async recordBatches(rows: readonly { hostId: string; batchId: string; at: number }[]): Promise<void> {
    if (!rows.length) return;
    await this.db.tx(async (t) => {
      for (const r of rows) await t.run('INSERT INTO agent_batches (host_id, batch_id, received_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [r.hostId, r.batchId, r.at]);
    });
  }

  /** The group keys (JSON arrays of group-by values) of the tenant's unresolved alerts, to count per host. */
  async openAlertGroups(tenantId: string): Promise<string[]> {
    return (await this.db.all<{ group_key: string }>("SELECT group_key FROM alerts WHERE tenant_id = $1 AND state <> 'resolved'", [tenantId])).map((r) => r.group_key);
  }

  /** Forgets batch ids older than `ts` (an agent replays within its buffer's age, far less). */
  async pruneBatches(ts: number): Promise<number> {
    return (await this.db.run('DELETE FROM agent_batches WHERE received_at < $1', [ts])).changes;
  }
}
