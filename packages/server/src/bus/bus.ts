/**
 * @module bus/bus
 * The Bus port: messages flow by topic (`events`, `alerts`; see `@vigil/contracts` topics) from
 * publishers to consumers (store, live stream, notify). `publish` resolves once every *awaited*
 * consumer has the batch — for the in-process bus, when the store has committed it; for NATS
 * JetStream, when the stream has acknowledged it. Every other consumer reads from a bounded queue.
 *
 * Consumers that must resume after a restart (detection) do not subscribe here: they follow the
 * committed `EventLog` (`event-log.ts`) from a position they checkpoint themselves.
 */
import type { Topic, TopicMessages } from '@vigil/contracts';

/** A message an awaited consumer refused, by its index in the published batch (it took the others). */
export interface Refusal {
  index: number;
  error: string;
}

/**
 * A consumer's handler: one batch at a time, in publish order. An awaited consumer may answer the
 * messages it refused (the store: an event the database would not take), so publish can report them.
 */
export type BusHandler<T extends Topic = Topic> = (batch: readonly TopicMessages[T][]) => Promise<void | readonly Refusal[]>;

/** What a full queue does with a new batch: `drop` it (counted) or `block` publish until there is room. */
export type OverflowPolicy = 'drop' | 'block';

/** Messages a consumer's queue holds unless told otherwise. */
export const DEFAULT_MAX_QUEUED = 10_000;

export interface SubscribeOptions {
  /** Publish awaits this consumer: it resolves only after the handler did and rejects when it fails. */
  awaited?: boolean;
  /** For consumers publish does not await: messages held at most (default `DEFAULT_MAX_QUEUED`). */
  maxQueued?: number;
  /** For consumers publish does not await: what a full queue does (default `drop`). */
  overflow?: OverflowPolicy;
}

/** What one consumer has seen, for `/metrics` and tests. */
export interface ConsumerStats {
  topic: Topic;
  name: string;
  awaited: boolean;
  /** Messages published to it and not yet handled (its lag). */
  queued: number;
  /** Messages it lost to a full queue (`drop` policy). */
  dropped: number;
  /** Batches whose handler failed. */
  errors: number;
}

/** Moves batches of messages from publishers to consumers, by topic. */
export interface Bus {
  readonly kind: string;
  /** Publishes a batch on a topic; resolves when every awaited consumer has it, with the messages any of them refused. */
  publish<T extends Topic>(topic: T, batch: readonly TopicMessages[T][]): Promise<readonly Refusal[]>;
  /** Registers a consumer of a topic; answers a function that removes it. */
  subscribe<T extends Topic>(topic: T, name: string, handler: BusHandler<T>, opts?: SubscribeOptions): () => void;
  /** Every consumer's counters. */
  consumers(): ConsumerStats[];
  /** Stops accepting publishes; waits for what queued consumers already hold. */
  close(): Promise<void>;
}
