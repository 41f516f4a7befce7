/**
 * @module incidents/incident-rule-service
 * Incident grouping rules per tenant: validated and compiled once (core `compileIncidentRule`), kept
 * compiled in memory per tenant for the grouper's hot path, recompiled on change; every change audited.
 */
import type { IncidentRule, IncidentRuleBody } from '@vigil/contracts';
import { compileIncidentRule, incidentRuleDoc, type CompiledIncidentRule } from '@vigil/core';
import type { AuditRecorder, ActorRef } from '../repos/audit-recorder.ts';
import type { IncidentRulesRepo, StoredIncidentRule } from './incident-rules-repo.ts';

/** The API view of a stored rule. */
function view(r: StoredIncidentRule): IncidentRule {
  return { id: r.id, name: r.name, enabled: r.enabled, match: r.match, groupBy: r.groupBy, window: r.window, severity: r.severity, titleTemplate: r.titleTemplate, createdAt: r.createdAt, updatedAt: r.updatedAt };
}

/** Incident rules of every tenant. */
export class IncidentRuleService {
  private readonly compiled = new Map<string, CompiledIncidentRule[]>();

  constructor(private readonly repo: IncidentRulesRepo, private readonly newId: () => string, private readonly now: () => number, private readonly audit?: AuditRecorder) {}

  /** The tenant's enabled rules, compiled (cached until a change). */
  async rulesFor(tenantId: string): Promise<readonly CompiledIncidentRule[]> {
    let c = this.compiled.get(tenantId);
    if (!c) {
      c = (await this.repo.list(tenantId)).filter((r) => r.enabled).map((r) => compileIncidentRule(r));
      this.compiled.set(tenantId, c);
    }
    return c;
  }

  async list(tenantId: string): Promise<IncidentRule[]> {
    return (await this.repo.list(tenantId)).map(view);
  }

  async get(tenantId: string, id: string): Promise<IncidentRule> {
    return view(await this.repo.get(tenantId, id));
  }

  async create(tenantId: string, body: IncidentRuleBody, actor: ActorRef): Promise<IncidentRule> {
    const r = view(await this.repo.create(tenantId, incidentRuleDoc(this.newId(), body), this.now()));
    this.compiled.delete(tenantId);
    await this.audit?.record(tenantId, { actor, action: 'incident_rule.create', targetType: 'incident_rule', targetId: r.id, after: r });
    return r;
  }

  async update(tenantId: string, id: string, body: IncidentRuleBody, actor: ActorRef): Promise<IncidentRule> {
    const before = view(await this.repo.get(tenantId, id));
    const r = view(await this.repo.update(tenantId, incidentRuleDoc(id, body), this.now()));
    this.compiled.delete(tenantId);
    await this.audit?.record(tenantId, { actor, action: 'incident_rule.update', targetType: 'incident_rule', targetId: id, before, after: r });
    return r;
  }

  async remove(tenantId: string, id: string, actor: ActorRef): Promise<void> {
    const before = view(await this.repo.get(tenantId, id));
    await this.repo.delete(tenantId, id);
    this.compiled.delete(tenantId);
    await this.audit?.record(tenantId, { actor, action: 'incident_rule.delete', targetType: 'incident_rule', targetId: id, before });
  }
}
