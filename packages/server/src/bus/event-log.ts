/**
 * @module bus/event-log
 * The EventLog port: the committed `events` topic read as a durable, ordered log. A consumer that must
 * lose and double nothing across a crash (the detection engine) reads from a position, handles a
 * batch, and stores its own state and the batch's `next` position together in one transaction; after
 * a restart it hands that position back and continues exactly after it.
 *
 * Adapters: SQLite (the events table's `seq`), PostgreSQL (`xid:seq`, see `postgres-event-log.ts`),
 * NATS (the stream sequence). All pass `test/bus/bus-conformance.ts`.
 */
import type { LogPosition, TenantEvent } from '@vigil/contracts';

/** An event as the log holds it: committed, with its position. */
export interface CommittedEvent extends TenantEvent {
  position: LogPosition;
  /**
   * The stored row's text (`message` column and JSON document without it), when the adapter has it:
   * a consumer can hand it on (to a worker thread) without parsing it here; `event` is the same, parsed.
   */
  readonly text?: { message: string; doc: string };
}

/** One read from the log. */
export interface LogBatch {
  /** Committed events after the asked position, in log order. */
  entries: CommittedEvent[];
  /** Where to continue: the last entry's position, or the asked position when there were none. */
  next: LogPosition;
}

/** A running `follow`. */
export interface LogFollower {
  /** The position after the last batch whose handler succeeded. */
  readonly position: LogPosition;
  /** Stops after the batch in hand (if any); resolves when stopped. */
  stop(): Promise<void>;
}

export interface FollowOptions {
  /** Entries per batch (default 1000). */
  batchSize?: number;
  /** Longest wait between reads when no commit was signalled, ms (default 1000; covers other writers). */
  pollMs?: number;
  /** A failed handler is retried with the same batch after this many ms (default 1000). */
  retryMs?: number;
  onError?: (err: unknown) => void;
}

/** The committed events, in commit order, readable from any position. */
export interface EventLog {
  readonly kind: string;
  /** The position of the newest committed entry (`LOG_START` when empty): "from now on". */
  head(): Promise<LogPosition>;
  /** Up to `limit` committed entries after `position`, in log order. A malformed position is `VIGIL_ERR_BAD_CURSOR`. */
  readAfter(position: LogPosition, limit: number): Promise<LogBatch>;
  /**
   * Hands every committed entry after `from` to `handler`, one batch at a time and in order, then keeps
   * streaming new commits. The next batch is read only after the handler resolved.
   */
  follow(from: LogPosition, handler: (batch: LogBatch) => Promise<void>, opts?: FollowOptions): LogFollower;
}
