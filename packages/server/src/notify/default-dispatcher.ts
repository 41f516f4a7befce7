/**
 * @module notify/default-dispatcher
 * The minimal dispatcher until routing lands: a consumer of the `alerts` topic that sends each newly
 * opened alert to every channel of its tenant marked `default`. Sends run in the background, one
 * promise per (alert, channel), so the bus consumer returns at once and a receiver that hangs or
 * fails never slows another channel. An alert id is sent once per channel: remembered in memory
 * (refolds arrive quickly) and checked against the delivery log (restarts).
 */
import type { AlertEvent } from '@vigil/contracts';
import type { ChannelService } from './channel-service.ts';
import type { ChannelAlert } from './notifier.ts';

/** Alert ids remembered in memory at most (oldest forgotten first; the delivery log still guards). */
const REMEMBERED = 10_000;

/** What the dispatcher needs. */
export interface DefaultDispatcherDeps {
  channels: ChannelService;
  /** Adds what the topic message lacks (the rule's source/author); the message itself when absent or failing. */
  enrich?: (a: AlertEvent) => Promise<ChannelAlert>;
  onError: (err: unknown, alert: AlertEvent) => void;
}

/** Sends newly opened alerts to the tenant's default channels. */
export class DefaultDispatcher {
  private readonly seen = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: DefaultDispatcherDeps) {}

  /** The `alerts` topic handler: starts sends and returns. */
  readonly handle = async (batch: readonly AlertEvent[]): Promise<void> => {
    for (const a of batch) {
      if (a.state !== 'open' || this.seen.has(a.id)) continue;
      this.remember(a.id);
      const p = this.dispatch(a).catch((err) => this.deps.onError(err, a)).finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }
  };

  /** Resolves when every send started so far has finished (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  private remember(id: string): void {
    this.seen.add(id);
    if (this.seen.size > REMEMBERED) this.seen.delete(this.seen.values().next().value!);
  }

  private async dispatch(a: AlertEvent): Promise<void> {
    const targets = await this.deps.channels.defaultTargets(a.tenantId, a.id);
    if (!targets.length) return;
    const alert = this.deps.enrich ? await this.deps.enrich(a).catch(() => a) : a;
    await Promise.all(targets.map((id) => this.deps.channels.sendTo(a.tenantId, id, alert).catch((err) => this.deps.onError(err, a))));
  }
}
