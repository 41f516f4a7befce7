/**
 * @module useCompletions
 * Completion candidates for the token under the cursor: field names (from `/events/fields` plus the
 * known ECS fields) or a field's values (from `/events/top`).
 */
import { useMemo } from 'react';
import { FIELD_TYPES, SEVERITIES } from '@vigil/contracts';
import { useApiQuery } from '../../api/api.ts';
import type { FieldsResponse, TopResponse } from '@vigil/contracts';
import type { CursorContext } from '../../lib/query-text.ts';
import { quoteValue } from '../../lib/query-text.ts';
import type { TimeRange } from '../../lib/time.ts';

/** One completion option. */
export interface Completion {
  /** Text inserted into the query. */
  insert: string;
  /** Text shown. */
  label: string;
  /** Secondary text (type, count). */
  detail?: string;
}

const MAX = 12;

/** Completions for the context; fetches field lists and top values lazily. */
export function useCompletions(ctx: CursorContext, range: TimeRange, enabled: boolean): Completion[] {
  const wantFields = enabled && ctx.kind === 'field' && ctx.prefix.length > 0;
  const valueField = enabled && ctx.kind === 'value' ? ctx.field : null;

  const fields = useApiQuery<FieldsResponse>({
    key: ['completion-fields', range.from, range.to],
    path: '/events/fields',
    params: { from: range.from, to: range.to },
    enabled: wantFields,
    staleTime: 60_000,
  });
  const top = useApiQuery<TopResponse>({
    key: ['completion-values', valueField, range.from, range.to],
    path: '/events/top',
    params: { field: valueField ?? '', from: range.from, to: range.to, limit: 20 },
    enabled: !!valueField && valueField !== 'vigil.severity',
    staleTime: 30_000,
  });

  return useMemo(() => {
    if (ctx.kind === 'field') {
      // An empty token opens nothing: the list appears once the user starts typing.
      if (!ctx.prefix) return [];
      const counts = new Map<string, { type: string; count?: number }>();
      for (const name of Object.keys(FIELD_TYPES)) counts.set(name, { type: FIELD_TYPES[name] });
      for (const f of fields.data?.fields ?? []) counts.set(f.name, { type: f.type, count: f.count });
      const p = ctx.prefix.toLowerCase();
      const names = [...counts.keys()].filter((n) => n.toLowerCase().includes(p));
      // Fields present in the data first, then prefix matches, then alphabetical.
      names.sort((a, b) => {
        const ca = counts.get(a)!.count ?? -1;
        const cb = counts.get(b)!.count ?? -1;
        const pa = a.toLowerCase().startsWith(p) ? 0 : 1;
        const pb = b.toLowerCase().startsWith(p) ? 0 : 1;
        return pa - pb || Number(cb >= 0) - Number(ca >= 0) || a.localeCompare(b);
      });
      const out: Completion[] = names.slice(0, MAX).map((n) => {
        const info = counts.get(n)!;
        return { insert: n, label: n, detail: info.count !== undefined ? `${info.type} · ${info.count.toLocaleString()}` : info.type };
      });
      if (ctx.prefix && out.length === 1 && out[0].insert === ctx.prefix) return [];
      return out;
    }
    if (ctx.kind === 'value') {
      const p = ctx.prefix.toLowerCase();
      const values: Completion[] =
        ctx.field === 'vigil.severity'
          ? SEVERITIES.map((s) => ({ insert: s, label: s }))
          : (top.data?.values ?? [])
              .filter((v) => v.value !== null && v.value !== undefined)
              .map((v) => ({ insert: quoteValue(v.value), label: String(v.value), detail: v.count.toLocaleString() }));
      return values.filter((v) => v.label.toLowerCase().includes(p)).slice(0, MAX);
    }
    return [];
  }, [ctx, fields.data, top.data]);
}
