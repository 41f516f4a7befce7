/**
 * @module notify/alert-links
 * Signed, expiring links that acknowledge or resolve an alert from the notification itself
 * (webhook, e-mail, Slack…), without logging in. The signature is an HMAC-SHA256 over action,
 * tenant, alert and expiry under a key derived from the server's secret key, so a link cannot be
 * changed to act on another alert or to live longer, and rotating `secret.key` revokes every link.
 * Opening a link shows a confirmation page; only its POST acts, so link scanners and chat previews
 * that fetch URLs change nothing.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { VigilError } from '@vigil/contracts';
import type { SecretBox } from '../auth/secret-box.ts';
import type { AlertActions, ChannelAlert } from './notifier.ts';

/** What a link may do. */
export const ALERT_LINK_ACTIONS = ['ack', 'resolve'] as const;
export type AlertLinkAction = (typeof ALERT_LINK_ACTIONS)[number];

/** How long a link works by default. */
export const ALERT_LINK_TTL_MS = 7 * 86_400_000;

/** The parts of a link. */
export interface AlertLink {
  action: AlertLinkAction;
  tenantId: string;
  alertId: string;
  /** Expiry, epoch seconds. */
  exp: number;
}

/** Signs and verifies alert links. */
export class AlertLinkSigner {
  private readonly key: Buffer;

  constructor(box: SecretBox, private readonly publicUrl: string | null, private readonly ttlMs = ALERT_LINK_TTL_MS) {
    this.key = box.derive('vigil alert action links v1', 32);
  }

  private sign(l: AlertLink): string {
    return createHmac('sha256', this.key).update(`${l.action}\n${l.tenantId}\n${l.alertId}\n${l.exp}`).digest('base64url');
  }

  /** The URL of a link (null without `public_url`: a link must be absolute). */
  url(l: AlertLink): string | null {
    if (!this.publicUrl) return null;
    const q = new URLSearchParams({ tenant: l.tenantId, exp: String(l.exp), sig: this.sign(l) });
    return `${this.publicUrl.replace(/\/+$/, '')}/api/v1/alert-links/${encodeURIComponent(l.alertId)}/${l.action}?${q}`;
  }

  /** The ack and resolve links of an alert that is not resolved. */
  actions(alert: ChannelAlert, tenantId: string, now: number): AlertActions | undefined {
    if (!this.publicUrl || alert.state === 'resolved') return undefined;
    const exp = Math.floor((now + this.ttlMs) / 1000);
    const out: AlertActions = {};
    if (alert.state === 'open') out.ack = this.url({ action: 'ack', tenantId, alertId: alert.id, exp })!;
    out.resolve = this.url({ action: 'resolve', tenantId, alertId: alert.id, exp })!;
    return out;
  }

  /** Throws `VIGIL_ERR_FORBIDDEN` unless the signature is right and the link has not expired. */
  verify(l: AlertLink, sig: string, now: number): void {
    const want = Buffer.from(this.sign(l));
    const got = Buffer.from(sig);
    if (want.length !== got.length || !timingSafeEqual(want, got)) throw new VigilError('VIGIL_ERR_FORBIDDEN', 'This link is not valid (it was changed, or the server key was rotated).');
    if (l.exp * 1000 < now) throw new VigilError('VIGIL_ERR_FORBIDDEN', 'This link has expired; open the alert in Vigil instead.');
  }
}
