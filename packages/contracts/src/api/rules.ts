/**
 * @module api/rules
 * Contracts of `/api/v1/rules`: detection rules (the brief's YAML as JSON, or the YAML itself with
 * `Content-Type: application/yaml`), enable/disable, versions, and imports of Vigil or Sigma YAML.
 */
import Type, { type Static } from 'typebox';
import type { RuleDoc } from '../rules/rule-doc.ts';
import { IdParams, IsoTime, Nullable, StringEnum, operation } from './common.ts';

/** A rule document (validated by the rule compiler, which names the path of every problem). */
export const RuleDocSchema = Type.Unsafe<RuleDoc>({ type: 'object', additionalProperties: true, description: 'The rule (docs/rules.md)' });

/** A rule of the tenant. */
export const Rule = Type.Object({
  id: Type.String(),
  doc: RuleDocSchema,
  enabled: Type.Boolean(),
  builtin: Type.Boolean({ description: 'Part of the built-in pack: can be switched off, not edited' }),
  version: Type.Integer(),
  updatedBy: Type.String(),
  updatedAt: IsoTime,
});
export type Rule = Static<typeof Rule>;

export const RuleList = Type.Object({ rules: Type.Array(Rule) });

/** One version of a rule. */
export const RuleVersion = Type.Object({ version: Type.Integer(), change: Type.String(), doc: Nullable(RuleDocSchema), changedBy: Type.String(), changedAt: IsoTime });
export const RuleVersionList = Type.Object({ versions: Type.Array(RuleVersion) });

/** One document of an import. */
export const RuleImportResult = Type.Object({
  id: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
  format: StringEnum(['vigil', 'sigma'] as const),
  status: StringEnum(['created', 'updated', 'unchanged', 'failed'] as const),
  errors: Type.Array(Type.Object({ code: Type.String(), message: Type.String(), line: Type.Optional(Type.Integer()), path: Type.Optional(Type.String()) })),
});
export const RuleImportReport = Type.Object({ results: Type.Array(RuleImportResult), created: Type.Integer(), updated: Type.Integer(), failed: Type.Integer() });
export type RuleImportReport = Static<typeof RuleImportReport>;

/** YAML text of one rule or many documents. */
const YamlText = Type.String({ description: 'YAML (Vigil or Sigma rules, one or many documents)' });

/** A body that is a rule as JSON, or its YAML (`Content-Type: application/yaml`). */
const RuleBody = {
  content: {
    'application/json': { schema: RuleDocSchema },
    'application/yaml': { schema: YamlText },
    'application/x-yaml': { schema: YamlText },
    'text/yaml': { schema: YamlText },
  },
};

/** An import body: YAML text. */
const ImportBody = {
  content: {
    'application/yaml': { schema: YamlText },
    'application/x-yaml': { schema: YamlText },
    'text/yaml': { schema: YamlText },
    'text/plain': { schema: YamlText },
  },
};

/** The operations of `/api/v1/rules`. */
export const rulesApi = {
  list: operation({ tags: ['rules'], summary: 'The tenant\'s rules (built-in pack and own)', response: { 200: RuleList } }),
  get: operation({ tags: ['rules'], summary: 'One rule', params: IdParams, response: { 200: Rule } }),
  create: operation({ tags: ['rules'], summary: 'Create a rule (JSON, or YAML with Content-Type: application/yaml)', body: RuleBody, response: { 201: Rule }, errors: [409] }),
  update: operation({ tags: ['rules'], summary: 'Replace a rule (a new version)', params: IdParams, body: RuleBody, response: { 200: Rule }, errors: [409] }),
  delete: operation({ tags: ['rules'], summary: 'Delete an own rule (built-in rules can only be disabled)', params: IdParams, response: { 200: Type.Object({ ok: Type.Boolean() }) }, errors: [409] }),
  enable: operation({ tags: ['rules'], summary: 'Enable a rule', params: IdParams, response: { 200: Rule } }),
  disable: operation({ tags: ['rules'], summary: 'Disable a rule', params: IdParams, response: { 200: Rule } }),
  versions: operation({ tags: ['rules'], summary: 'Every version of a rule, newest first', params: IdParams, response: { 200: RuleVersionList } }),
  import: operation({ tags: ['rules'], summary: 'Import Vigil or Sigma YAML (one or many documents); answers a report per rule', body: ImportBody, response: { 200: RuleImportReport } }),
};
