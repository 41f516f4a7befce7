/**
 * @module notify/alert-message
 * The default text of a notification, shared by every channel so they all say the same things:
 * title, severity, rule, group, count, first/last seen, the rule author, a link to the alert, the
 * other alerts of a routed group, and signed acknowledge/resolve links.
 */
import { alertDoc, renderMessageTemplate, type MessageTemplate } from '@vigil/core';
import type { FieldValue } from '@vigil/contracts';
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
  /** The channel's own text (`config.template.text`), which channels show instead of the facts; null = the default layout. */
  body: string | null;
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

/** The values of template placeholders for an alert (names first, then the alert's fields). */
function templateLookup(alert: ChannelAlert, m: Omit<AlertMessage, 'body'>): (name: string) => FieldValue | undefined {
  const names: Record<string, FieldValue | undefined> = {
    title: m.title, severity: alert.severity, state: alert.state, kind: alert.notification?.kind ?? (alert.ruleId === 'vigil-test' ? 'test' : alert.state === 'open' ? 'firing' : alert.state),
    rule_title: alert.ruleTitle, rule_id: alert.ruleId, group: alert.groupKey || '-', count: alert.count, alerts: alert.notification?.alerts.length ?? 1,
    first_seen: alert.firstSeen, last_seen: alert.lastSeen, link: m.link ?? undefined, alert_id: alert.id, tags: alert.tags.join(', ') || '-',
    author: alert.source?.author ?? undefined, facts: m.facts.map((f) => `${f.label}: ${f.value}`).join('\n'),
  };
  let doc: Record<string, unknown> | undefined;
  return (name) => {
    if (Object.hasOwn(names, name)) return names[name];
    doc ??= alertDoc(alert) as Record<string, unknown>;
    return doc[name] as FieldValue | undefined;
  };
}

/** Builds the message of an alert; a channel's `template` replaces its title and/or text. */
export function alertMessage(alert: ChannelAlert, publicUrl: string | null, template?: MessageTemplate): AlertMessage {
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
  const m = { title, severity: alert.severity, facts, link, actions, text };
  // A digest report (`alert.message`) is not about one alert: alert placeholders would mislead, so it keeps its own text.
  if ((!template?.title && !template?.text) || alert.message) return { ...m, body: null };
  const lookup = templateLookup(alert, m);
  const customTitle = template.title ? renderMessageTemplate(template.title, lookup).replace(/\s+/g, ' ').trim() || title : title;
  const body = template.text ? renderMessageTemplate(template.text, lookup) : null;
  const customText = body === null ? [customTitle, ...text.split('\n').slice(1)].join('\n') : [customTitle, body, ...actions.map((a) => `${a.label}: ${a.url}`)].join('\n');
  return { ...m, title: customTitle, text: customText, body };
}

/** A sample alert for `POST /channels/{id}/test` and `vigil channels test`. */
export function sampleAlert(tenantId: string, now: number, id: string): ChannelAlert {
  const t = new Date(now).toISOString();
  return { id, tenantId, ruleId: 'vigil-test', ruleTitle: 'Vigil test notification', groupKey: 'source.ip=192.0.2.10', severity: 'low', tags: ['test'], count: 1, firstSeen: t, lastSeen: t, sampleEventIds: [], state: 'open', source: { author: 'Vigil' } };
}
