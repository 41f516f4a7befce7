/**
 * @module bus/log-follower
 * `follow` for any EventLog that can `readAfter`: read, hand over, advance, and wait for the next
 * commit when caught up. Positions advance only after the handler succeeded, so a failing handler
 * sees the same batch again (after `retryMs`) rather than skipping it.
 */
import type { LogPosition } from '@vigil/contracts';
import type { CommitSignal } from './commit-signal.ts';
import type { EventLog, FollowOptions, LogBatch, LogFollower } from './event-log.ts';

/** Starts following `log` from `from`; see `EventLog.follow`. */
export function followLog(log: Pick<EventLog, 'readAfter'>, signal: CommitSignal, from: LogPosition, handler: (batch: LogBatch) => Promise<void>, opts: FollowOptions = {}): LogFollower {
  const batchSize = opts.batchSize ?? 1000;
  const pollMs = opts.pollMs ?? 1000;
  const retryMs = opts.retryMs ?? 1000;
  let position = from;
  let stopped = false;
  let wake: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((r) => {
      const t = setTimeout(() => ((wake = null), r()), ms);
      t.unref();
      wake = () => (clearTimeout(t), (wake = null), r());
    });

  const loop = async () => {
    while (!stopped) {
      // Read the generation first: a commit landing after our read bumps it, and wait() returns at once.
      const seen = signal.generation;
      let batch: LogBatch;
      try {
        batch = await log.readAfter(position, batchSize);
        if (stopped) break;
        if (!batch.entries.length) {
          await Promise.race([signal.wait(seen, pollMs), new Promise<void>((r) => (wake = r))]);
          continue;
        }
        await handler(batch);
      } catch (err) {
        opts.onError?.(err);
        if (!stopped) await sleep(retryMs);
        continue;
      }
      position = batch.next;
    }
  };
  const running = loop();
  return {
    get position() {
      return position;
    },
    async stop() {
      stopped = true;
      wake?.();
      await running;
    },
  };
}
