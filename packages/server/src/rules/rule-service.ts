/**
 * @module rules/rule-service
 * Detection rules per tenant: the built-in pack plus the tenant's own rules, every change kept as a
 * version (who and when), and imports of Vigil or Sigma YAML with a per-rule report. It is the
 * detector's RuleSource: every change notifies it, and the engine reloads within a second.
 */
import { parseAllDocuments } from 'yaml';
import { VigilError, type RuleDoc, type RuleProblem } from '@vigil/contracts';
import { BUILTIN_RULE_KINDS, builtinPipeline, compileRule, convertSigma, sigmaRuleDocs } from '@vigil/core';
import type { SqlDb } from '../db/sql-db.ts';
import type { RuleSource, StoredRule } from '../detection/rule-source.ts';
import { actorName, type ActorRef, type AuditRecorder } from '../repos/audit-recorder.ts';

/** A rule as the API shows it. */
export interface RuleView {
  id: string;
  doc: RuleDoc;
  enabled: boolean;
  builtin: boolean;
  version: number;
  updatedBy: string;
  updatedAt: string;
}

/** One version of a rule. */
export interface RuleVersion {
  version: number;
  change: string;
  doc: RuleDoc | null;
  changedBy: string;
  changedAt: string;
}

/** One document of an import. */
export interface ImportResult {
  id?: string;
  title?: string;
  format: 'vigil' | 'sigma';
  status: 'created' | 'updated' | 'unchanged' | 'failed';
  errors: { code: string; message: string; line?: number; path?: string }[];
}

interface Row {
  tenant_id: string;
  id: string;
  version: number;
  enabled: number;
  builtin: number;
  doc: string;
  updated_by: string;
  updated_at: number;
}

function problemsError(problems: RuleProblem[]): VigilError {
  const first = problems[0]!;
  return new VigilError(first.code === 'VIGIL_ERR_QUERY_SYNTAX' ? 'VIGIL_ERR_QUERY_SYNTAX' : 'VIGIL_ERR_RULE_INVALID', `${first.path ? `${first.path}: ` : ''}${first.message}`, { problems });
}

/** Compiles a rule document or throws its located problems. */
export function validateRule(doc: unknown): RuleDoc {
  const r = compileRule(doc, BUILTIN_RULE_KINDS);
  if (!r.ok) throw problemsError(r.errors);
  return r.rule.doc;
}

/** Rules of every tenant. */
export class RuleService implements RuleSource {
  private readonly listeners = new Set<() => void>();
  private readonly builtinById: Map<string, RuleDoc>;

