/**
 * @module incidents/postmortem-markdown
 * The postmortem of an incident as Markdown: facts (status, severity, owner, milestones, time to
 * contain and resolve), summary, impact, timeline, root cause, contributing factors, the evidence
 * ledger and the action items. A part nobody wrote says so, so the template shows what is missing.
 * The timeline is the postmortem's own when written, else the incident's recorded timeline.
 */
import type { IncidentTimelineEntry } from '@vigil/contracts';
import type { IncidentRecord } from './incident-state.ts';

const NOT_WRITTEN = '_Not written yet._';

/** Text safe inside a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** A paragraph, or the placeholder when empty. */
function para(text: string): string {
  return text.trim() ? text.trim() : NOT_WRITTEN;
}

/** `3h 12m` between two ISO times. */
export function durationText(fromIso: string, toIso: string): string {
  const ms = Math.max(0, Date.parse(toIso) - Date.parse(fromIso));
  const m = Math.round(ms / 60_000);
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const parts = [d ? `${d}d` : '', h ? `${h}h` : '', `${m % 60}m`].filter(Boolean);
  return parts.join(' ');
}

/** A timeline entry as one line of the export. */
function timelineText(e: IncidentTimelineEntry): string {
  const what: Record<string, string> = {
    created: 'Incident opened',
    alert_added: 'Alert joined',
    alert_removed: 'Alert removed',
    status: 'Status',
    owner: 'Owner',
    severity: 'Severity',
    note: 'Note',
    updated: 'Edited',
    finding_added: 'Finding added',
    finding_updated: 'Finding changed',
    postmortem: 'Postmortem',
    notification: 'Notification',
  };
  return `${what[e.action] ?? e.action}${e.text ? `: ${e.text}` : ''} (${e.actor})`;
}

/** Renders the postmortem of `incident`; `timeline` is the incident's recorded timeline (oldest first). */
export function postmortemMarkdown(incident: IncidentRecord, timeline: readonly IncidentTimelineEntry[]): string {
  const pm = incident.postmortem;
  const out: string[] = [];
  out.push(`# Postmortem: ${incident.title.replace(/\r?\n/g, ' ')}`, '');
  const facts: [string, string][] = [
    ['Incident', incident.id],
    ['Status', incident.status],
    ['Severity', incident.severity],
    ['Owner', incident.owner ?? 'unassigned'],
    ['Opened', incident.createdAt],
    ...(incident.investigatingAt ? [['Investigating', incident.investigatingAt] as [string, string]] : []),
    ...(incident.containedAt ? [['Contained', `${incident.containedAt} (after ${durationText(incident.createdAt, incident.containedAt)})`] as [string, string]] : []),
    ...(incident.resolvedAt ? [['Resolved', `${incident.resolvedAt} (after ${durationText(incident.createdAt, incident.resolvedAt)})`] as [string, string]] : []),
    ['Alerts', String(incident.alertIds.length)],
    ...(pm.updatedBy && pm.updatedAt ? [['Postmortem by', `${pm.updatedBy}, ${pm.updatedAt}`] as [string, string]] : []),
  ];
  out.push('| | |', '|---|---|', ...facts.map(([k, v]) => `| ${k} | ${cell(v)} |`), '');
  if (incident.description.trim()) out.push(incident.description.trim(), '');
  out.push('## Summary', '', para(pm.summary), '');
  out.push('## Impact', '', para(pm.impact), '');
  out.push('## Timeline', '');
  if (pm.timeline.length) {
    out.push('| Time | What happened |', '|---|---|', ...pm.timeline.map((t) => `| ${cell(t.at)} | ${cell(t.text)} |`));
  } else if (timeline.length) {
    out.push('| Time (UTC) | What happened |', '|---|---|', ...timeline.map((e) => `| ${e.at} | ${cell(timelineText(e))} |`));
  } else {
    out.push(NOT_WRITTEN);
  }
  out.push('');
  out.push('## Root cause', '', para(pm.rootCause), '');
  out.push('## Contributing factors', '');
  out.push(...(pm.contributingFactors.filter((f) => f.trim()).length ? pm.contributingFactors.filter((f) => f.trim()).map((f) => `- ${f.trim().replace(/\r?\n/g, ' ')}`) : [NOT_WRITTEN]), '');
  out.push('## Evidence', '');
  if (incident.findings.length) {
    out.push('| Finding | Status | Events | Details |', '|---|---|---|---|', ...incident.findings.map((f) => `| ${cell(f.title)} | ${f.status} | ${f.eventIds.length ? cell(f.eventIds.join(', ')) : '-'} | ${cell(f.description) || '-'} |`));
  } else {
    out.push('_No findings recorded._');
  }
  out.push('');
  out.push('## Action items', '');
  if (pm.actions.length) {
    out.push(...pm.actions.map((a) => `- [${a.done ? 'x' : ' '}] ${a.text.replace(/\r?\n/g, ' ')}${a.owner ? ` — owner: ${a.owner}` : ' — owner: unassigned'}${a.due ? `, due ${a.due}` : ''}`));
  } else {
    out.push(NOT_WRITTEN);
  }
  out.push('');
  return out.join('\n');
}
