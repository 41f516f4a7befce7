/**
 * @module reports/digest
 * A digest of one tenant over one period, computed from what the shell read (alerts, incidents, the
 * noisiest hosts and source addresses, ingest counters) and rendered as Markdown, plus the facts a
 * notification channel shows. Pure: same input, same digest.
 */
import { SEVERITIES, severityRank, type CountedValue, type Digest, type IncidentStatus, type ReportCadence, type Severity } from '@vigil/contracts';

/** An alert as the digest reads it. */
export interface DigestAlert {
  ruleId: string;
  title: string;
  severity: Severity;
  state: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  groupKey: string;
}

/** An incident as the digest reads it. */
export interface DigestIncident {
  id: string;
  title: string;
  status: IncidentStatus;
  severity: Severity;
  owner: string | null;
  alertIds: readonly string[];
  createdAt: string;
  resolvedAt: string | null;
}

/** What the shell gathers for one digest. */
export interface DigestInput {
  tenant: string;
  cadence: ReportCadence;
  from: number;
  to: number;
  /** Alerts last seen in the period. */
  alerts: readonly DigestAlert[];
  /** Incidents unresolved now, or opened or resolved in the period. */
  incidents: readonly DigestIncident[];
  topHosts: readonly CountedValue[];
  topSourceIps: readonly CountedValue[];
  events: number;
  quotaRejected: number;
  inputs: readonly { name: string; received: number; dropped: number; failed: number; parseFailures: number }[];
  /** Rows per table (default 10). */
  top?: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Computes the digest. */
export function buildDigest(input: DigestInput): Digest {
  const top = input.top ?? 10;
  const inPeriod = (t: string | null) => t !== null && Date.parse(t) >= input.from && Date.parse(t) < input.to;
  const bySeverity = { info: 0, low: 0, medium: 0, high: 0, critical: 0 };
  const rules = new Map<string, { ruleId: string; title: string; alerts: number; events: number }>();
  const groups = new Map<string, number>();
  for (const a of input.alerts) {
    bySeverity[a.severity]++;
    const r = rules.get(a.ruleId) ?? { ruleId: a.ruleId, title: a.title, alerts: 0, events: 0 };
    r.alerts++;
    r.events += a.count;
    rules.set(a.ruleId, r);
    if (a.groupKey && a.groupKey !== '[]') groups.set(a.groupKey, (groups.get(a.groupKey) ?? 0) + a.count);
  }
  const byRule = [...rules.values()].sort((a, b) => b.alerts - a.alerts || b.events - a.events || a.ruleId.localeCompare(b.ruleId)).slice(0, top);
  const alertGroups = [...groups.entries()].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, top);
  const open = input.incidents.filter((i) => i.status !== 'resolved');
  const digest: Digest = {
    tenant: input.tenant,
    cadence: input.cadence,
    from: iso(input.from),
    to: iso(input.to),
    title: `Vigil ${input.cadence} digest: ${input.tenant}, ${iso(input.from).slice(0, 16).replace('T', ' ')} to ${iso(input.to).slice(0, 16).replace('T', ' ')} UTC`,
    alerts: {
      total: input.alerts.length,
      opened: input.alerts.filter((a) => inPeriod(a.firstSeen)).length,
      stillOpen: input.alerts.filter((a) => a.state !== 'resolved').length,
      bySeverity,
      byRule,
    },
    incidents: {
      open: open.length,
      opened: input.incidents.filter((i) => inPeriod(i.createdAt)).length,
      resolved: input.incidents.filter((i) => inPeriod(i.resolvedAt)).length,
      list: [...open]
        .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.createdAt.localeCompare(b.createdAt))
        .slice(0, top)
        .map((i) => ({ id: i.id, title: i.title, status: i.status, severity: i.severity, owner: i.owner, alerts: i.alertIds.length })),
    },
    noisiest: { hosts: input.topHosts.slice(0, top), sourceIps: input.topSourceIps.slice(0, top), alertGroups },
    ingest: {
      events: input.events,
      quotaRejected: input.quotaRejected,
      inputs: input.inputs.map((i) => ({ name: i.name, received: i.received, dropped: i.dropped, failed: i.failed, parseFailures: i.parseFailures })),
    },
    markdown: '',
  };
  digest.markdown = digestMarkdown(digest);
  return digest;
}

