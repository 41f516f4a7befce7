/**
 * @module bus/in-process-bus
 * The default Bus: consumers in this process. Awaited consumers are called by publish and awaited;
 * every other consumer gets its own bounded `ConsumerQueue`.
 */
import { VigilError, type Topic, type TopicMessages } from '@vigil/contracts';
import { DEFAULT_MAX_QUEUED, type Bus, type BusHandler, type ConsumerStats, type Refusal, type SubscribeOptions } from './bus.ts';
import { ConsumerQueue } from './consumer-queue.ts';

interface Sub {
  topic: Topic;
  name: string;
  handler: BusHandler<never>;
  awaited: boolean;
  errors: number;
  queue: ConsumerQueue<unknown> | null;
}

const NONE: readonly Refusal[] = Object.freeze([]);

/** Bus whose consumers live in this process. */
export class InProcessBus implements Bus {
  readonly kind = 'in-process';
  private readonly byTopic = new Map<Topic, Sub[]>();
  private closed = false;

  constructor(private readonly onError: (topic: Topic, consumer: string, err: unknown) => void = () => undefined) {}

  async publish<T extends Topic>(topic: T, batch: readonly TopicMessages[T][]): Promise<readonly Refusal[]> {
    if (this.closed) throw new VigilError('VIGIL_ERR_SHUTTING_DOWN', 'The bus is closed.');
    const subs = this.byTopic.get(topic);
    if (!subs || !batch.length) return NONE;
    let waits: Promise<void | readonly Refusal[]>[] | null = null;
    for (const s of subs) {
      const w = s.queue ? s.queue.offer(batch) : (s.handler as BusHandler<T>)(batch).catch((err) => {
        s.errors++;
        throw err;
      });
      if (w) (waits ??= []).push(w);
    }
    if (!waits) return NONE;
    const answers = await Promise.all(waits);
    let refused: Refusal[] | null = null;
    for (const a of answers) if (a && a.length) (refused ??= []).push(...a);
    return refused ?? NONE;
  }

  subscribe<T extends Topic>(topic: T, name: string, handler: BusHandler<T>, opts: SubscribeOptions = {}): () => void {
    const awaited = !!opts.awaited;
    const sub: Sub = { topic, name, handler: handler as BusHandler<never>, awaited, errors: 0, queue: null };
    if (!awaited) {
      sub.queue = new ConsumerQueue<unknown>(handler as (b: readonly unknown[]) => Promise<void>, opts.maxQueued ?? DEFAULT_MAX_QUEUED, opts.overflow ?? 'drop', (err) => this.onError(topic, name, err));
    }
    // A new array per change: a publish iterating the old one is not disturbed.
    this.byTopic.set(topic, [...(this.byTopic.get(topic) ?? []), sub]);
    return () => {
      this.byTopic.set(topic, (this.byTopic.get(topic) ?? []).filter((s) => s !== sub));
      sub.queue?.close();
    };
  }

  consumers(): ConsumerStats[] {
    const out: ConsumerStats[] = [];
    for (const subs of this.byTopic.values()) {
      for (const s of subs) out.push({ topic: s.topic, name: s.name, awaited: s.awaited, queued: s.queue?.queued ?? 0, dropped: s.queue?.dropped ?? 0, errors: s.queue ? s.queue.errors : s.errors });
    }
    return out;
  }

  async close(): Promise<void> {
    this.closed = true;
    const subs = [...this.byTopic.values()].flat();
    await Promise.all(subs.map((s) => s.queue?.idle()));
    this.byTopic.clear();
  }
}
