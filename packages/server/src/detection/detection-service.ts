/**
 * @module detection/detection-service
 * The detector: follows the committed event log from its checkpoint, evaluates every tenant's rules in
 * the engine (a worker thread), hands signals to the alert sink, and checkpoints engine state and log
 * position together. Exactly once across a crash: signals are delivered before the checkpoint that
 * passes them, a replay re-delivers the same deterministic signal ids, and the sink ignores repeats.
 *
 * The engine's clock for a batch is the newest `event.ingested` in it (when those events arrived), so a
 * replay after downtime judges lateness as the first run did; a tick at wall-clock time drives absence
 * and window closing while the log is quiet.
 */
import { LOG_START, type LogPosition, type VigilEvent } from '@vigil/contracts';
import type { EventLog, LogBatch, LogFollower } from '../bus/index.ts';
import type { MetricsRegistry } from '../metrics/index.ts';
import type { Logger } from '../log/logger.ts';
import type { AlertSink } from './alert-sink.ts';
import type { RuleSource } from './rule-source.ts';
import type { DetectionCheckpoints } from './detection-checkpoints.ts';
import type { EngineClient } from './engine-client.ts';
import type { EngineOutput } from './engine-host.ts';

/** What the detector needs. */
export interface DetectionDeps {
  eventLog: EventLog;
  checkpoints: DetectionCheckpoints;
  rules: RuleSource;
  sink: AlertSink;
  engine: EngineClient;
  log: Logger;
  metrics: MetricsRegistry;
  now: () => number;
}

/** Tuning (defaults suit production; tests shorten them). */
export interface DetectionOptions {
  consumer?: string;
  /** Clock tick while the log is quiet, ms. */
  tickMs?: number;
  /** Longest time between checkpoints, ms. */
  checkpointMs?: number;
  /** Rule changes are applied after this quiet period, ms. */
  reloadDebounceMs?: number;
  batchSize?: number;
}

/** The running detector. */
export class DetectionService {
  private follower: LogFollower | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private position: LogPosition = LOG_START;
  private lastCheckpoint = 0;
  private dirty = false;
  private timer: NodeJS.Timeout | null = null;
  private reloadTimer: NodeJS.Timeout | null = null;
  private offRules: (() => void) | null = null;
  private stopped = false;
  private readonly opts: Required<DetectionOptions>;
  private readonly counters;

  constructor(
    private readonly deps: DetectionDeps,
    opts: DetectionOptions = {},
  ) {
    this.opts = { consumer: 'detector', tickMs: 1000, checkpointMs: 1000, reloadDebounceMs: 200, batchSize: 2000, ...opts };
    const m = deps.metrics;
    this.counters = {
      events: m.counter('vigil_detect_events_total', 'Events the detector evaluated.'),
      candidates: m.counter('vigil_detect_candidates_total', 'Rule predicates run after the prefilter.'),
      matched: m.counter('vigil_detect_matched_total', 'Events that matched a rule query.'),
      tooLate: m.counter('vigil_detect_too_late_total', 'Matching events that arrived after their rule allowed lateness.'),
      evicted: m.counter('vigil_detect_evicted_groups_total', 'Rule groups evicted because a rule held too many.'),
      signals: m.counter('vigil_detect_signals_total', 'Signals the detector raised.'),
      errors: m.counter('vigil_detect_errors_total', 'Detector failures (the batch is retried).'),
      batchSeconds: m.histogram('vigil_detect_batch_seconds', 'Time to evaluate one batch of committed events.'),
    };
    m.gauge('vigil_detect_rules', 'Enabled rules loaded in the detection engine.', () => this.loadedRules);
  }

  private loadedRules = 0;

