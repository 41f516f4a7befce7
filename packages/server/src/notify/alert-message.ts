/**
 * @module notify/alert-message
 * The default text of a notification, shared by every channel so they all say the same things:
 * title, severity, rule, group, count, first/last seen, the rule author, a link to the alert, the
 * other alerts of a routed group, and signed acknowledge/resolve links.
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
  /** Signed links that act on the alert (acknowledge, resolve), in display order. */
  actions: { label: string; url: string }[];
  /** The whole message as plain text. */
  text: string;
}

/** Severity colours (hex, no `#`) for channels that tint messages. */
export const SEVERITY_COLOURS: Record<string, string> = { critical: 'B00020', high: 'E8590C', medium: 'F59F00', low: '1C7ED6', informational: '868E96', info: '868E96' };

/** Title prefixes by why a routed notification is sent (the alert's state says the rest). */
const KIND_PREFIX: Record<string, string> = { repeat: 'STILL OPEN: ', escalation: 'ESCALATED: ' };

/** Most other alerts of a group named in a message. */
const MAX_LISTED = 5;

/** The group lines of a routed notification about several alerts. */
function groupFacts(alert: ChannelAlert): { label: string; value: string }[] {
  const n = alert.notification;
  if (!n || n.alerts.length < 2) return [];
  const c = n.counts;
  const others = n.alerts.filter((a) => a.id !== alert.id);
  const listed = others.slice(0, MAX_LISTED).map((a) => `${a.state === 'open' ? '' : `${a.state}: `}[${a.severity}] ${a.ruleTitle}${a.groupKey ? ` (${a.groupKey})` : ''}`);
  if (others.length > MAX_LISTED) listed.push(`… and ${others.length - MAX_LISTED} more`);
  return [
    { label: 'Alerts in group', value: `${n.alerts.length}: ${c.firing} open, ${c.acknowledged} acknowledged, ${c.resolved} resolved` },
    { label: 'Also in group', value: listed.join('; ') },
  ];
}

/** Builds the message of an alert. */
export function alertMessage(alert: ChannelAlert, publicUrl: string | null): AlertMessage {
  const state = alert.state === 'open' ? (KIND_PREFIX[alert.notification?.kind ?? ''] ?? '') : `${alert.state.toUpperCase()}: `;
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
    ...(alert.notification?.escalation ? [{ label: 'Escalation', value: `step ${alert.notification.escalation.step + 1}${alert.notification.escalation.round ? `, round ${alert.notification.escalation.round + 1}` : ''} (not acknowledged)` }] : []),
    ...groupFacts(alert),
  ];
  const link = alert.message ? alert.message.link : publicUrl ? `${publicUrl.replace(/\/+$/, '')}/alerts/${encodeURIComponent(alert.id)}` : null;
  const actions = [
    ...(alert.actions?.ack ? [{ label: 'Acknowledge', url: alert.actions.ack }] : []),
    ...(alert.actions?.resolve ? [{ label: 'Resolve', url: alert.actions.resolve }] : []),
  ];
  const text = [title, ...facts.map((f) => `${f.label}: ${f.value}`), ...(link ? [`Open: ${link}`] : []), ...actions.map((a) => `${a.label}: ${a.url}`)].join('\n');
  return { title, severity: alert.severity, facts, link, actions, text };
}

/** A sample alert for `POST /channels/{id}/test` and `vigil channels test`. */
export function sampleAlert(tenantId: string, now: number, id: string): ChannelAlert {
  const t = new Date(now).toISOString();
  return { id, tenantId, ruleId: 'vigil-test', ruleTitle: 'Vigil test notification', groupKey: 'source.ip=192.0.2.10', severity: 'low', tags: ['test'], count: 1, firstSeen: t, lastSeen: t, sampleEventIds: [], state: 'open', source: { author: 'Vigil' } };
}
