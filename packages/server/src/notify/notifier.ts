/**
 * @module notify/notifier
 * The channel port: a channel type parses its config and sends one alert, answering Alertmanager's
 * notifier shape — delivered, or failed with whether a retry can help and why.
 */
import type { AlertEvent } from '@vigil/contracts';

/** Why a notification is sent, and the group it is about (absent for a test send and the default channels). */
export interface NotificationContext {
  kind: 'firing' | 'repeat' | 'acknowledged' | 'resolved' | 'escalation';
  groupKey: string;
  groupLabels: Record<string, string>;
  /** The route's path in the tree (`''` = root). */
  route: string;
  counts: { firing: number; acknowledged: number; resolved: number };
  /** Every alert of the group in this notification (the lead included). */
  alerts: AlertEvent[];
  escalation?: { policyId: string; step: number; round: number };
}

/** Signed, expiring links that act on the alert without logging in. */
export interface AlertActions {
  ack?: string;
  resolve?: string;
}

/** An alert as channels render it: the bus message plus what the alert service may add. */
export type ChannelAlert = AlertEvent & {
  /** Where the rule came from (e.g. a rule pack or Sigma file); `author` is named in messages. */
  source?: { author?: string | null; [key: string]: unknown } | null;
  /** A message that is not about one alert (digest reports): its facts and link replace the alert's. */
  message?: { facts: { label: string; value: string }[]; link: string | null };
  /** The routed notification this alert leads. */
  notification?: NotificationContext;
  /** Acknowledge/resolve links (when `public_url` is set and the alert is not resolved). */
  actions?: AlertActions;
};

/** A vendor's rate limit for one channel (one webhook, chat or integration key). */
export interface RateLimit {
  /** Sustained messages per second. */
  perSecond: number;
  /** Messages allowed at once before the sustained rate applies. */
  burst: number;
  /** Where the figure comes from (docs/notifications.md lists them). */
  source: string;
}

/** What one send answered: delivered, or failed with `retry` (429/5xx/network) or not (4xx, blocked). */
export type DeliveryResult =
  | { ok: true; statusCode?: number; latencyMs: number }
  | { ok: false; retry: boolean; reason: string; statusCode?: number; latencyMs: number; retryAfterMs?: number };

/** What a channel gets besides its config and the alert. */
export interface SendContext {
  /** The server's `public_url` (links to the alert), or null when unset. */
  publicUrl: string | null;
  /** Milliseconds since the epoch (signatures, timestamps). */
  now: () => number;
  /** A new unique id (webhook message ids). */
  newId: () => string;
  /** Per-request time limit. */
  timeoutMs: number;
}

/** A channel type: one folder in `channels/` plus one line in `channels/builtin.ts`. */
export interface ChannelType<C = Record<string, unknown>> {
  readonly type: string;
  /** One line for the docs and the API. */
  readonly description: string;
  /** Config keys holding credentials: sealed at rest, masked in answers, redacted from errors. */
  readonly secretFields: readonly string[];
  /** The vendor's limit per channel; the queue never sends faster. Absent = no limit. */
  readonly rateLimit?: RateLimit;
  /** Sends in flight at once per channel (default 1, which also keeps a chat's messages in order). */
  readonly concurrency?: number;
  /** Validates a raw config, throwing `VIGIL_ERR_VALIDATION` that names the field. */
  parseConfig(raw: Record<string, unknown>): C;
  /** Sends one alert. Never throws: every failure is a `DeliveryResult`. */
  send(config: C, alert: ChannelAlert, ctx: SendContext): Promise<DeliveryResult>;
}

/** A channel registry, by type name. */
export type ChannelRegistry = Readonly<Record<string, ChannelType<any>>>;
