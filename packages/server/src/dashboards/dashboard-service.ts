/**
 * @module dashboards/dashboard-service
 * Dashboards of a tenant: the built-in boards (read-only) plus the users' boards, private to their
 * owner until shared with the tenant; only the owner (or a tenant admin, for a shared board) changes
 * one. Panel queries are checked with the query parser so a broken board cannot be saved; every
 * change goes to the audit log.
 */
import { BUILTIN_DASHBOARD_PREFIX, DASHBOARD_LIMITS, VigilError, type Dashboard, type DashboardBody, type Panel } from '@vigil/contracts';
import { parseQuery, parseTime } from '@vigil/core';
import type { DashboardFields, DashboardsRepo, StoredDashboard } from '../repos/dashboards-repo.ts';
import type { ActorRef, AuditRecorder } from '../repos/audit-recorder.ts';
import { BUILTIN_BOARDS, type BuiltinBoard } from './builtin-boards.ts';

/** The caller as the service needs it. */
export interface DashboardUser {
  id: string;
  name: string;
  /** A tenant admin may change and delete shared boards of others. */
  admin: boolean;
  /** Sharing with the tenant needs the write permission (viewers keep their boards to themselves). */
  canShare: boolean;
  ip?: string;
}

const EPOCH = new Date(0).toISOString();

const fromBuiltin = (b: BuiltinBoard): Dashboard => ({ id: b.id, name: b.name, description: b.description, shared: true, builtin: true, owner: null, editable: false, panels: b.panels, createdAt: EPOCH, updatedAt: EPOCH });

/** Tenant dashboards over a repository. */
export class DashboardService {
  constructor(private readonly repo: DashboardsRepo, private readonly audit?: AuditRecorder) {}

  /** Built-in boards first, then the shared and own boards by name, and the caller's home id. */
  async list(tenantId: string, user: DashboardUser): Promise<{ dashboards: Dashboard[]; homeId: string | null }> {
    const own = (await this.repo.listVisible(tenantId, user.id)).map((d) => this.view(d, user));
    const home = await this.repo.home(tenantId, user.id);
    return { dashboards: [...BUILTIN_BOARDS.map(fromBuiltin), ...own], homeId: home ?? BUILTIN_BOARDS[0]!.id };
  }

  /** One board the caller may see. */
  async get(tenantId: string, id: string, user: DashboardUser): Promise<Dashboard> {
    const b = BUILTIN_BOARDS.find((x) => x.id === id);
    if (b) return fromBuiltin(b);
    return this.view(await this.visible(tenantId, id, user), user);
  }

  async create(tenantId: string, body: DashboardBody, user: DashboardUser): Promise<Dashboard> {
    const fields = checkBody(body);
    this.checkShare(fields, user);
    if ((await this.repo.count(tenantId)) >= DASHBOARD_LIMITS.perTenant) {
      throw new VigilError('VIGIL_ERR_CONFLICT', `The tenant has ${DASHBOARD_LIMITS.perTenant} dashboards, the most it may keep; delete some first.`, { limit: DASHBOARD_LIMITS.perTenant });
    }
    const d = this.view(await this.repo.create(tenantId, user, fields), user);
    await this.record(tenantId, user, 'create', d.id, undefined, d);
    return d;
  }

  async update(tenantId: string, id: string, body: DashboardBody, user: DashboardUser): Promise<Dashboard> {
    const before = await this.editable(tenantId, id, user);
    const fields = checkBody(body);
    // Only the owner decides whether their board is shared; an admin editing it keeps the setting.
    if (before.ownerId !== user.id) fields.shared = before.shared;
    else if (fields.shared && !before.shared) this.checkShare(fields, user);
    const after = this.view((await this.repo.update(tenantId, id, fields))!, user);
    await this.record(tenantId, user, 'update', id, this.view(before, user), after);
    return after;
  }

  async remove(tenantId: string, id: string, user: DashboardUser): Promise<void> {
    const before = await this.editable(tenantId, id, user);
    await this.repo.delete(tenantId, id);
    await this.record(tenantId, user, 'delete', id, this.view(before, user), undefined);
  }

