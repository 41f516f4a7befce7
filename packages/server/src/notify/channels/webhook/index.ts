/**
 * @module notify/channels/webhook
 * Generic webhook: the alert as JSON, signed in both schemes (see notify/webhook-signature).
 */
import type { ChannelType } from '../../notifier.ts';
import { alertMessage } from '../../alert-message.ts';
import { postOutbound } from '../../outbound-http.ts';
import { signWebhook } from '../../webhook-signature.ts';
import { bool, optStr, template, url } from '../../config-fields.ts';
import type { MessageTemplate } from '@vigil/core';

/** The webhook channel's config. */
export interface WebhookConfig {
  url: string;
  /** Signing secret; `previous_secret` also signs while receivers rotate. */
  secret?: string;
  previous_secret?: string;
  allow_private: boolean;
  /** Overrides of the default title and text (docs/notifications.md#message-templates). */
  template?: MessageTemplate;
}

/** The generic webhook channel. */
export const webhookChannel: ChannelType<WebhookConfig> = {
  type: 'webhook',
  description: 'POSTs the alert as JSON to a URL, signed with X-Vigil-Signature and Standard Webhooks headers.',
  secretFields: ['url', 'secret', 'previous_secret'],
  // Ordering across a generic receiver is not promised; a few sends at once keep a slow receiver from becoming a bottleneck.
  concurrency: 4,
  parseConfig: (raw) => ({ url: url(raw, 'url'), secret: optStr(raw, 'secret', 512), previous_secret: optStr(raw, 'previous_secret', 512), allow_private: bool(raw, 'allow_private'), template: template(raw) }),
  async send(c, alert, ctx) {
    const m = alertMessage(alert, ctx.publicUrl, c.template);
    const { notification, actions, ...plain } = alert;
    // `notification` (why it is sent, the group) and `actions` (signed links) sit beside the alert, not in it.
    const body = JSON.stringify({ version: 1, kind: 'alert', event: notification?.kind ?? (alert.state === 'open' ? 'firing' : alert.state), title: m.title, link: m.link, text: m.text, actions: actions ?? null, notification: notification ?? null, alert: plain });
    const secrets = [c.secret, c.previous_secret].filter((s): s is string => !!s);
    const signature = secrets.length ? signWebhook(body, secrets, `msg_${ctx.newId()}`, ctx.now()) : {};
    return postOutbound({ url: c.url, body, headers: { 'content-type': 'application/json', ...signature }, allowPrivate: c.allow_private, timeoutMs: ctx.timeoutMs });
  },
};
