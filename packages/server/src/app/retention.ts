/**
 * @module app/retention
 * The background job that deletes events older than retention.days and expired sessions, hourly
 * (and once shortly after start).
 */
import type { EventStore } from '../storage/event-store.ts';
import type { SessionsRepo } from '../repos/sessions-repo.ts';
import type { Logger } from '../log/logger.ts';

const DAY = 86_400_000;

/** Starts the job; answers a handle that stops it. */
export function startRetention(deps: { store: EventStore; sessions: SessionsRepo; days: number; log: Logger; everyMs?: number; now?: () => number }): { stop(): void; runOnce(): Promise<number> } {
  const now = deps.now ?? Date.now;
  let running = false;
  const runOnce = async (): Promise<number> => {
    if (running) return 0;
    running = true;
    try {
      const deleted = await deps.store.deleteBefore(now() - deps.days * DAY);
      await deps.sessions.deleteExpired(now());
      if (deleted) deps.log.info({ deleted, days: deps.days }, 'retention: deleted old events');
      return deleted;
    } catch (err) {
      deps.log.error({ err }, 'retention run failed');
      return 0;
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void runOnce(), 10_000);
  const timer = setInterval(() => void runOnce(), deps.everyMs ?? 3_600_000);
  first.unref();
  timer.unref();
  return { stop: () => (clearTimeout(first), clearInterval(timer)), runOnce };
}
