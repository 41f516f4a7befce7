/**
 * @module notify/channels/telegram
 * Telegram Bot API `sendMessage` in HTML parse mode (alert text escaped).
 */
import type { ChannelType } from '../../notifier.ts';
import { alertMessage } from '../../alert-message.ts';
import { postOutbound } from '../../outbound-http.ts';
import { bool, str, template, url } from '../../config-fields.ts';
import type { MessageTemplate } from '@vigil/core';

/** The Telegram channel's config. */
export interface TelegramConfig {
  bot_token: string;
  /** A chat id (`-100…` for groups and channels) or `@channelname`. */
  chat_id: string;
  /** Default `https://api.telegram.org` (or a local Bot API server). */
  base_url: string;
  allow_private: boolean;
  /** Overrides of the default title and text (docs/notifications.md#message-templates). */
  template?: MessageTemplate;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The Telegram channel. */
export const telegramChannel: ChannelType<TelegramConfig> = {
  type: 'telegram',
  description: 'Telegram bot message (Bot API sendMessage).',
  secretFields: ['bot_token'],
  rateLimit: { perSecond: 1, burst: 3, source: 'Telegram Bot API: about 1 message per second per chat (20 per minute in groups), 30 per second per bot; 429 with retry_after beyond' },
  parseConfig: (raw) => ({ bot_token: str(raw, 'bot_token', { max: 256 }), chat_id: String(str({ chat_id: raw.chat_id === undefined ? undefined : String(raw.chat_id) }, 'chat_id', { max: 128 })), base_url: url(raw, 'base_url', 'https://api.telegram.org'), allow_private: bool(raw, 'allow_private'), template: template(raw) }),
  send(c, alert, ctx) {
    const m = alertMessage(alert, ctx.publicUrl, c.template);
    const text = [`<b>${esc(m.title)}</b>`, ...(m.body !== null ? [esc(m.body)] : m.facts.map((f) => `<b>${esc(f.label)}:</b> ${esc(f.value)}`)), ...(m.link ? [`<a href="${esc(m.link)}">Open alert</a>`] : []), ...m.actions.map((a) => `<a href="${esc(a.url)}">${esc(a.label)}</a>`)].join('\n');
    const body = JSON.stringify({ chat_id: c.chat_id, text: text.slice(0, 4096), parse_mode: 'HTML', disable_web_page_preview: true });
    return postOutbound({ url: `${c.base_url}/bot${c.bot_token}/sendMessage`, body, headers: { 'content-type': 'application/json' }, allowPrivate: c.allow_private, timeoutMs: ctx.timeoutMs });
  },
};
