/**
 * @module notify/channels/discord
 * Discord webhook with one embed (title, link, colour by severity, fields).
 */
import type { ChannelType } from '../../notifier.ts';
import { SEVERITY_COLOURS, alertMessage } from '../../alert-message.ts';
import { postOutbound } from '../../outbound-http.ts';
import { bool, template, url } from '../../config-fields.ts';
import type { MessageTemplate } from '@vigil/core';

/** The Discord channel's config. */
export interface DiscordConfig {
  /** The webhook URL (`https://discord.com/api/webhooks/<id>/<token>`). */
  url: string;
  allow_private: boolean;
  /** Overrides of the default title and text (docs/notifications.md#message-templates). */
  template?: MessageTemplate;
}

/** Builds the Discord message of an alert. */
export function discordPayload(m: ReturnType<typeof alertMessage>): Record<string, unknown> {
  return {
    username: 'Vigil',
    // Mentions in alert text (e.g. "@everyone" in a log line) must not ping anyone.
    allowed_mentions: { parse: [] },
    embeds: [{
      title: m.title.slice(0, 256),
      ...(m.link ? { url: m.link } : {}),
      color: parseInt(SEVERITY_COLOURS[m.severity] ?? '868E96', 16),
      ...(m.body !== null || m.actions.length ? { description: [...(m.body !== null ? [m.body] : []), ...(m.actions.length ? [m.actions.map((a) => `[${a.label}](${a.url})`).join(' · ')] : [])].join('\n\n').slice(0, 4096) } : {}),
      // A channel's own text (in the description) replaces the fields.
      fields: m.body !== null ? [] : m.facts.slice(0, 25).map((f) => ({ name: f.label, value: f.value.slice(0, 1024), inline: f.value.length < 40 })),
    }],
  };
}

/** The Discord channel. */
export const discordChannel: ChannelType<DiscordConfig> = {
  type: 'discord',
  description: 'Discord webhook with an embed.',
  secretFields: ['url'],
  rateLimit: { perSecond: 2.5, burst: 5, source: 'Discord webhooks: 5 requests per 2 seconds per webhook (X-RateLimit-Limit 5), 429 with Retry-After beyond' },
  parseConfig: (raw) => ({ url: url(raw, 'url'), allow_private: bool(raw, 'allow_private'), template: template(raw) }),
  send: (c, alert, ctx) => postOutbound({ url: c.url, body: JSON.stringify(discordPayload(alertMessage(alert, ctx.publicUrl, c.template))), headers: { 'content-type': 'application/json' }, allowPrivate: c.allow_private, timeoutMs: ctx.timeoutMs }),
};
