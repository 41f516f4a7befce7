/**
 * @module reports/report-scheduler
 * Sends scheduled digests: every `intervalMs` it asks for the schedules due at the injected clock's
 * now and runs them one after another. A server that was down sends a missed digest once when it
 * comes back, then keeps the schedule. `tick()` is the whole step, so tests drive it with their clock.
 */
import type { ReportService } from './report-service.ts';

/** What the scheduler needs. */
export interface ReportSchedulerDeps {
  reports: ReportService;
  now: () => number;
  onError: (err: unknown) => void;
  /** How often to look for due schedules (default 30 s). */
  intervalMs?: number;
}

/** The digest timer. */
export class ReportScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(private readonly deps: ReportSchedulerDeps) {}

  /** Runs every schedule due now; answers how many ran. */
  async tick(): Promise<number> {
    const due = await this.deps.reports.due(this.deps.now());
    for (const s of due) {
      try {
        await this.deps.reports.runScheduled(s);
      } catch (err) {
        this.deps.onError(err);
      }
    }
    return due.length;
  }

  start(): void {
    const every = this.deps.intervalMs ?? 30_000;
    const loop = () => {
      this.running = this.tick().catch((err) => (this.deps.onError(err), 0));
      void this.running.finally(() => {
        if (this.timer !== undefined) this.timer = setTimeout(loop, every).unref();
      });
    };
    this.timer = setTimeout(loop, every).unref();
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
