/**
 * @module rule-yaml
 * Rule documents to YAML and back, for the editor's two views. Keys are written in a fixed, readable
 * order; long queries stay on one line. Only the rules editor loads this (and the `yaml` library).
 */
import { parse, stringify } from 'yaml';
import type { RuleDoc } from '@vigil/contracts';
import { RULE_KINDS } from './rule-kind.ts';

/** A rule being edited: any subset of a rule document's keys (the server says what is missing). */
export type DraftDoc = Partial<RuleDoc> & Record<string, unknown>;

const ORDER = ['id', 'title', 'description', 'severity', 'enabled', 'tags', 'query', ...RULE_KINDS, 'suppress', 'severity_from', 'allowed_lateness', 'source'];

/** The document with its keys in editor order (unknown keys last, as they were). */
export function orderKeys(doc: DraftDoc | RuleDoc): DraftDoc {
  const src = doc as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of ORDER) if (src[k] !== undefined) out[k] = src[k];
  for (const [k, v] of Object.entries(src)) if (!(k in out) && v !== undefined) out[k] = v;
  return out as DraftDoc;
}

/** YAML text of a rule document. */
export function docToYaml(doc: DraftDoc | RuleDoc): string {
  return stringify(orderKeys(doc), { lineWidth: 0, flowCollectionPadding: false });
}

/** The document in YAML text, or the reason it cannot be read as one. */
export function yamlToDoc(text: string): { doc: DraftDoc } | { error: string } {
  try {
    const v = parse(text, { maxAliasCount: 100 }) as unknown;
    if (v === null || v === undefined) return { doc: {} };
    if (typeof v !== 'object' || Array.isArray(v)) return { error: 'The YAML is not a rule (a mapping of keys to values).' };
    return { doc: v as DraftDoc };
  } catch (err) {
    return { error: (err as Error).message.split('\n')[0] ?? 'The YAML does not parse.' };
  }
}

/** The starting point of a new rule. */
export const NEW_RULE_YAML = `id: my-new-rule
title: Failed logins from {{source.ip}}
severity: medium
tags: [attack.credential_access, attack.t1110]
query: 'event.category:authentication AND event.outcome:failure'
threshold: {count: 5, window: 10m, group_by: [source.ip]}
suppress: {window: 30m}
`;