  /** Sets the caller's home board (one they can see), or clears it with null. */
  async setHome(tenantId: string, id: string | null, user: DashboardUser): Promise<string | null> {
    if (id !== null) await this.get(tenantId, id, user);
    await this.repo.setHome(tenantId, user.id, id);
    return id ?? BUILTIN_BOARDS[0]!.id;
  }

  private async visible(tenantId: string, id: string, user: DashboardUser): Promise<StoredDashboard> {
    const d = id.startsWith(BUILTIN_DASHBOARD_PREFIX) ? undefined : await this.repo.get(tenantId, id);
    // A private board of someone else answers like a missing one: its existence is not disclosed.
    if (!d || (!d.shared && d.ownerId !== user.id)) throw new VigilError('VIGIL_ERR_NOT_FOUND', 'No such dashboard.');
    return d;
  }

  private async editable(tenantId: string, id: string, user: DashboardUser): Promise<StoredDashboard> {
    if (BUILTIN_BOARDS.some((b) => b.id === id)) throw new VigilError('VIGIL_ERR_FORBIDDEN', 'Built-in dashboards are read-only; copy one to change it.');
    const d = await this.visible(tenantId, id, user);
    if (!this.canEdit(d, user)) throw new VigilError('VIGIL_ERR_FORBIDDEN', `This dashboard belongs to ${d.ownerName}; copy it to change it.`);
    return d;
  }

  private checkShare(fields: DashboardFields, user: DashboardUser): void {
    if (fields.shared && !user.canShare) throw new VigilError('VIGIL_ERR_FORBIDDEN', 'Viewers cannot share dashboards with the tenant; keep it private or ask an analyst.');
  }

  private canEdit(d: StoredDashboard, user: DashboardUser): boolean {
    return d.ownerId === user.id || (d.shared && user.admin);
  }

  private view(d: StoredDashboard, user: DashboardUser): Dashboard {
    return { id: d.id, name: d.name, description: d.description, shared: d.shared, builtin: false, owner: d.ownerName, editable: this.canEdit(d, user), panels: d.panels, createdAt: new Date(d.createdAt).toISOString(), updatedAt: new Date(d.updatedAt).toISOString() };
  }

  private async record(tenantId: string, user: DashboardUser, verb: string, id: string, before: Dashboard | undefined, after: Dashboard | undefined): Promise<void> {
    if (!this.audit) return;
    const actor: ActorRef = { name: user.name, ip: user.ip };
    await this.audit.record(tenantId, { actor, action: `dashboard.${verb}`, targetType: 'dashboard', targetId: id, ...(before ? { before } : {}), ...(after ? { after } : {}) });
  }
}

/** Checks a body beyond its schema: a name, unique panel ids, queries that parse, panels inside the grid. */
function checkBody(body: DashboardBody): DashboardFields {
  const name = body.name.trim();
  if (!name) throw new VigilError('VIGIL_ERR_VALIDATION', 'name is required', { field: 'name' });
  const ids = new Set<string>();
  body.panels.forEach((p: Panel, i) => {
    if (ids.has(p.id)) throw new VigilError('VIGIL_ERR_VALIDATION', `Two panels have the id "${p.id}".`, { field: `panels[${i}].id` });
    ids.add(p.id);
    if (p.x + p.w > DASHBOARD_LIMITS.columns) throw new VigilError('VIGIL_ERR_VALIDATION', `Panel "${p.title || p.id}" reaches past the ${DASHBOARD_LIMITS.columns} columns of the grid.`, { field: `panels[${i}].w` });
    if (p.kind === 'top' && !p.field?.trim()) throw new VigilError('VIGIL_ERR_VALIDATION', `Panel "${p.title || p.id}" shows top values and needs a field.`, { field: `panels[${i}].field` });
    parseTime(p.from, 0, `panels[${i}].from`);
    parseTime(p.to, 0, `panels[${i}].to`);
    if (p.query.trim()) {
      try {
        parseQuery(p.query);
      } catch (err) {
        if (err instanceof VigilError) throw new VigilError(err.code, `Panel "${p.title || p.id}": ${err.message}`, { ...(typeof err.details === 'object' && err.details ? err.details : {}), field: `panels[${i}].query` });
        throw err;
      }
    }
  });
  return { name, description: body.description ?? '', shared: body.shared ?? false, panels: body.panels };
}
