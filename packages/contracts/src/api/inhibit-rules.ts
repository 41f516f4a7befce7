/**
 * @module api/inhibit-rules
 * Contracts of `/api/v1/inhibit-rules`: while an alert matching `source_match` is open or
 * acknowledged, alerts matching `target_match` that have the same values in every `equal` field
 * send nothing (a critical "host down" mutes that host's warnings).
 */
import Type, { type Static } from 'typebox';
import { IdParams, IsoTime, Ok, operation } from './common.ts';

/** Size limits of an inhibit rule. */
export const INHIBIT_RULE_LIMITS = { name: 200, match: 10_000, equal: 20, field: 256 } as const;

/** `POST /inhibit-rules` and `PUT /inhibit-rules/{id}` body. */
export const InhibitRuleBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: INHIBIT_RULE_LIMITS.name }),
  source_match: Type.String({ minLength: 1, maxLength: INHIBIT_RULE_LIMITS.match, description: 'Query: the alerts that inhibit, e.g. rule.id:host-down' }),
  target_match: Type.String({ minLength: 1, maxLength: INHIBIT_RULE_LIMITS.match, description: 'Query: the alerts that are muted, e.g. vigil.severity:<=medium' }),
  equal: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: INHIBIT_RULE_LIMITS.field }), { maxItems: INHIBIT_RULE_LIMITS.equal, description: 'Fields whose values must be the same in source and target, e.g. ["host.name"]' })),
  enabled: Type.Optional(Type.Boolean({ description: 'Default true' })),
});
export type InhibitRuleBody = Static<typeof InhibitRuleBody>;

/** An inhibit rule. */
export const InhibitRule = Type.Object({
  id: Type.String(),
  name: Type.String(),
  source_match: Type.String(),
  target_match: Type.String(),
  equal: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type InhibitRule = Static<typeof InhibitRule>;

/** The operations of `/api/v1/inhibit-rules`. */
export const inhibitRulesApi = {
  list: operation({ tags: ['routing'], summary: 'Inhibit rules', response: { 200: Type.Object({ inhibitRules: Type.Array(InhibitRule) }) } }),
  create: operation({ tags: ['routing'], summary: 'Add an inhibit rule', body: InhibitRuleBody, response: { 201: InhibitRule }, errors: [409] }),
  get: operation({ tags: ['routing'], summary: 'One inhibit rule', params: IdParams, response: { 200: InhibitRule } }),
  update: operation({ tags: ['routing'], summary: 'Replace an inhibit rule', params: IdParams, body: InhibitRuleBody, response: { 200: InhibitRule }, errors: [409] }),
  remove: operation({ tags: ['routing'], summary: 'Delete an inhibit rule', params: IdParams, response: { 200: Ok } }),
};
