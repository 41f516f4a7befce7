/**
 * @module rules api
 * Hooks over `/api/v1/rules`: the list (with hit counts), one rule and its versions, validation of a
 * draft as the editor types, create/update from YAML, enable/disable, delete and imports.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Rule, RuleBacktestBody, RuleBacktestReport, RuleImportReport, RuleList, RuleTestBody, RuleTestReport, RuleValidation, RuleVersionList } from '@vigil/contracts';
import { apiFetch, useApiMutation, useApiQuery } from '../../../api/api.ts';
import type { ApiError } from '../../../api/api-error.ts';

/** Every rule query starts with this key. */
export const RULES_KEY = 'rules';

/** The tenant's rules, built-in first. */
export function useRuleList() {
  return useApiQuery<RuleList>({ key: [RULES_KEY, 'list'], path: '/rules', staleTime: 10_000 });
}

/** One rule. */
export function useRule(id: string | null) {
  return useApiQuery<Rule>({ key: [RULES_KEY, 'one', id], path: `/rules/${encodeURIComponent(id ?? '')}`, enabled: !!id });
}

/** Every version of a rule, newest first. */
export function useRuleVersions(id: string | null) {
  return useApiQuery<RuleVersionList>({ key: [RULES_KEY, 'versions', id], path: `/rules/${encodeURIComponent(id ?? '')}/versions`, enabled: !!id });
}

/** Checks YAML text without saving (problems located by line and column). */
export function validateRuleYaml(text: string, signal?: AbortSignal): Promise<RuleValidation> {
  return apiFetch<RuleValidation>('/rules/validate', { method: 'POST', text: { body: text, contentType: 'application/yaml' }, signal });
}

/** Saves YAML as a new rule, or as a new version of `id`. */
export function useSaveRule() {
  const client = useQueryClient();
  return useMutation<Rule, ApiError, { id: string | null; yaml: string }>({
    mutationFn: ({ id, yaml }) =>
      apiFetch<Rule>(id ? `/rules/${encodeURIComponent(id)}` : '/rules', { method: id ? 'PUT' : 'POST', text: { body: yaml, contentType: 'application/yaml' } }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: [RULES_KEY] });
    },
  });
}

/** Switches a rule on or off. */
export function useSetRuleEnabled() {
  return useApiMutation<{ id: string; enabled: boolean }, Rule>({ path: (v) => `/rules/${encodeURIComponent(v.id)}/${v.enabled ? 'enable' : 'disable'}`, body: () => undefined, invalidate: [[RULES_KEY]] });
}

/** Deletes an own rule. */
export function useDeleteRule() {
  return useApiMutation<string>({ method: 'DELETE', path: (id) => `/rules/${encodeURIComponent(id)}`, body: () => undefined, invalidate: [[RULES_KEY]] });
}

/** Imports Vigil or Sigma YAML; answers the per-rule report. */
export function useImportRules() {
  const client = useQueryClient();
  return useMutation<RuleImportReport, ApiError, string>({
    mutationFn: (yaml) => apiFetch<RuleImportReport>('/rules/import', { method: 'POST', text: { body: yaml, contentType: 'application/yaml' } }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: [RULES_KEY] });
    },
  });
}

/** Runs a rule over sample lines, JSON events or recent stored events (nothing stored). */
export function useTestRule() {
  return useApiMutation<RuleTestBody, RuleTestReport>({ path: '/rules/test' });
}

/** Replays stored history through a rule: what it would have raised (no alert written). */
export function useBacktestRule() {
  return useApiMutation<RuleBacktestBody, RuleBacktestReport>({ path: '/rules/backtest' });
}