  constructor(
    private readonly db: SqlDb,
    private readonly builtins: readonly RuleDoc[],
    private readonly now: () => number,
    private readonly audit?: AuditRecorder,
  ) {
    this.builtinById = new Map(builtins.map((d) => [d.id, d]));
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  async all(): Promise<StoredRule[]> {
    // A disabled tenant's rules do not run.
    const tenants = await this.db.all<{ id: string }>('SELECT id FROM tenants WHERE disabled = 0');
    const rows = await this.db.all<Row>('SELECT * FROM rules');
    const byTenant = new Map<string, Map<string, Row>>();
    for (const r of rows) {
      let m = byTenant.get(r.tenant_id);
      if (!m) byTenant.set(r.tenant_id, (m = new Map()));
      m.set(r.id, r);
    }
    const out: StoredRule[] = [];
    for (const t of tenants) {
      const own = byTenant.get(t.id) ?? new Map<string, Row>();
      for (const b of this.builtins) {
        const o = own.get(b.id);
        out.push({ tenantId: t.id, doc: { ...b, enabled: o ? !!o.enabled : b.enabled !== false }, version: o?.version ?? 0, builtin: true });
      }
      for (const r of own.values()) if (!r.builtin) out.push({ tenantId: t.id, doc: { ...(JSON.parse(r.doc) as RuleDoc), enabled: !!r.enabled }, version: r.version, builtin: false });
    }
    return out;
  }

  private view(r: Row | undefined, builtin: RuleDoc | undefined): RuleView | undefined {
    if (builtin) return { id: builtin.id, doc: builtin, enabled: r ? !!r.enabled : builtin.enabled !== false, builtin: true, version: r?.version ?? 0, updatedBy: r?.updated_by ?? 'vigil', updatedAt: new Date(Number(r?.updated_at ?? 0)).toISOString() };
    if (!r) return undefined;
    return { id: r.id, doc: JSON.parse(r.doc) as RuleDoc, enabled: !!r.enabled, builtin: false, version: r.version, updatedBy: r.updated_by, updatedAt: new Date(Number(r.updated_at)).toISOString() };
  }

  /** The tenant's rules (built-in first), sorted by id. */
  async list(tenantId: string): Promise<RuleView[]> {
    const rows = await this.db.all<Row>('SELECT * FROM rules WHERE tenant_id = $1', [tenantId]);
    const own = new Map(rows.map((r) => [r.id, r]));
    const out: RuleView[] = this.builtins.map((b) => this.view(own.get(b.id), b)!);
    for (const r of rows) if (!r.builtin) out.push(this.view(r, undefined)!);
    return out.sort((a, b) => Number(b.builtin) - Number(a.builtin) || a.id.localeCompare(b.id));
  }

  async get(tenantId: string, id: string): Promise<RuleView> {
    const r = await this.db.get<Row>('SELECT * FROM rules WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    const v = this.view(r, this.builtinById.get(id));
    if (!v) throw new VigilError('VIGIL_ERR_NOT_FOUND', `No rule "${id}".`);
    return v;
  }

  private async record(db: SqlDb, tenantId: string, id: string, version: number, change: string, doc: RuleDoc | null, actor: string): Promise<void> {
    await db.run('INSERT INTO rule_versions (tenant_id, id, version, change, doc, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [tenantId, id, version, change, doc ? JSON.stringify(doc) : null, actor, this.now()]);
  }

  /** Creates a rule; its id must be new (built-in ids included). */
  async create(tenantId: string, input: unknown, actorRef: ActorRef): Promise<RuleView> {
    const actor = actorName(actorRef);
    const doc = validateRule(input);
    if (this.builtinById.has(doc.id)) throw new VigilError('VIGIL_ERR_CONFLICT', `"${doc.id}" is a built-in rule; choose another id.`);
    await this.db.tx(async (tx) => {
      if (await tx.get('SELECT 1 AS x FROM rules WHERE tenant_id = $1 AND id = $2', [tenantId, doc.id])) throw new VigilError('VIGIL_ERR_CONFLICT', `A rule "${doc.id}" exists; update it instead.`);
      await tx.run('INSERT INTO rules (tenant_id, id, version, enabled, builtin, doc, updated_by, updated_at) VALUES ($1, $2, 1, $3, 0, $4, $5, $6)', [tenantId, doc.id, doc.enabled === false ? 0 : 1, JSON.stringify(doc), actor, this.now()]);
      await this.record(tx, tenantId, doc.id, 1, 'created', doc, actor);
    });
    this.changed();
    const after = await this.get(tenantId, doc.id);
    await this.audit?.record(tenantId, { actor: actorRef, action: 'rule.create', targetType: 'rule', targetId: doc.id, after });
    return after;
  }

  /** Replaces a rule's document (a new version); built-in rules cannot be edited, only switched. */
  async update(tenantId: string, id: string, input: unknown, actorRef: ActorRef): Promise<RuleView> {
    const actor = actorName(actorRef);
    if (this.builtinById.has(id)) throw new VigilError('VIGIL_ERR_CONFLICT', `"${id}" is a built-in rule: enable or disable it, or copy it under a new id to change it.`);
    const doc = validateRule(input);
    if (doc.id !== id) throw new VigilError('VIGIL_ERR_VALIDATION', `The rule's id "${doc.id}" differs from the path's "${id}".`, { field: 'id' });
    let before: RuleView | undefined;
    const changed = await this.db.tx(async (tx) => {
      const r = await tx.get<Row>('SELECT * FROM rules WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
      if (!r) throw new VigilError('VIGIL_ERR_NOT_FOUND', `No rule "${id}".`);
      if (r.doc === JSON.stringify(doc)) return false;
      before = this.view(r, undefined);
      const version = Number(r.version) + 1;
      await tx.run('UPDATE rules SET version = $1, enabled = $2, doc = $3, updated_by = $4, updated_at = $5 WHERE tenant_id = $6 AND id = $7', [version, doc.enabled === false ? 0 : 1, JSON.stringify(doc), actor, this.now(), tenantId, id]);
      await this.record(tx, tenantId, id, version, 'updated', doc, actor);
      return true;
    });
    const after = await this.get(tenantId, id);
    if (changed) {
      this.changed();
      await this.audit?.record(tenantId, { actor: actorRef, action: 'rule.update', targetType: 'rule', targetId: id, before, after });
    }
    return after;
  }

  /** Switches a rule (built-in or own) on or off for the tenant. */
  async setEnabled(tenantId: string, id: string, enabled: boolean, actorRef: ActorRef): Promise<RuleView> {
    const actor = actorName(actorRef);
    const builtin = this.builtinById.get(id);
    const before = await this.get(tenantId, id);
    await this.db.tx(async (tx) => {
      const r = await tx.get<Row>('SELECT * FROM rules WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
      if (!r && !builtin) throw new VigilError('VIGIL_ERR_NOT_FOUND', `No rule "${id}".`);
      const version = Number(r?.version ?? 0) + 1;
      const doc: RuleDoc = { ...(r ? (JSON.parse(r.doc) as RuleDoc) : builtin!), enabled };
      if (r) await tx.run('UPDATE rules SET version = $1, enabled = $2, doc = $3, updated_by = $4, updated_at = $5 WHERE tenant_id = $6 AND id = $7', [version, enabled ? 1 : 0, JSON.stringify(doc), actor, this.now(), tenantId, id]);
      else await tx.run('INSERT INTO rules (tenant_id, id, version, enabled, builtin, doc, updated_by, updated_at) VALUES ($1, $2, $3, $4, 1, $5, $6, $7)', [tenantId, id, version, enabled ? 1 : 0, JSON.stringify(doc), actor, this.now()]);
      await this.record(tx, tenantId, id, version, enabled ? 'enabled' : 'disabled', doc, actor);
    });
    this.changed();
    const after = await this.get(tenantId, id);
    await this.audit?.record(tenantId, { actor: actorRef, action: enabled ? 'rule.enable' : 'rule.disable', targetType: 'rule', targetId: id, before, after });
    return after;
  }

  /** Deletes a tenant's own rule (its versions stay, with the deletion as the last). */
  async delete(tenantId: string, id: string, actorRef: ActorRef): Promise<void> {
    const actor = actorName(actorRef);
    if (this.builtinById.has(id)) throw new VigilError('VIGIL_ERR_CONFLICT', `"${id}" is a built-in rule: disable it instead.`);
    let before: RuleView | undefined;
    await this.db.tx(async (tx) => {
      const r = await tx.get<Row>('SELECT * FROM rules WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
      if (!r) throw new VigilError('VIGIL_ERR_NOT_FOUND', `No rule "${id}".`);
      before = this.view(r, undefined);
      await tx.run('DELETE FROM rules WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
      await this.record(tx, tenantId, id, Number(r.version) + 1, 'deleted', null, actor);
    });
    this.changed();
    await this.audit?.record(tenantId, { actor: actorRef, action: 'rule.delete', targetType: 'rule', targetId: id, before });
  }

  /** Every version of a rule, newest first. */
  async versions(tenantId: string, id: string): Promise<RuleVersion[]> {
    const rows = await this.db.all<{ version: number; change: string; doc: string | null; changed_by: string; changed_at: number }>('SELECT version, change, doc, changed_by, changed_at FROM rule_versions WHERE tenant_id = $1 AND id = $2 ORDER BY version DESC', [tenantId, id]);
    if (!rows.length && !this.builtinById.has(id)) throw new VigilError('VIGIL_ERR_NOT_FOUND', `No rule "${id}".`);
    return rows.map((r) => ({ version: Number(r.version), change: r.change, doc: r.doc ? (JSON.parse(r.doc) as RuleDoc) : null, changedBy: r.changed_by, changedAt: new Date(Number(r.changed_at)).toISOString() }));
  }

  /**
   * Imports Vigil or Sigma YAML (one or many documents; Sigma collections and correlations): each
   * rule is created or updated, and every document gets a line in the report — never stopping at the first error.
   */
  async import(tenantId: string, text: string, actor: ActorRef, file?: string): Promise<ImportResult[]> {
    const docs = parseAllDocuments(text);
    const list = Array.isArray(docs) ? docs : [docs];
    const isSigma = list.some((d) => {
      const js = d.errors.length ? null : (d.toJS() as Record<string, unknown> | null);
      return !!js && typeof js === 'object' && ('detection' in js || 'correlation' in js || 'logsource' in js || js.action === 'global');
    });
    const out: ImportResult[] = [];
    const candidates: { doc: unknown; format: 'vigil' | 'sigma'; title?: string; line?: number }[] = [];
    if (isSigma) {
      const { docs: ruleDocs, failures } = sigmaRuleDocs(convertSigma(text, { pipeline: builtinPipeline(), ...(file ? { file } : {}) }));
      for (const f of failures) out.push({ ...(f.title ? { title: f.title } : {}), format: 'sigma', status: 'failed', errors: [{ code: f.code, message: f.reason, line: f.location.line, ...(f.location.path ? { path: f.location.path } : {}) }] });
      for (const d of ruleDocs) candidates.push({ doc: d, format: 'sigma', title: d.title });
    } else {
      for (const d of list) {
        if (d.errors.length) {
          out.push({ format: 'vigil', status: 'failed', errors: [{ code: 'VIGIL_ERR_MALFORMED_BODY', message: d.errors[0]!.message.split('\n')[0]!, line: d.errors[0]!.linePos?.[0]?.line ?? 1 }] });
          continue;
        }
        if (d.contents === null) continue;
        candidates.push({ doc: d.toJS(), format: 'vigil' });
      }
    }
    for (const c of candidates) {
      const r = compileRule(c.doc, BUILTIN_RULE_KINDS);
      const id = (c.doc as { id?: unknown })?.id;
      const title = c.title ?? (typeof (c.doc as { title?: unknown })?.title === 'string' ? ((c.doc as { title: string }).title) : undefined);
      if (!r.ok) {
        out.push({ ...(typeof id === 'string' ? { id } : {}), ...(title ? { title } : {}), format: c.format, status: 'failed', errors: r.errors.map((e) => ({ code: e.code, message: e.message, path: e.path, ...(e.line ? { line: e.line } : {}) })) });
        continue;
      }
      try {
        const exists = await this.db.get<Row>('SELECT * FROM rules WHERE tenant_id = $1 AND id = $2', [tenantId, r.rule.id]);
        if (exists) {
          const before = exists.version;
          const v = await this.update(tenantId, r.rule.id, r.rule.doc, actor);
          out.push({ id: r.rule.id, title: r.rule.doc.title, format: c.format, status: v.version === Number(before) ? 'unchanged' : 'updated', errors: [] });
        } else {
          await this.create(tenantId, r.rule.doc, actor);
          out.push({ id: r.rule.id, title: r.rule.doc.title, format: c.format, status: 'created', errors: [] });
        }
      } catch (err) {
        const e = err as VigilError;
        out.push({ id: r.rule.id, title: r.rule.doc.title, format: c.format, status: 'failed', errors: [{ code: e.code ?? 'VIGIL_ERR_INTERNAL', message: e.message }] });
      }
    }
    return out;
  }
}
