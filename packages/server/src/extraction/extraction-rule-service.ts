/**
 * @module extraction/extraction-rule-service
 * Validates, stores and serves compiled extraction rules per tenant. The ingest pipeline reads the
 * compiled set synchronously from memory; a change recompiles the tenant's set at once.
 */
import { VigilError, type FieldValue } from '@vigil/contracts';
import { compileExtractionRule, type ExtractionRule, type ExtractionRuleDef } from '@vigil/core';
import type { ExtractionRulesRepo, ExtractionRuleInput, StoredExtractionRule } from '../repos/extraction-rules-repo.ts';

const EMPTY: readonly ExtractionRule[] = [];

/** Validates a request body into a rule input (compiling it proves pattern and query). */
export function validateRuleInput(body: unknown): ExtractionRuleInput {
  const b = (body ?? {}) as Record<string, unknown>;
  const lib = b.library ?? {};
  if (typeof lib !== 'object' || Array.isArray(lib) || Object.values(lib as object).some((v) => typeof v !== 'string')) {
    throw new VigilError('VIGIL_ERR_VALIDATION', 'library must map pattern names to pattern text', { field: 'library' });
  }
  const field = b.field ?? 'message';
  if (typeof field !== 'string' || !/^[A-Za-z0-9_.@-]{1,200}$/.test(field)) throw new VigilError('VIGIL_ERR_VALIDATION', 'field must be a field name', { field: 'field' });
  if (b.query !== undefined && typeof b.query !== 'string') throw new VigilError('VIGIL_ERR_VALIDATION', 'query must be text', { field: 'query' });
  const def: ExtractionRuleDef = { name: b.name as string, pattern: b.pattern as string, query: (b.query as string) ?? '', field, library: lib as Record<string, string>, overwrite: b.overwrite === true };
  compileExtractionRule(def);
  const position = b.position === undefined ? 0 : Number(b.position);
  if (!Number.isInteger(position)) throw new VigilError('VIGIL_ERR_VALIDATION', 'position must be an integer', { field: 'position' });
  return { name: def.name, pattern: def.pattern, query: def.query ?? '', field, library: def.library ?? {}, overwrite: !!def.overwrite, enabled: b.enabled !== false, position };
}

/** Compiles stored rules (skipping disabled ones). */
export function compileStored(rules: readonly StoredExtractionRule[]): ExtractionRule[] {
  return rules.filter((r) => r.enabled).map((r) => compileExtractionRule({ name: r.name, pattern: r.pattern, query: r.query, field: r.field, library: r.library, overwrite: r.overwrite }));
}

/** Extraction rules of every tenant, compiled and cached. */
export class ExtractionRuleService {
  private readonly compiled = new Map<string, readonly ExtractionRule[]>();

  constructor(private readonly repo: ExtractionRulesRepo) {}

  /** Loads every tenant's rules (at start). */
  async load(): Promise<void> {
    for (const t of await this.repo.tenantsWithRules()) await this.reload(t);
  }

  private async reload(tenantId: string): Promise<void> {
    this.compiled.set(tenantId, compileStored(await this.repo.list(tenantId)));
  }

  /** The compiled rules for a tenant (synchronous: used on the ingest hot path). */
  rulesFor(tenantId: string): readonly ExtractionRule[] {
    return this.compiled.get(tenantId) ?? EMPTY;
  }

  /** Applies a tenant's rules to flat fields in place. */
  apply(tenantId: string, fields: Record<string, FieldValue | undefined>): void {
    const rules = this.compiled.get(tenantId);
    if (rules) for (const r of rules) r.apply(fields);
  }

  list(tenantId: string): Promise<StoredExtractionRule[]> {
    return this.repo.list(tenantId);
  }

  async create(tenantId: string, body: unknown): Promise<StoredExtractionRule> {
    const input = validateRuleInput(body);
    if (await this.repo.byName(tenantId, input.name)) throw new VigilError('VIGIL_ERR_CONFLICT', `An extraction rule named ${input.name} exists.`);
    const r = await this.repo.create(tenantId, input);
    await this.reload(tenantId);
    return r;
  }

  async update(tenantId: string, id: string, body: unknown): Promise<StoredExtractionRule> {
    const input = validateRuleInput(body);
    const other = await this.repo.byName(tenantId, input.name);
    if (other && other.id !== id) throw new VigilError('VIGIL_ERR_CONFLICT', `An extraction rule named ${input.name} exists.`);
    const r = await this.repo.update(tenantId, id, input);
    if (!r) throw new VigilError('VIGIL_ERR_NOT_FOUND', `No extraction rule ${id}.`);
    await this.reload(tenantId);
    return r;
  }

  async delete(tenantId: string, id: string): Promise<void> {
    if (!(await this.repo.delete(tenantId, id))) throw new VigilError('VIGIL_ERR_NOT_FOUND', `No extraction rule ${id}.`);
    await this.reload(tenantId);
  }
}
