/**
 * @module notify/channels/teams
 * Microsoft Teams through a Workflows (Power Automate) webhook: a message carrying one Adaptive
 * Card. The retired Office 365 connectors' MessageCard is not sent.
 */
import type { ChannelType } from '../../notifier.ts';
import { alertMessage } from '../../alert-message.ts';
import { postOutbound } from '../../outbound-http.ts';
import { bool, template, url } from '../../config-fields.ts';
import type { MessageTemplate } from '@vigil/core';

/** The Teams channel's config. */
export interface TeamsConfig {
  /** The Workflows "When a Teams webhook request is received" URL (carries its signature). */
  url: string;
  allow_private: boolean;
  /** Overrides of the default title and text (docs/notifications.md#message-templates). */
  template?: MessageTemplate;
}

/** Builds the Workflows message with its Adaptive Card. */
export function teamsPayload(m: ReturnType<typeof alertMessage>): Record<string, unknown> {
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body: [
      { type: 'TextBlock', text: m.title, weight: 'Bolder', size: 'Medium', wrap: true, color: m.severity === 'critical' || m.severity === 'high' ? 'Attention' : 'Default' },
      m.body !== null ? { type: 'TextBlock', text: m.body, wrap: true } : { type: 'FactSet', facts: m.facts.map((f) => ({ title: f.label, value: f.value })) },
    ],
    ...(m.link || m.actions.length ? { actions: [...(m.link ? [{ type: 'Action.OpenUrl', title: 'Open alert', url: m.link }] : []), ...m.actions.map((a) => ({ type: 'Action.OpenUrl', title: a.label, url: a.url }))] } : {}),
  };
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }] };
}

/** The Teams channel. */
export const teamsChannel: ChannelType<TeamsConfig> = {
  type: 'teams',
  description: 'Microsoft Teams Workflows webhook with an Adaptive Card.',
  secretFields: ['url'],
  rateLimit: { perSecond: 4, burst: 4, source: 'Microsoft Teams webhooks: 4 requests per second per webhook, throttled beyond' },
  parseConfig: (raw) => ({ url: url(raw, 'url'), allow_private: bool(raw, 'allow_private'), template: template(raw) }),
  send: (c, alert, ctx) => postOutbound({ url: c.url, body: JSON.stringify(teamsPayload(alertMessage(alert, ctx.publicUrl, c.template))), headers: { 'content-type': 'application/json' }, allowPrivate: c.allow_private, timeoutMs: ctx.timeoutMs }),
};
