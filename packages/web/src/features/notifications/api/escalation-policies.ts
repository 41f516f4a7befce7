/**
 * @module notifications api/escalation-policies
 * Hooks over `/api/v1/escalation-policies`: list, create, replace, delete.
 */
import type { EscalationPolicy, EscalationPolicyBody } from '@vigil/contracts';
import { useApiMutation, useApiQuery } from '../../../api/api.ts';

/** Every escalation-policy query starts with this key. */
export const POLICIES_KEY = 'escalation-policies';

export function useEscalationPolicies() {
  return useApiQuery<{ escalationPolicies: EscalationPolicy[] }>({ key: [POLICIES_KEY, 'list'], path: '/escalation-policies' });
}

const invalidate = [[POLICIES_KEY]];

export function useCreateEscalationPolicy() {
  return useApiMutation<EscalationPolicyBody, EscalationPolicy>({ path: '/escalation-policies', invalidate });
}

export function useUpdateEscalationPolicy() {
  return useApiMutation<{ id: string; body: EscalationPolicyBody }, EscalationPolicy>({ method: 'PUT', path: (v) => `/escalation-policies/${encodeURIComponent(v.id)}`, body: (v) => v.body, invalidate });
}

export function useDeleteEscalationPolicy() {
  return useApiMutation<string>({ method: 'DELETE', path: (id) => `/escalation-policies/${encodeURIComponent(id)}`, body: () => undefined, invalidate });
}
