/**
 * @module api/escalation-policies
 * Contracts of `/api/v1/escalation-policies`: ordered steps (wait, then notify these channels),
 * repeated a number of times, climbed by an alert nobody acknowledges. A route names a policy in
 * `escalation_policy`; acknowledging or resolving the alert stops it.
 */
import Type, { type Static } from 'typebox';
import { IdParams, IsoTime, Ok, operation } from './common.ts';

/** Size limits of an escalation policy. */
export const ESCALATION_LIMITS = { name: 200, steps: 20, receivers: 50, maxRepeat: 10, duration: 32 } as const;

/** One step: after `wait` (counted from the previous step, or from when the alert was first routed), notify `receivers`. */
export const EscalationStep = Type.Object({
  wait: Type.String({ maxLength: ESCALATION_LIMITS.duration, description: 'Duration, e.g. 15m' }),
  receivers: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { minItems: 1, maxItems: ESCALATION_LIMITS.receivers, description: 'Channel ids' }),
});
export type EscalationStep = Static<typeof EscalationStep>;

/** `POST /escalation-policies` and `PUT /escalation-policies/{id}` body. */
export const EscalationPolicyBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: ESCALATION_LIMITS.name }),
  steps: Type.Array(EscalationStep, { minItems: 1, maxItems: ESCALATION_LIMITS.steps }),
  repeat: Type.Optional(Type.Integer({ minimum: 0, maximum: ESCALATION_LIMITS.maxRepeat, description: 'Climb the steps again this many times after the last one (default 0)' })),
});
export type EscalationPolicyBody = Static<typeof EscalationPolicyBody>;

/** An escalation policy. */
export const EscalationPolicy = Type.Object({
  id: Type.String(),
  name: Type.String(),
  steps: Type.Array(EscalationStep),
  repeat: Type.Integer(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type EscalationPolicy = Static<typeof EscalationPolicy>;

/** The operations of `/api/v1/escalation-policies`. */
export const escalationPoliciesApi = {
  list: operation({ tags: ['routing'], summary: 'Escalation policies', response: { 200: Type.Object({ escalationPolicies: Type.Array(EscalationPolicy) }) } }),
  create: operation({ tags: ['routing'], summary: 'Add an escalation policy', body: EscalationPolicyBody, response: { 201: EscalationPolicy }, errors: [409] }),
  get: operation({ tags: ['routing'], summary: 'One escalation policy', params: IdParams, response: { 200: EscalationPolicy } }),
  update: operation({ tags: ['routing'], summary: 'Replace an escalation policy', params: IdParams, body: EscalationPolicyBody, response: { 200: EscalationPolicy }, errors: [409] }),
  remove: operation({ tags: ['routing'], summary: 'Delete an escalation policy no route uses', params: IdParams, response: { 200: Ok }, errors: [409] }),
};
