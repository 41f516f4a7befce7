/**
 * @module snmp/devices-repo
 * Polled devices per tenant. Credentials are sealed (bound to the device id); the API sees only
 * their non-secret part (`credentialInfo`). Poll results (status, system, interface table) live on
 * the row so lists need no metrics query.
 */
import { VigilError } from '@vigil/contracts';
import type { InterfaceRow } from '@vigil/core';
import type { SqlDb } from '../db/sql-db.ts';
import type { SecretBox } from '../auth/secret-box.ts';
import type { CustomOid, DeviceCredentials, DeviceInput, SnmpVersion } from './device-input.ts';
import { publicV3User } from './snmp-security.ts';

/** Reachability as the last poll saw it. */
export type DeviceStatus = 'unknown' | 'up' | 'down';

/** A device as stored, without its secret. */
export interface Device {
  id: string;
  tenantId: string;
  name: string;
  address: string;
  port: number;
  version: SnmpVersion;
  credentialInfo: Record<string, unknown>;
  tags: string[];
  profile: string;
  customOids: CustomOid[];
  intervalS: number;
  timeoutMs: number;
  enabled: boolean;
  status: DeviceStatus;
  lastPollAt: string | null;
  lastOkAt: string | null;
  lastError: string | null;
  sysName: string | null;
  sysDescr: string | null;
  uptimeS: number | null;
  interfaces: InterfaceRow[];
  createdAt: string;
  updatedAt: string;
}

/** What a poll records on the device. */
export interface PollOutcome {
  status: DeviceStatus;
  at: number;
  error?: string | null;
  sysName?: string;
  sysDescr?: string;
  uptimeS?: number;
  interfaces?: InterfaceRow[];
}

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(Number(v)).toISOString());
const json = <T>(v: unknown, d: T): T => (typeof v === 'string' ? (JSON.parse(v) as T) : ((v as T) ?? d));

