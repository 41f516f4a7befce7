/**
 * @module notify/channels/slack
 * Slack incoming webhook with a Block Kit message (header, fields, link button); `text` is the
 * notification fallback.
 */
import type { ChannelType } from '../../notifier.ts';
import { alertMessage } from '../../alert-message.ts';
import { postOutbound } from '../../outbound-http.ts';
import { bool, template, url } from '../../config-fields.ts';
import type { MessageTemplate } from '@vigil/core';

/** The Slack channel's config. */
export interface SlackConfig {
  /** The incoming webhook URL (a credential: anyone holding it can post). */
  url: string;
  allow_private: boolean;
  /** Overrides of the default title and text (docs/notifications.md#message-templates). */
  template?: MessageTemplate;
}

/** Builds the Block Kit payload of an alert. */
export function slackPayload(m: ReturnType<typeof alertMessage>): Record<string, unknown> {
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: m.title.slice(0, 150) } },
    // A channel's own text replaces the fact fields (Slack: at most 3,000 characters in a section).
    m.body !== null ? { type: 'section', text: { type: 'mrkdwn', text: m.body.slice(0, 3000) || ' ' } } : { type: 'section', fields: m.facts.slice(0, 10).map((f) => ({ type: 'mrkdwn', text: `*${f.label}*\n${f.value}`.slice(0, 2000) })) },
  ];
  const buttons = [
    ...(m.link ? [{ type: 'button', text: { type: 'plain_text', text: 'Open alert' }, url: m.link }] : []),
    // Slack opens these in the browser: the confirmation page there does the POST.
    ...m.actions.map((a) => ({ type: 'button', text: { type: 'plain_text', text: a.label }, url: a.url, ...(a.label === 'Acknowledge' ? { style: 'primary' } : {}) })),
  ];
  if (buttons.length) blocks.push({ type: 'actions', elements: buttons });
  return { text: m.title, blocks };
}

/** The Slack channel. */
export const slackChannel: ChannelType<SlackConfig> = {
  type: 'slack',
  description: 'Slack incoming webhook with a Block Kit message.',
  secretFields: ['url'],
  rateLimit: { perSecond: 1, burst: 1, source: 'Slack: 1 message per second per incoming webhook (short bursts tolerated), 429 with Retry-After beyond' },
  parseConfig: (raw) => ({ url: url(raw, 'url'), allow_private: bool(raw, 'allow_private'), template: template(raw) }),
  send: (c, alert, ctx) => postOutbound({ url: c.url, body: JSON.stringify(slackPayload(alertMessage(alert, ctx.publicUrl, c.template))), headers: { 'content-type': 'application/json' }, allowPrivate: c.allow_private, timeoutMs: ctx.timeoutMs }),
};
