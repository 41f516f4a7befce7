/**
 * @module notify/delivery-queue
 * Sends what is queued in the database, one lane per channel: each lane has its own concurrency,
 * its vendor's rate limit (token bucket) and its own timers, so a receiver that hangs or fails
 * delays only its own lane — never another channel. A failed attempt is retried with exponential
 * backoff and full jitter, never sooner than `Retry-After` (which also pauses the lane: the limit
 * is the receiver's, not the message's); after the last attempt the delivery is a dead letter
 * (`failed`) until resent. A receiver that keeps failing trips the lane's breaker: after
 * `BREAKER_AFTER` failures in a row the lane sends one probe at a time and pauses with the same
 * backoff between probes, so a dead receiver is not hammered with every queued delivery (which
 * would also cost the other lanes CPU) and queued deliveries wait instead of spending their
 * attempts. Every attempt is in the attempt log. The rows are the truth: a restart
 * picks the pending ones up again.
 */
import { VigilError } from '@vigil/contracts';
import type { ChannelRegistry, ChannelType, ChannelAlert, SendContext, DeliveryResult } from './notifier.ts';
import type { ChannelsRepo } from './channels-repo.ts';
import type { DeliveryQueueRepo, QueuedDelivery } from './delivery-queue-repo.ts';
import { deliverOnce } from './deliver.ts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';
import { RateLimiter } from './rate-limiter.ts';

/** What the queue needs. */
export interface DeliveryQueueDeps {
  repo: DeliveryQueueRepo;
  channels: ChannelsRepo;
  registry: ChannelRegistry;
  ctx: SendContext;
  policy?: BackoffPolicy;
  random?: () => number;
  /** Adds what is made at send time (signed action links) to the queued alert. */
  decorate?: (alert: ChannelAlert, tenantId: string) => ChannelAlert;
  /** Told of every attempt (metrics, benchmarks). */
  onAttempt?: (d: QueuedDelivery, result: DeliveryResult, status: 'pending' | 'delivered' | 'failed') => void;
  onError: (err: unknown) => void;
}

/** Deliveries fetched from the database per lane at a time. */
const FETCH = 32;

/** Retryable failures in a row after which a lane probes one at a time, with backoff between probes. */
const BREAKER_AFTER = 3;

/** How long a channel's config is reused by the lanes: a changed channel sends with its new config within this. */
const CHANNEL_TTL_MS = 5000;

/** One channel's lane. */
class Lane {
  readonly inFlight = new Map<string, Promise<void>>();
  private buffer: QueuedDelivery[] = [];
  /** New rows may be due: fetch before trusting an empty buffer. */
  private dirty = true;
  private pumping = false;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private pausedUntil = 0;
  private limiter: RateLimiter | null | undefined;
  private concurrency = 1;
  /** Retryable failures in a row (the breaker); 0 after a success. */
  private failures = 0;

  constructor(readonly channelId: string, private readonly q: DeliveryQueue) {}

  kick(): void {
    this.dirty = true;
    void this.pump();
  }

  /** Starts sends while there is room, something due, and the rate limit allows. */
  async pump(): Promise<void> {
    if (this.pumping || this.q.stopped) return;
    this.pumping = true;
    try {
      await this.fill();
    } catch (err) {
      this.q.deps.onError(err);
      this.wakeAt(this.q.now() + 5000);
    } finally {
      this.pumping = false;
    }
  }

  private async fill(): Promise<void> {
    if (this.limiter === undefined) await this.loadChannelType();
    while (this.inFlight.size < (this.failures >= BREAKER_AFTER ? 1 : this.concurrency) && !this.q.stopped) {
      const now = this.q.now();
      if (this.pausedUntil > now) return this.wakeAt(this.pausedUntil);
      if (!this.buffer.length && this.dirty) {
        this.dirty = false;
        this.buffer = (await this.q.deps.repo.due(this.channelId, now, FETCH + this.inFlight.size)).filter((d) => !this.inFlight.has(d.id));
        if (this.buffer.length >= FETCH) this.dirty = true;
      }
      if (!this.buffer.length) {
        const next = await this.q.deps.repo.nextAt(this.channelId);
        if (next !== null && next > now) this.wakeAt(next);
        else if (next !== null && !this.inFlight.size) this.wakeAt(now + 50);
        return;
      }
      const wait = this.limiter ? this.limiter.take(now) : 0;
      if (wait > 0) return this.wakeAt(now + wait);
      const d = this.buffer.shift()!;
      const p = this.q.attempt(d).catch((err) => this.q.deps.onError(err)).finally(() => {
        this.inFlight.delete(d.id);
        this.dirty = true;
        void this.pump();
      });
      this.inFlight.set(d.id, p);
    }
  }

  private async loadChannelType(): Promise<void> {
    const c = await this.q.deps.channels.forSend(this.channelId);
    const type = c ? this.q.typeOf(c.type) : undefined;
    this.limiter = type?.rateLimit ? new RateLimiter(type.rateLimit, this.q.now()) : null;
    this.concurrency = Math.max(1, type?.concurrency ?? 1);
  }

  /** Counts an attempt's outcome for the breaker; a run of failures pauses the lane with backoff. */
  outcome(ok: boolean, retry: boolean, now: number, pauseMs: (n: number) => number): void {
    if (ok || !retry) {
      this.failures = 0;
      return;
    }
    this.failures++;
    if (this.failures >= BREAKER_AFTER) this.pause(now + pauseMs(this.failures - BREAKER_AFTER + 1));
  }