function table(head: string[], rows: string[][], empty: string): string[] {
  if (!rows.length) return [empty];
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

/** The digest as Markdown. */
export function digestMarkdown(d: Digest): string {
  const sev = [...SEVERITIES].reverse().map((s) => `${s} ${d.alerts.bySeverity[s]}`).join(', ');
  const inputs = d.ingest.inputs.filter((i) => i.received || i.dropped || i.failed || i.parseFailures);
  return [
    `# ${d.title}`,
    '',
    '## Alerts',
    '',
    `${d.alerts.total} active (${d.alerts.opened} new, ${d.alerts.stillOpen} not resolved). By severity: ${sev}.`,
    '',
    ...table(['Rule', 'Alerts', 'Events'], d.alerts.byRule.map((r) => [`${r.title} (${r.ruleId})`, String(r.alerts), String(r.events)]), '_No alerts in this period._'),
    '',
    '## Incidents',
    '',
    `${d.incidents.open} open, ${d.incidents.opened} opened and ${d.incidents.resolved} resolved in this period.`,
    '',
    ...table(['Incident', 'Status', 'Severity', 'Owner', 'Alerts'], d.incidents.list.map((i) => [i.title, i.status, i.severity, i.owner ?? 'unassigned', String(i.alerts)]), '_No open incidents._'),
    '',
    '## Noisiest sources',
    '',
    ...table(['Host', 'Events'], d.noisiest.hosts.map((v) => [v.value, String(v.count)]), '_No events with host.name._'),
    '',
    ...table(['Source IP', 'Events'], d.noisiest.sourceIps.map((v) => [v.value, String(v.count)]), '_No events with source.ip._'),
    '',
    ...table(['Alert group', 'Matching events'], d.noisiest.alertGroups.map((v) => [v.value, String(v.count)]), '_No grouped alerts._'),
    '',
    '## Ingest health',
    '',
    `${d.ingest.events} events stored in this period; ${d.ingest.quotaRejected} refused by the daily quota.`,
    '',
    ...table(['Input', 'Received', 'Dropped', 'Failed', 'Parse failures'], inputs.map((i) => [i.name, String(i.received), String(i.dropped), String(i.failed), String(i.parseFailures)]), '_No input received anything since the server started._'),
    '',
  ].join('\n');
}

/** The digest as label/value pairs, for channels that lay out facts (Slack fields, Teams FactSet, e-mail rows). */
export function digestFacts(d: Digest): { label: string; value: string }[] {
  const list = (xs: readonly { value: string; count: number }[]) => (xs.length ? xs.slice(0, 5).map((x) => `${x.value} (${x.count})`).join(', ') : 'none');
  const sev = [...SEVERITIES].reverse().filter((s) => d.alerts.bySeverity[s]).map((s) => `${s} ${d.alerts.bySeverity[s]}`).join(', ') || 'none';
  const dropped = d.ingest.inputs.reduce((n, i) => n + i.dropped + i.failed, 0);
  return [
    { label: 'Period', value: `${d.from} to ${d.to}` },
    { label: 'Alerts', value: `${d.alerts.total} active, ${d.alerts.opened} new, ${d.alerts.stillOpen} not resolved` },
    { label: 'By severity', value: sev },
    { label: 'Top rules', value: d.alerts.byRule.length ? d.alerts.byRule.slice(0, 5).map((r) => `${r.title} (${r.alerts})`).join(', ') : 'none' },
    { label: 'Incidents', value: `${d.incidents.open} open, ${d.incidents.opened} opened, ${d.incidents.resolved} resolved` },
    ...(d.incidents.list.length ? [{ label: 'Open incidents', value: d.incidents.list.slice(0, 5).map((i) => `[${i.severity}] ${i.title} (${i.status}, ${i.owner ?? 'unassigned'})`).join('; ') }] : []),
    { label: 'Noisiest hosts', value: list(d.noisiest.hosts) },
    { label: 'Noisiest source IPs', value: list(d.noisiest.sourceIps) },
    { label: 'Ingest', value: `${d.ingest.events} events stored, ${d.ingest.quotaRejected} over quota, ${dropped} dropped or failed since start` },
  ];
}
