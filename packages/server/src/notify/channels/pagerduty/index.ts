/**
 * @module notify/channels/pagerduty
 * PagerDuty Events API v2: an open alert triggers, an acknowledged one acknowledges, a resolved one
 * resolves — all with `dedup_key` = the alert id, so PagerDuty folds them into one incident.
 */
import type { ChannelAlert, ChannelType, DeliveryResult } from '../../notifier.ts';
import { alertMessage } from '../../alert-message.ts';
import { postOutbound } from '../../outbound-http.ts';
import { bool, str, template, url } from '../../config-fields.ts';
import type { MessageTemplate } from '@vigil/core';

/** The PagerDuty channel's config. */
export interface PagerDutyConfig {
  /** The integration (routing) key of an Events API v2 integration. */
  routing_key: string;
  /** Default `https://events.pagerduty.com` (EU: `https://events.eu.pagerduty.com`). */
  base_url: string;
  allow_private: boolean;
  /** Overrides of the default title and text (docs/notifications.md#message-templates). */
  template?: MessageTemplate;
}

/** Vigil severities in PagerDuty's four. */
const PD_SEVERITY: Record<string, string> = { critical: 'critical', high: 'error', medium: 'warning', low: 'info', info: 'info' };
/** Alert state to Events v2 action. */
const ACTION: Record<string, string> = { open: 'trigger', acknowledged: 'acknowledge', resolved: 'resolve' };

/** The Events v2 body of one alert. */
function pdEvent(c: PagerDutyConfig, alert: ChannelAlert, publicUrl: string | null): Record<string, unknown> {
  const m = alertMessage(alert, publicUrl, c.template);
  const action = ACTION[alert.state] ?? 'trigger';
  return {
    routing_key: c.routing_key,
    event_action: action,
    dedup_key: alert.id,
    ...(action === 'trigger' ? {
      payload: {
        summary: m.title.slice(0, 1024),
        source: alert.groupKey || alert.ruleId,
        severity: PD_SEVERITY[alert.severity] ?? 'warning',
        timestamp: alert.lastSeen,
        component: alert.ruleId,
        class: alert.tags[0] ?? 'detection',
        custom_details: { ...Object.fromEntries(m.facts.map((f) => [f.label, f.value])), ...(m.body !== null ? { Text: m.body } : {}) },
      },
      client: 'Vigil',
      ...(m.link ? { client_url: m.link, links: [{ href: m.link, text: 'Open alert in Vigil' }, ...m.actions.map((a) => ({ href: a.url, text: a.label }))] } : {}),
    } : {}),
  };
}

/** The PagerDuty channel. */
export const pagerdutyChannel: ChannelType<PagerDutyConfig> = {
  type: 'pagerduty',
  description: 'PagerDuty Events API v2 (trigger, acknowledge, resolve; dedup_key = alert id).',
  secretFields: ['routing_key'],
  rateLimit: { perSecond: 2, burst: 10, source: 'PagerDuty Events API v2: 120 events per minute per integration key, 429 beyond' },
  parseConfig: (raw) => ({ routing_key: str(raw, 'routing_key', { max: 128 }), base_url: url(raw, 'base_url', 'https://events.pagerduty.com'), allow_private: bool(raw, 'allow_private'), template: template(raw) }),
  async send(c, alert, ctx) {
    // A routed group becomes one event per alert, so each PagerDuty incident follows its own alert.
    const members: ChannelAlert[] = alert.notification && alert.notification.alerts.length > 1 ? alert.notification.alerts.map((a) => ({ ...a, source: a.id === alert.id ? alert.source : null, actions: a.id === alert.id ? alert.actions : undefined })) : [alert];
    let latency = 0;
    let last: DeliveryResult = { ok: true, latencyMs: 0 };
    for (const a of members) {
      last = await postOutbound({ url: `${c.base_url}/v2/enqueue`, body: JSON.stringify(pdEvent(c, a, ctx.publicUrl)), headers: { 'content-type': 'application/json' }, allowPrivate: c.allow_private, timeoutMs: ctx.timeoutMs });
      latency += last.latencyMs;
      // The first failure stops; a retry sends them all again, which dedup_key makes harmless.
      if (!last.ok) break;
    }
    return { ...last, latencyMs: latency };
  },
};
