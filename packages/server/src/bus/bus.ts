/**
 * @module bus/bus
 * The Bus port: normalized events flow from sources to their consumers (store, detect, live stream).
 * `publish` resolves only once every durable consumer has the batch safely — for the in-process bus,
 * when the store has committed it; for NATS JetStream, when the stream has acknowledged it.
 */
import type { TenantEvent } from '../storage/event-store.ts';

export type BusHandler = (batch: readonly TenantEvent[]) => Promise<void>;

export interface SubscribeOptions {
  /** A durable consumer is awaited by publish; others are notified without blocking it. */
  durable?: boolean;
}

export interface Bus {
  readonly kind: string;
  /** Publishes a batch of events; resolves when it is durable. */
  publish(batch: readonly TenantEvent[]): Promise<void>;
  /** Registers a consumer; answers a function that removes it. */
  subscribe(name: string, handler: BusHandler, opts?: SubscribeOptions): () => void;
  close(): Promise<void>;
}