function toDevice(r: Row): Device {
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    name: r.name as string,
    address: r.address as string,
    port: Number(r.port),
    version: r.version as SnmpVersion,
    credentialInfo: json(r.credential_info, {}),
    tags: json(r.tags, []),
    profile: r.profile as string,
    customOids: json(r.custom_oids, []),
    intervalS: Number(r.interval_s),
    timeoutMs: Number(r.timeout_ms),
    enabled: !!Number(r.enabled),
    status: r.status as DeviceStatus,
    lastPollAt: iso(r.last_poll_at),
    lastOkAt: iso(r.last_ok_at),
    lastError: (r.last_error as string | null) ?? null,
    sysName: (r.sys_name as string | null) ?? null,
    sysDescr: (r.sys_descr as string | null) ?? null,
    uptimeS: r.uptime_s === null || r.uptime_s === undefined ? null : Number(r.uptime_s),
    interfaces: json(r.interfaces, []),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

/** The non-secret description of credentials. */
export function credentialInfo(c: DeviceCredentials): Record<string, unknown> {
  return 'community' in c ? { community: 'set' } : { user: publicV3User(c.user) };
}

/** Storage of devices. */
export class DevicesRepo {
  constructor(private readonly db: SqlDb, private readonly box: SecretBox, private readonly newId: () => string, private readonly now: () => number = Date.now) {}

  async list(tenantId: string): Promise<Device[]> {
    return (await this.db.all<Row>('SELECT * FROM devices WHERE tenant_id = $1 ORDER BY name', [tenantId])).map(toDevice);
  }

  /** Every enabled device of every tenant (the scheduler). */
  async allEnabled(): Promise<Device[]> {
    return (await this.db.all<Row>('SELECT * FROM devices WHERE enabled = 1')).map(toDevice);
  }

  async get(tenantId: string, id: string): Promise<Device> {
    const r = await this.db.get<Row>('SELECT * FROM devices WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    if (!r) throw new VigilError('VIGIL_ERR_NOT_FOUND', 'No such device.');
    return toDevice(r);
  }

  /** The decrypted credentials of a device (poller only). */
  async credentials(tenantId: string, id: string): Promise<DeviceCredentials> {
    const r = await this.db.get<{ credentials: string }>('SELECT credentials FROM devices WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    if (!r) throw new VigilError('VIGIL_ERR_NOT_FOUND', 'No such device.');
    return JSON.parse(this.box.open(r.credentials, id)) as DeviceCredentials;
  }

  private async nameTaken(tenantId: string, name: string, except?: string): Promise<void> {
    const r = await this.db.get<{ id: string }>('SELECT id FROM devices WHERE tenant_id = $1 AND name = $2', [tenantId, name]);
    if (r && r.id !== except) throw new VigilError('VIGIL_ERR_CONFLICT', `A device named "${name}" exists.`);
  }

  async create(tenantId: string, d: DeviceInput): Promise<Device> {
    if (!d.credentials) throw new VigilError('VIGIL_ERR_VALIDATION', 'credentials are required.');
    await this.nameTaken(tenantId, d.name);
    const id = this.newId();
    const at = this.now();
    await this.db.run(
      'INSERT INTO devices (id, tenant_id, name, address, port, version, credentials, credential_info, tags, profile, custom_oids, interval_s, timeout_ms, enabled, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)',
      [id, tenantId, d.name, d.address, d.port, d.version, this.box.seal(JSON.stringify(d.credentials), id), JSON.stringify(credentialInfo(d.credentials)), JSON.stringify(d.tags), d.profile, JSON.stringify(d.customOids), d.intervalS, d.timeoutMs, d.enabled ? 1 : 0, at],
    );
    return this.get(tenantId, id);
  }

  async update(tenantId: string, id: string, d: DeviceInput): Promise<Device> {
    const cur = await this.get(tenantId, id);
    await this.nameTaken(tenantId, d.name, id);
    // Changing the version needs credentials of the new kind.
    if (!d.credentials && (d.version === '3') !== (cur.version === '3')) throw new VigilError('VIGIL_ERR_VALIDATION', 'Changing between v1/v2c and v3 needs new credentials.', { field: d.version === '3' ? 'user' : 'community' });
    const sets = ['name = $3', 'address = $4', 'port = $5', 'version = $6', 'tags = $7', 'profile = $8', 'custom_oids = $9', 'interval_s = $10', 'timeout_ms = $11', 'enabled = $12', 'updated_at = $13'];
    const params: unknown[] = [tenantId, id, d.name, d.address, d.port, d.version, JSON.stringify(d.tags), d.profile, JSON.stringify(d.customOids), d.intervalS, d.timeoutMs, d.enabled ? 1 : 0, this.now()];
    if (d.credentials) {
      sets.push('credentials = $14', 'credential_info = $15');
      params.push(this.box.seal(JSON.stringify(d.credentials), id), JSON.stringify(credentialInfo(d.credentials)));
    }
    await this.db.run(`UPDATE devices SET ${sets.join(', ')} WHERE tenant_id = $1 AND id = $2`, params);
    return this.get(tenantId, id);
  }

  async delete(tenantId: string, id: string): Promise<void> {
    const { changes } = await this.db.run('DELETE FROM devices WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    if (!changes) throw new VigilError('VIGIL_ERR_NOT_FOUND', 'No such device.');
  }

  /** Records a poll's outcome. */
  async recordPoll(tenantId: string, id: string, o: PollOutcome): Promise<void> {
    if (o.status === 'up') {
      await this.db.run('UPDATE devices SET status = $3, last_poll_at = $4, last_ok_at = $4, last_error = NULL, sys_name = COALESCE($5, sys_name), sys_descr = COALESCE($6, sys_descr), uptime_s = $7, interfaces = $8 WHERE tenant_id = $1 AND id = $2', [tenantId, id, o.status, o.at, o.sysName ?? null, o.sysDescr ?? null, o.uptimeS === undefined ? null : Math.round(o.uptimeS), JSON.stringify(o.interfaces ?? [])]);
    } else {
      await this.db.run('UPDATE devices SET status = $3, last_poll_at = $4, last_error = $5 WHERE tenant_id = $1 AND id = $2', [tenantId, id, o.status, o.at, (o.error ?? '').slice(0, 500)]);
    }
  }
}
