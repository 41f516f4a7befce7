/**
 * @module notify/channels/pagerduty
 * PagerDuty Events API v2: an open alert triggers, an acknowledged one acknowledges, a resolved one
 * resolves — all with `dedup_key` = the alert id, so PagerDuty folds them into one incident.
 */
import type { ChannelType } from '../../notifier.ts';
import { alertMessage } from '../../alert-message.ts';
import { postOutbound } from '../../outbound-http.ts';
import { bool, str, url } from '../../config-fields.ts';

/** The PagerDuty channel's config. */
export interface PagerDutyConfig {
  /** The integration (routing) key of an Events API v2 integration. */
  routing_key: string;
  /** Default `https://events.pagerduty.com` (EU: `https://events.eu.pagerduty.com`). */
  base_url: string;
  allow_private: boolean;
}

/** Vigil severities in PagerDuty's four. */
const PD_SEVERITY: Record<string, string> = { critical: 'critical', high: 'error', medium: 'warning', low: 'info', info: 'info' };
/** Alert state to Events v2 action. */
const ACTION: Record<string, string> = { open: 'trigger', acknowledged: 'acknowledge', resolved: 'resolve' };

/** The PagerDuty channel. */
export const pagerdutyChannel: ChannelType<PagerDutyConfig> = {
  type: 'pagerduty',
  description: 'PagerDuty Events API v2 (trigger, acknowledge, resolve; dedup_key = alert id).',
  secretFields: ['routing_key'],
  parseConfig: (raw) => ({ routing_key: str(raw, 'routing_key', { max: 128 }), base_url: url(raw, 'base_url', 'https://events.pagerduty.com'), allow_private: bool(raw, 'allow_private') }),
  send(c, alert, ctx) {
    const m = alertMessage(alert, ctx.publicUrl);
    const action = ACTION[alert.state] ?? 'trigger';
    const body = {
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
          custom_details: Object.fromEntries(m.facts.map((f) => [f.label, f.value])),
        },
        client: 'Vigil',
        ...(m.link ? { client_url: m.link, links: [{ href: m.link, text: 'Open alert in Vigil' }] } : {}),
      } : {}),
    };
    return postOutbound({ url: `${c.base_url}/v2/enqueue`, body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, allowPrivate: c.allow_private, timeoutMs: ctx.timeoutMs });
  },
};
