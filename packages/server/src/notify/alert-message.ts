/**
 * @module notify/alert-message
 * The default text of a notification, shared by every channel so they all say the same things:
 * title, severity, rule, group, count, first/last seen, the rule author, and a link to the alert.
 */
import type { ChannelAlert } from './notifier.ts';

/** The parts of a notification; channels lay them out in their own format. */
export interface AlertMessage {
  /** e.g. `[HIGH] SSH brute force` (`RESOLVED` or `ACKNOWLEDGED` prefixed when not open). */
  title: string;
  severity: string;
  /** Label and value pairs, in display order. */
  facts: { label: string; value: string }[];
  /** Link to the alert in the web UI, or null when `public_url` is not set. */
  link: string | null;
  /** The whole message as plain text. */
  text: string;
}

/** Severity colours (hex, no `#`) for channels that tint messages. */
export const SEVERITY_COLOURS: Record<string, string> = { critical: 'B00020', high: 'E8590C', medium: 'F59F00', low: '1C7ED6', informational: '868E96', info: '868E96' };

/** Builds the message of an alert. */
export function alertMessage(alert: ChannelAlert, publicUrl: string | null): AlertMessage {
  const state = alert.state === 'open' ? '' : `${alert.state.toUpperCase()}: `;
  const title = `${state}[${alert.severity.toUpperCase()}] ${alert.ruleTitle}`;
  const facts = alert.message ? alert.message.facts : [
    { label: 'Severity', value: alert.severity },
    { label: 'Rule', value: `${alert.ruleTitle} (${alert.ruleId})` },
    ...(alert.groupKey ? [{ label: 'Group', value: alert.groupKey }] : []),
    { label: 'Count', value: String(alert.count) },
    { label: 'First seen', value: alert.firstSeen },
    { label: 'Last seen', value: alert.lastSeen },
    ...(alert.source?.author ? [{ label: 'Rule author', value: String(alert.source.author) }] : []),
    ...(alert.tags.length ? [{ label: 'Tags', value: alert.tags.join(', ') }] : []),
  ];
  const link = alert.message ? alert.message.link : publicUrl ? `${publicUrl.replace(/\/+$/, '')}/alerts/${encodeURIComponent(alert.id)}` : null;
  const text = [title, ...facts.map((f) => `${f.label}: ${f.value}`), ...(link ? [`Open: ${link}`] : [])].join('\n');
  return { title, severity: alert.severity, facts, link, text };
}

/** A sample alert for `POST /channels/{id}/test` and `vigil channels test`. */
export function sampleAlert(tenantId: string, now: number, id: string): ChannelAlert {
  const t = new Date(now).toISOString();
  return { id, tenantId, ruleId: 'vigil-test', ruleTitle: 'Vigil test notification', groupKey: 'source.ip=192.0.2.10', severity: 'low', tags: ['test'], count: 1, firstSeen: t, lastSeen: t, sampleEventIds: [], state: 'open', source: { author: 'Vigil' } };
}
