/**
 * @module alert-filters
 * The alert list's filters as they live in the URL (so a filtered list can be shared) and as the API
 * takes them. Defaults are left out of the URL.
 */
import { ALERT_STATES, SEVERITIES, type AlertState, type Severity } from '@vigil/contracts';
import type { Params } from '../../../api/api.ts';

/** What the alert list is filtered by; empty strings mean "any". */
export interface AlertFilters {
  state: AlertState[];
  /** This severity or higher. */
  severity: Severity | '';
  rule: string;
  tag: string;
  host: string;
  source: string;
  assignee: string;
  /** Last seen at or after (relative like `-24h`); empty = any time. */
  from: string;
}

/** The list a person sees first: everything still needing attention. */
export const DEFAULT_FILTERS: AlertFilters = { state: ['open', 'acknowledged'], severity: '', rule: '', tag: '', host: '', source: '', assignee: '', from: '' };

const TEXT_KEYS = ['rule', 'tag', 'host', 'source', 'assignee', 'from'] as const;

/** Reads the filters from URL search parameters, ignoring values the API would refuse. */
export function readFilters(sp: URLSearchParams): AlertFilters {
  const f: AlertFilters = { ...DEFAULT_FILTERS, state: [...DEFAULT_FILTERS.state] };
  const state = sp.get('state');
  if (state !== null) f.state = state === 'all' ? [] : state.split(',').filter((s): s is AlertState => (ALERT_STATES as readonly string[]).includes(s));
  const sev = sp.get('severity');
  if (sev && (SEVERITIES as readonly string[]).includes(sev)) f.severity = sev as Severity;
  for (const k of TEXT_KEYS) f[k] = sp.get(k)?.trim() ?? '';
  return f;
}

/** The URL search parameters of the filters (defaults left out). */
export function writeFilters(f: AlertFilters): URLSearchParams {
  const sp = new URLSearchParams();
  const sameState = f.state.length === DEFAULT_FILTERS.state.length && f.state.every((s) => DEFAULT_FILTERS.state.includes(s));
  if (!sameState) sp.set('state', f.state.length ? f.state.join(',') : 'all');
  if (f.severity) sp.set('severity', f.severity);
  for (const k of TEXT_KEYS) if (f[k].trim()) sp.set(k, f[k].trim());
  return sp;
}

/** The filters as `GET /alerts` query parameters. */
export function filterParams(f: AlertFilters): Params {
  return {
    state: f.state.length ? f.state.join(',') : undefined,
    severity: f.severity || undefined,
    rule: f.rule || undefined,
    tag: f.tag || undefined,
    host: f.host || undefined,
    source: f.source || undefined,
    assignee: f.assignee || undefined,
    from: f.from || undefined,
  };
}

/** How many filters differ from the defaults (the badge on the narrow-screen filter button). */
export function activeFilterCount(f: AlertFilters): number {
  const sameState = f.state.length === DEFAULT_FILTERS.state.length && f.state.every((s) => DEFAULT_FILTERS.state.includes(s));
  return (sameState ? 0 : 1) + (f.severity ? 1 : 0) + TEXT_KEYS.filter((k) => f[k]).length;
}
