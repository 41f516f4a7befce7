/**
 * @module bus/in-process-bus
 * The default Bus: consumers in this process, durable consumers awaited by publish.
 */
import type { Bus, BusHandler, SubscribeOptions } from './bus.ts';
import type { TenantEvent } from '../storage/event-store.ts';

interface Sub {
  name: string;
  handler: BusHandler;
  durable: boolean;
}

/** Bus whose consumers live in this process. */
export class InProcessBus implements Bus {
  readonly kind = 'in-process';
  private subs: Sub[] = [];
  private closed = false;

  constructor(private readonly onError: (consumer: string, err: unknown) => void = () => undefined) {}

  async publish(batch: readonly TenantEvent[]): Promise<void> {
    if (this.closed) throw new Error('bus is closed');
    const waits: Promise<void>[] = [];
    for (const s of this.subs) {
      if (s.durable) waits.push(s.handler(batch));
      else s.handler(batch).catch((err) => this.onError(s.name, err));
    }
    await Promise.all(waits);
  }

  subscribe(name: string, handler: BusHandler, opts: SubscribeOptions = {}): () => void {
    const sub = { name, handler, durable: !!opts.durable };
    this.subs.push(sub);
    return () => {
      this.subs = this.subs.filter((s) => s !== sub);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subs = [];
  }
}
