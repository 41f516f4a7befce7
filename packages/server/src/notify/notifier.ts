/**
 * @module notify/notifier
 * The channel port: a channel type parses its config and sends one alert, answering Alertmanager's
 * notifier shape — delivered, or failed with whether a retry can help and why.
 */
import type { AlertEvent } from '@vigil/contracts';

/** An alert as channels render it: the bus message plus what the alert service may add. */
export type ChannelAlert = AlertEvent & {
  /** Where the rule came from (e.g. a rule pack or Sigma file); `author` is named in messages. */
  source?: { author?: string | null; [key: string]: unknown } | null;
  /** A message that is not about one alert (digest reports): its facts and link replace the alert's. */
  message?: { facts: { label: string; value: string }[]; link: string | null };
};

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
  /** Validates a raw config, throwing `VIGIL_ERR_VALIDATION` that names the field. */
  parseConfig(raw: Record<string, unknown>): C;
  /** Sends one alert. Never throws: every failure is a `DeliveryResult`. */
  send(config: C, alert: ChannelAlert, ctx: SendContext): Promise<DeliveryResult>;
}

/** A channel registry, by type name. */
export type ChannelRegistry = Readonly<Record<string, ChannelType<any>>>;
