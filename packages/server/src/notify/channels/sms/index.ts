/**
 * @module notify/channels/sms
 * SMS through a Twilio-compatible Messages API (`POST /2010-04-01/Accounts/{sid}/Messages.json`,
 * form-encoded, basic auth), one message per recipient; the text is short (title and link).
 */
import type { ChannelType, DeliveryResult } from '../../notifier.ts';
import { alertMessage } from '../../alert-message.ts';
import { postOutbound } from '../../outbound-http.ts';
import { bool, str, strList, template, url } from '../../config-fields.ts';
import type { MessageTemplate } from '@vigil/core';

/** The SMS channel's config. */
export interface SmsConfig {
  account_sid: string;
  auth_token: string;
  /** Sender number (E.164) or messaging service id. */
  from: string;
  /** Recipients (E.164). */
  to: string[];
  /** Default `https://api.twilio.com`. */
  base_url: string;
  allow_private: boolean;
  /** Overrides of the default title and text (docs/notifications.md#message-templates). */
  template?: MessageTemplate;
}

/** The SMS channel. */
export const smsChannel: ChannelType<SmsConfig> = {
  type: 'sms',
  description: 'SMS through a Twilio-compatible Messages API.',
  secretFields: ['auth_token'],
  rateLimit: { perSecond: 1, burst: 1, source: 'Twilio: 1 message segment per second per long-code sender number (queued beyond, 429 when the queue is full)' },
  parseConfig: (raw) => ({ account_sid: str(raw, 'account_sid', { max: 64 }), auth_token: str(raw, 'auth_token', { max: 256 }), from: str(raw, 'from', { max: 64 }), to: strList(raw, 'to', 20), base_url: url(raw, 'base_url', 'https://api.twilio.com'), allow_private: bool(raw, 'allow_private'), template: template(raw) }),
  async send(c, alert, ctx) {
    const m = alertMessage(alert, ctx.publicUrl, c.template);
    // An SMS is short: the channel's own text when set, else the title, count, group and link.
    const text = (m.body !== null ? m.body : `${m.title} (${alert.count}x${alert.groupKey ? `, ${alert.groupKey}` : ''})${m.link ? ` ${m.link}` : ''}`).slice(0, 640);
    const auth = `Basic ${Buffer.from(`${c.account_sid}:${c.auth_token}`).toString('base64')}`;
    let last: DeliveryResult = { ok: true, latencyMs: 0 };
    let latency = 0;
    // Recipients one by one; the first failure stops (a retry resends to all, which SMS tolerates better than silence).
    for (const to of c.to) {
      const body = new URLSearchParams({ To: to, From: c.from, Body: text }).toString();
      last = await postOutbound({ url: `${c.base_url}/2010-04-01/Accounts/${encodeURIComponent(c.account_sid)}/Messages.json`, body, headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth }, allowPrivate: c.allow_private, timeoutMs: ctx.timeoutMs });
      latency += last.latencyMs;
      if (!last.ok) break;
    }
    return { ...last, latencyMs: latency };
  },
};