  /** Serialises engine work: batches, ticks, reloads and checkpoints run one at a time, in order. */
  private run<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.chain.then(fn);
    this.chain = p.catch(() => undefined);
    return p;
  }

  /** Loads the checkpoint and rules, then follows the log. */
  async start(): Promise<void> {
    const cp = await this.deps.checkpoints.load(this.opts.consumer);
    // A first start begins at the head: history before it is for backtests, not live alerts.
    this.position = cp?.position ?? (await this.deps.eventLog.head());
    await this.reload(cp?.states);
    if (!cp) await this.checkpoint();
    this.offRules = this.deps.rules.onChange(() => this.scheduleReload());
    this.follower = this.deps.eventLog.follow(this.position, (b) => this.run(() => this.handle(b)), {
      batchSize: this.opts.batchSize,
      onError: (err) => {
        this.counters.errors.inc();
        this.deps.log.error({ err }, 'detection batch failed; retrying');
      },
    });
    this.timer = setInterval(() => void this.run(() => this.tick()).catch((err) => this.deps.log.error({ err }, 'detection tick failed')), this.opts.tickMs);
    this.timer.unref();
  }

  private scheduleReload(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.run(() => this.reload()).catch((err) => this.deps.log.error({ err }, 'rule reload failed')), this.opts.reloadDebounceMs);
    this.reloadTimer.unref();
  }

  private async reload(states?: Record<string, unknown>): Promise<void> {
    const rules = await this.deps.rules.all();
    const r = await this.deps.engine.load(
      rules.map((x) => ({ tenantId: x.tenantId, doc: x.doc })),
      states,
    );
    this.loadedRules = r.rules;
    for (const p of r.problems) this.deps.log.warn({ tenant: p.tenantId, rule: p.ruleId }, `rule skipped: ${p.message}`);
  }

  private async deliver(out: EngineOutput): Promise<void> {
    const s = out.stats;
    this.counters.events.inc({}, s.events);
    this.counters.candidates.inc({}, s.candidates);
    this.counters.matched.inc({}, s.matched);
    this.counters.tooLate.inc({}, s.tooLate);
    this.counters.evicted.inc({}, s.evicted);
    this.counters.signals.inc({}, s.signals);
    for (const [tenantId, signals] of Object.entries(out.signals)) await this.deps.sink.applySignals(tenantId, signals);
    if (s.events || s.signals) this.dirty = true;
  }

  private async handle(batch: LogBatch): Promise<void> {
    const started = performance.now();
    const byTenant: Record<string, VigilEvent[]> = {};
    let clock = 0;
    for (const e of batch.entries) {
      // Alerts are stored as events too; rules never see them, so no rule can feed on its own alerts.
      if (e.event['vigil.input'] === 'detection') continue;
      (byTenant[e.tenantId] ??= []).push(e.event);
      const t = Date.parse(e.event['event.ingested']);
      if (t > clock) clock = t;
    }
    const out = await this.deps.engine.evaluate(byTenant, clock || this.deps.now());
    await this.deliver(out);
    this.position = batch.next;
    this.dirty = true;
    this.counters.batchSeconds.observe((performance.now() - started) / 1000);
    if (this.deps.now() - this.lastCheckpoint >= this.opts.checkpointMs) await this.checkpoint();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    await this.deliver(await this.deps.engine.evaluate({}, this.deps.now()));
    if (this.dirty && this.deps.now() - this.lastCheckpoint >= this.opts.checkpointMs) await this.checkpoint();
  }

  private async checkpoint(): Promise<void> {
    const states = await this.deps.engine.snapshot();
    await this.deps.checkpoints.save(this.opts.consumer, { position: this.position, states });
    this.lastCheckpoint = this.deps.now();
    this.dirty = false;
  }

  /** The position of the last batch handed to the sink. */
  get currentPosition(): LogPosition {
    return this.position;
  }

  /** Stops following, checkpoints, and stops the engine. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.offRules?.();
    await this.follower?.stop();
    await this.run(() => this.checkpoint()).catch((err) => this.deps.log.error({ err }, 'final detection checkpoint failed'));
    await this.deps.engine.close();
  }
}
