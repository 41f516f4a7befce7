/**
 * @module notify/webhook-signature
 * Webhook signatures in two schemes over the same key: Vigil's `X-Vigil-Signature: t=<unix>,v1=<hex>`
 * (HMAC-SHA256 of `"<t>.<body>"`, Stripe's shape) and Standard Webhooks (`webhook-id`,
 * `webhook-timestamp`, `webhook-signature: v1,<base64>` over `"<id>.<t>.<body>"`), so receivers can
 * use the standardwebhooks libraries. During a rotation both secrets sign: a receiver holding either
 * one verifies.
 *
 * Key bytes: a `whsec_<base64>` secret (the Standard Webhooks format) is its decoded bytes; any other
 * secret is its UTF-8 bytes. Both schemes use the same bytes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Default replay window: signatures older or newer than this are refused. */
export const SIGNATURE_TOLERANCE_S = 300;

/** The HMAC key bytes of a secret. */
export function secretKey(secret: string): Buffer {
  return secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
}

/** The signature headers of one delivery, signed with every given secret (current first). */
export function signWebhook(body: string, secrets: readonly string[], msgId: string, nowMs: number): Record<string, string> {
  const t = Math.floor(nowMs / 1000);
  const vigil = secrets.map((s) => `v1=${createHmac('sha256', secretKey(s)).update(`${t}.${body}`).digest('hex')}`);
  const standard = secrets.map((s) => `v1,${createHmac('sha256', secretKey(s)).update(`${msgId}.${t}.${body}`).digest('base64')}`);
  return {
    'x-vigil-signature': [`t=${t}`, ...vigil].join(','),
    'webhook-id': msgId,
    'webhook-timestamp': String(t),
    'webhook-signature': standard.join(' '),
  };
}

const equal = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Why a signature did not verify, or null when it did. */
export type VerifyFailure = 'malformed' | 'expired' | 'mismatch';

/** Verifies `X-Vigil-Signature` against any of the secrets, within the replay window. */
export function verifyVigilSignature(header: string, body: string, secrets: readonly string[], nowMs: number, toleranceS = SIGNATURE_TOLERANCE_S): VerifyFailure | null {
  const parts = header.split(',').map((p) => p.trim());
  const t = parts.find((p) => p.startsWith('t='))?.slice(2);
  const sigs = parts.filter((p) => p.startsWith('v1=')).map((p) => p.slice(3));
  if (!t || !/^\d+$/.test(t) || !sigs.length) return 'malformed';
  if (Math.abs(nowMs / 1000 - Number(t)) > toleranceS) return 'expired';
  const expected = secrets.map((s) => createHmac('sha256', secretKey(s)).update(`${t}.${body}`).digest('hex'));
  return sigs.some((sig) => expected.some((e) => equal(sig, e))) ? null : 'mismatch';
}

/** Verifies the Standard Webhooks headers against any of the secrets, within the replay window. */
export function verifyStandardWebhook(headers: Record<string, string | undefined>, body: string, secrets: readonly string[], nowMs: number, toleranceS = SIGNATURE_TOLERANCE_S): VerifyFailure | null {
  const id = headers['webhook-id'];
  const t = headers['webhook-timestamp'];
  const sig = headers['webhook-signature'];
  if (!id || !t || !/^\d+$/.test(t) || !sig) return 'malformed';
  if (Math.abs(nowMs / 1000 - Number(t)) > toleranceS) return 'expired';
  const expected = secrets.map((s) => createHmac('sha256', secretKey(s)).update(`${id}.${t}.${body}`).digest('base64'));
  const given = sig.split(' ').filter((p) => p.startsWith('v1,')).map((p) => p.slice(3));
  return given.some((g) => expected.some((e) => equal(g, e))) ? null : 'mismatch';
}
