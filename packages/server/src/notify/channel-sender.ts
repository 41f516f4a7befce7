/**
 * @module notify/channel-sender
 * Delivers one alert to one channel: attempts with exponential backoff and jitter up to a bound,
 * honouring `Retry-After`, every attempt recorded in the delivery log. Clock, sleep and randomness
 * are injected so tests check the timing without waiting.
 */
import type { ChannelAlert, ChannelType, DeliveryResult, SendContext } from './notifier.ts';
import { deliverOnce } from './deliver.ts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';
import type { ChannelsRepo } from './channels-repo.ts';

/** What the sender needs. */
export interface ChannelSenderDeps {
  repo: ChannelsRepo;
  ctx: SendContext;
  policy?: BackoffPolicy;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** The outcome of a delivery: its id, attempts made, and the last attempt's result. */
export interface DeliveryOutcome {
  deliveryId: string;
  attempts: number;
  result: DeliveryResult;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref?.());

/** Sends alerts to channels with retries, recording every attempt. */
export class ChannelSender {
  private readonly policy: BackoffPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly deps: ChannelSenderDeps) {
    this.policy = deps.policy ?? DEFAULT_BACKOFF;
    this.sleep = deps.sleep ?? realSleep;
    this.random = deps.random ?? Math.random;
  }

  /** Delivers `alert` through a parsed channel config; `maxAttempts` overrides the policy (1 for a test send); `kind` is logged with it. */
  async send<C>(target: { tenantId: string; channelId: string; type: ChannelType<C>; config: C }, alert: ChannelAlert, maxAttempts = this.policy.maxAttempts, kind = 'firing'): Promise<DeliveryOutcome> {
    const { repo, ctx } = this.deps;
    const deliveryId = await repo.openDelivery(target.tenantId, target.channelId, alert.id, kind);
    let attempt = 0;
    for (;;) {
      attempt++;
      const at = ctx.now();
      const result = await deliverOnce(target.type, target.config, alert, ctx);
      const last = result.ok || !result.retry || attempt >= maxAttempts;
      const status = result.ok ? 'delivered' : last ? 'failed' : 'pending';
      await repo.recordAttempt(deliveryId, { attempt, at, ok: result.ok, statusCode: result.statusCode, latencyMs: result.latencyMs, error: result.ok ? undefined : result.reason }, status);
      if (last) return { deliveryId, attempts: attempt, result };
      await this.sleep(backoffDelay(attempt, this.policy, this.random(), result.retryAfterMs));
    }
  }
}
