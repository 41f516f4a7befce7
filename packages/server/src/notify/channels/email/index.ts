/**
 * @module notify/channels/email
 * E-mail over SMTP with nodemailer: HTML and plain text. The SMTP host is resolved through the
 * outbound guard and the connection made to that address (TLS still checks the host name).
 */
import type { Transporter } from 'nodemailer';
import type { ChannelType, DeliveryResult } from '../../notifier.ts';
import { alertMessage, SEVERITY_COLOURS } from '../../alert-message.ts';
import { resolveAllowed } from '../../outbound-guard.ts';
import { VigilError } from '@vigil/contracts';
import { bool, int, optStr, str, strList, template } from '../../config-fields.ts';
import type { MessageTemplate } from '@vigil/core';

/** The e-mail channel's config. */
export interface EmailConfig {
  host: string;
  /** Default 587 (STARTTLS); 465 with `secure: true`. */
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when offered. */
  secure: boolean;
  /** Refuse to send without TLS (default true unless `allow_private`, for local relays). */
  require_tls: boolean;
  user?: string;
  password?: string;
  from: string;
  to: string[];
  allow_private: boolean;
  /** Overrides of the default title and text (docs/notifications.md#message-templates). */
  template?: MessageTemplate;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The HTML body of an alert e-mail. */
export function emailHtml(m: ReturnType<typeof alertMessage>): string {
  const rows = m.facts.map((f) => `<tr><th align="left" style="padding:2px 12px 2px 0">${esc(f.label)}</th><td>${esc(f.value)}</td></tr>`).join('');
  // A channel's own text (escaped, line breaks kept) replaces the table of facts.
  const main = m.body !== null ? `<div style="white-space:pre-wrap">${esc(m.body)}</div>` : `<table>${rows}</table>`;
  const link = [...(m.link ? [{ label: 'Open the alert in Vigil', url: m.link }] : []), ...m.actions].map((a) => `<a href="${esc(a.url)}">${esc(a.label)}</a>`).join(' &middot; ');
  return `<!doctype html><html><body style="font-family:sans-serif"><h2 style="color:#${SEVERITY_COLOURS[m.severity] ?? '333'}">${esc(m.title)}</h2>${main}${link ? `<p>${link}</p>` : ''}</body></html>`;
}

/** SMTP failures: 4xx replies and connection trouble are temporary, 5xx replies and auth are not. */
function smtpFailure(err: unknown, latencyMs: number): DeliveryResult {
  if (err instanceof VigilError) return { ok: false, retry: false, reason: `${err.code}: ${err.message}`, latencyMs };
  const e = err as { code?: string; responseCode?: number; message?: string };
  const code = e.responseCode;
  const retry = code ? code < 500 : e.code !== 'EAUTH' && e.code !== 'EENVELOPE';
  return { ok: false, retry, reason: `${e.code ?? 'SMTP'}${code ? ` ${code}` : ''}: ${e.message ?? String(err)}`, ...(code ? { statusCode: code } : {}), latencyMs };
}

/** The e-mail channel. */
export const emailChannel: ChannelType<EmailConfig> = {
  type: 'email',
  description: 'E-mail over SMTP (HTML and text).',
  secretFields: ['password'],
  rateLimit: { perSecond: 5, burst: 10, source: 'no vendor limit; kept modest so a burst of alerts does not look like spam to the relay' },
  parseConfig(raw) {
    const secure = bool(raw, 'secure');
    const allowPrivate = bool(raw, 'allow_private');
    return { host: str(raw, 'host', { max: 255 }), port: int(raw, 'port', secure ? 465 : 587, 1, 65535), secure, require_tls: bool(raw, 'require_tls', !allowPrivate), user: optStr(raw, 'user', 256), password: optStr(raw, 'password', 512), from: str(raw, 'from', { max: 320 }), to: strList(raw, 'to', 50), allow_private: allowPrivate, template: template(raw) };
  },
  async send(c, alert, ctx) {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    const m = alertMessage(alert, ctx.publicUrl, c.template);
    let transport: Transporter | undefined;
    try {
      const address = await resolveAllowed(c.host, c.allow_private);
      // Loaded on first send: processes that never send e-mail do not pay for (or need) nodemailer.
      const { default: nodemailer } = await import('nodemailer');
      transport = nodemailer.createTransport({
        host: address,
        port: c.port,
        secure: c.secure,
        requireTLS: c.require_tls,
        tls: { servername: c.host },
        name: 'vigil',
        connectionTimeout: ctx.timeoutMs,
        greetingTimeout: ctx.timeoutMs,
        socketTimeout: ctx.timeoutMs,
        ...(c.user ? { auth: { user: c.user, pass: c.password ?? '' } } : {}),
      });
      const info = await transport.sendMail({ from: c.from, to: c.to, subject: m.title, text: m.text, html: emailHtml(m), headers: { 'X-Vigil-Alert-Id': alert.id } });
      if (info.rejected?.length) return { ok: false, retry: false, reason: `the server refused ${info.rejected.length} recipient(s)`, latencyMs: latency() };
      return { ok: true, latencyMs: latency() };
    } catch (err) {
      return smtpFailure(err, latency());
    } finally {
      transport?.close();
    }
  },
};
