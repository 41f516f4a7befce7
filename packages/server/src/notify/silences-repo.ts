/**
 * @module notify/silences-repo
 * Silences per tenant. Never deleted: expiring one moves its end to now, so the list keeps who
 * silenced what, when and why.
 */
import { VigilError } from '@vigil/contracts';
import type { SqlDb } from '../db/sql-db.ts';
import { SYSTEM_REPO_DEPS, type RepoDeps } from '../repos/repo-deps.ts';

/** A stored silence (times in epoch ms). */
export interface StoredSilence {
  id: string;
  tenantId: string;
  match: string;
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
  createdAt: number;
}

interface Row { id: string; tenant_id: string; match_query: string; starts_at: number; ends_at: number; created_by: string; comment: string; created_at: number }

const toSilence = (r: Row): StoredSilence => ({ id: r.id, tenantId: r.tenant_id, match: r.match_query, startsAt: Number(r.starts_at), endsAt: Number(r.ends_at), createdBy: r.created_by, comment: r.comment, createdAt: Number(r.created_at) });

/** Storage of silences. */
export class SilencesRepo {
  constructor(private readonly db: SqlDb, private readonly deps: RepoDeps = SYSTEM_REPO_DEPS) {}

  /** Adds a silence. */
  async create(tenantId: string, s: { match: string; startsAt: number; endsAt: number; createdBy: string; comment: string }): Promise<StoredSilence> {
    const id = this.deps.newId();
    await this.db.run('INSERT INTO silences (id, tenant_id, match_query, starts_at, ends_at, created_by, comment, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [id, tenantId, s.match, s.startsAt, s.endsAt, s.createdBy, s.comment, this.deps.now()]);
    return this.get(tenantId, id);
  }

  /** One silence, or `VIGIL_ERR_NOT_FOUND`. */
  async get(tenantId: string, id: string): Promise<StoredSilence> {
    const r = await this.db.get<Row>('SELECT * FROM silences WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    if (!r) throw new VigilError('VIGIL_ERR_NOT_FOUND', 'No such silence.', { id });
    return toSilence(r);
  }

  /** The tenant's silences, newest first; `endsAfter` keeps only those not expired by then. */
  async list(tenantId: string, opts: { endsAfter?: number; limit?: number } = {}): Promise<StoredSilence[]> {
    const rows = await this.db.all<Row>('SELECT * FROM silences WHERE tenant_id = $1 AND ends_at > $2 ORDER BY created_at DESC, id DESC LIMIT $3', [tenantId, opts.endsAfter ?? -1, opts.limit ?? 1000]);
    return rows.map(toSilence);
  }

  /** Ends a silence at `at` (a pending one also starts then, so it reads as expired). */
  async expire(tenantId: string, id: string, at: number): Promise<StoredSilence> {
    const s = await this.get(tenantId, id);
    await this.db.run('UPDATE silences SET starts_at = $1, ends_at = $2 WHERE tenant_id = $3 AND id = $4', [Math.min(s.startsAt, at), at, tenantId, id]);
    return this.get(tenantId, id);
  }
}
