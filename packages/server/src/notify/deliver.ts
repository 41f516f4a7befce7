/**
 * @module notify/deliver
 * One delivery attempt through a channel type: the send, an unexpected throw turned into a
 * retryable failure (a channel must never crash the sender), and secrets redacted from the reason.
 */
import type { ChannelAlert, ChannelType, DeliveryResult, SendContext } from './notifier.ts';
import { redactResult, secretValues } from './redact.ts';

/** Sends once; never throws. */
export async function deliverOnce<C>(channel: ChannelType<C>, config: C, alert: ChannelAlert, ctx: SendContext): Promise<DeliveryResult> {
  let result: DeliveryResult;
  try {
    result = await channel.send(config, alert, ctx);
  } catch (err) {
    result = { ok: false, retry: true, reason: `channel ${channel.type} failed: ${(err as Error).message ?? String(err)}`, latencyMs: 0 };
  }
  return redactResult(result, secretValues(config as Record<string, unknown>, channel.secretFields));
}