  /** The receiver asked to wait (429 Retry-After): nothing more goes to it before then. */
  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  private wakeAt(at: number): void {
    if (this.q.stopped) return;
    if (this.timer && at >= this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      this.kick();
    }, Math.max(0, at - this.q.now()));
    this.timer.unref?.();
  }

  /** True when nothing is in flight or buffered and no timer is due within `horizonMs`. */
  quiet(horizonMs: number): boolean {
    return !this.inFlight.size && !this.buffer.length && !this.pumping && (this.timerAt === Infinity || this.timerAt - this.q.now() > horizonMs);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** The delivery queue of a process. */
export class DeliveryQueue {
  private readonly lanes = new Map<string, Lane>();
  private readonly channelCache = new Map<string, { at: number; value: Awaited<ReturnType<ChannelsRepo['forSend']>> }>();
  private readonly policy: BackoffPolicy;
  private readonly random: () => number;
  stopped = false;

  constructor(readonly deps: DeliveryQueueDeps) {
    this.policy = deps.policy ?? DEFAULT_BACKOFF;
    this.random = deps.random ?? Math.random;
  }

  /** The clock of the send context. */
  now(): number {
    return this.deps.ctx.now();
  }

  /** Picks up every channel with pending deliveries (after a restart). */
  async start(): Promise<void> {
    for (const id of await this.deps.repo.pendingChannels()) this.lane(id).kick();
  }

  /** Tells the lanes of these channels that new deliveries are queued. */
  kick(channelIds: Iterable<string>): void {
    for (const id of new Set(channelIds)) this.lane(id).kick();
  }

  private lane(channelId: string): Lane {
    let l = this.lanes.get(channelId);
    if (!l) {
      l = new Lane(channelId, this);
      this.lanes.set(channelId, l);
    }
    return l;
  }

  /** A channel as sent with, read at most every `CHANNEL_TTL_MS` (one read and decryption per channel, not per send). */
  private async channel(id: string): Promise<Awaited<ReturnType<ChannelsRepo['forSend']>>> {
    const hit = this.channelCache.get(id);
    if (hit && this.now() - hit.at < CHANNEL_TTL_MS) return hit.value;
    const value = await this.deps.channels.forSend(id);
    this.channelCache.set(id, { at: this.now(), value });
    return value;
  }

  /** The registered type, or undefined. */
  typeOf(type: string): ChannelType<any> | undefined {
    return Object.hasOwn(this.deps.registry, type) ? this.deps.registry[type] : undefined;
  }

  /** One attempt of one delivery, recorded, with what follows decided. */
  async attempt(d: QueuedDelivery): Promise<void> {
    const { repo, ctx } = this.deps;
    const at = this.now();
    const channel = await this.channel(d.channelId).catch((err: unknown) => {
      // An unreadable secret (wrong secret.key) is the channel's problem, reported on the delivery.
      if (err instanceof VigilError) return { error: `${err.code}: ${err.message}` } as const;
      throw err;
    });
    const type = channel && !('error' in channel) ? this.typeOf(channel.type) : undefined;
    if (!channel || 'error' in channel || !type) {
      const why = !channel ? 'the channel was deleted' : 'error' in channel ? channel.error : `channel type ${channel.type} is not known to this version`;
      await repo.abandon(d, why, at);
      this.deps.onAttempt?.(d, { ok: false, retry: false, reason: why, latencyMs: 0 }, 'failed');
      return;
    }
    let result: DeliveryResult;
    try {
      const config = type.parseConfig(channel.config);
      const alert = this.deps.decorate ? this.deps.decorate(d.payload, d.tenantId) : d.payload;
      result = await deliverOnce(type, config, alert, ctx);
    } catch (err) {
      result = { ok: false, retry: false, reason: err instanceof VigilError ? `${err.code}: ${err.message}` : String(err), latencyMs: 0 };
    }
    const round = d.roundAttempts + 1;
    const done = this.now();
    let status: 'pending' | 'delivered' | 'failed';
    let next: number | null = null;
    if (result.ok) status = 'delivered';
    else if (result.retry && round < this.policy.maxAttempts) {
      status = 'pending';
      next = done + backoffDelay(round, this.policy, this.random(), result.retryAfterMs);
    } else status = 'failed';
    const lane = this.lanes.get(d.channelId);
    if (!result.ok && result.retryAfterMs) lane?.pause(done + Math.min(result.retryAfterMs, this.policy.maxMs));
    lane?.outcome(result.ok, !result.ok && result.retry, done, (n) => backoffDelay(n, this.policy, 0.5 + this.random() / 2));
    await repo.recordAttempt(d, { at, ok: result.ok, statusCode: result.statusCode, latencyMs: result.latencyMs, error: result.ok ? undefined : result.reason }, status, next);
    this.deps.onAttempt?.(d, result, status);
  }

  /** Resolves when no lane has anything in flight or due within `horizonMs` (tests, shutdown). */
  async idle(horizonMs = 0, timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const busy = [...this.lanes.values()].filter((l) => !l.quiet(horizonMs));
      if (!busy.length) return;
      await Promise.allSettled(busy.flatMap((l) => [...l.inFlight.values()]));
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Stops every lane; sends in flight get up to `graceMs` to finish (an unfinished one is sent again after the restart). */
  async stop(graceMs = 2000): Promise<void> {
    this.stopped = true;
    for (const l of this.lanes.values()) l.stop();
    const inFlight = [...this.lanes.values()].flatMap((l) => [...l.inFlight.values()]);
    await Promise.race([Promise.allSettled(inFlight), new Promise((r) => setTimeout(r, graceMs).unref?.())]);
  }
}
