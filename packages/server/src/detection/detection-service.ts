/**
 * @module detection/detection-service
 * The detector: follows the committed event log from its checkpoint, evaluates every tenant's rules in
 * the engine (a worker thread), hands signals to the alert sink, and checkpoints engine state and log
 * position together. Exactly once across a crash: signals are delivered before the checkpoint that
 * passes them, a replay re-delivers the same deterministic signal ids, and the sink ignores repeats.
 *
 * The engine's clock for a run of events is the newest `event.ingested` in it (when those events
 * arrived; a batch is cut into runs that arrived within a second), so a replay after downtime judges
 * lateness as the first run did; a tick at wall-clock time drives absence and window closing while the
 * log is quiet.
 */
import { LOG_START, type LogPosition } from '@vigil/contracts';
import type { QueryNode } from '@vigil/core';
import type { EventLog, LogBatch, LogFollower } from '../bus/index.ts';
import type { MetricsRegistry } from '../metrics/index.ts';
import type { Logger } from '../log/logger.ts';
import type { AlertSink } from './alert-sink.ts';
import type { RuleSource } from './rule-source.ts';
import type { DetectionCheckpoints } from './detection-checkpoints.ts';
import type { EngineClient } from './engine-client.ts';
import { engineRuns, type EngineOutput, type SeedRequest, type TextBatch } from './engine-host.ts';
import type { EventStore } from '../storage/event-store.ts';

/** The batch as text when every entry carries its stored text (SQLite): the engine thread parses it. */
function textBatch(batch: LogBatch): TextBatch | null {
  const n = batch.entries.length;
  const out: TextBatch = { tenantIds: new Array<string>(n), messages: new Array<string>(n), docs: new Array<string>(n) };
  for (let i = 0; i < n; i++) {
    const e = batch.entries[i]!;
    if (!e.text) return null;
    out.tenantIds[i] = e.tenantId;
    out.messages[i] = e.text.message;
    out.docs[i] = e.text.doc;
  }
  return out;
}

/** Alerts are stored as events; rules never see them. */
const NOT_ALERTS: QueryNode = { type: 'not', child: { type: 'term', field: 'vigil.input', value: 'detection' } };

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
  /** Where `new_terms` rules learn what was seen before they started (absent: they start empty). */
  store?: EventStore;
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
  /** Distinct terms read per `new_terms` rule when it starts without state (newest first; the rest are counted as cut). */
  seedLimit?: number;
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
    this.opts = { consumer: 'detector', tickMs: 1000, checkpointMs: 1000, reloadDebounceMs: 200, batchSize: 2000, seedLimit: 100_000, ...opts };
    const m = deps.metrics;
    this.counters = {
      events: m.counter('vigil_detect_events_total', 'Events the detector evaluated.'),
      candidates: m.counter('vigil_detect_candidates_total', 'Rule predicates run after the prefilter.'),
      matched: m.counter('vigil_detect_matched_total', 'Events that matched a rule query.'),
      tooLate: m.counter('vigil_detect_too_late_total', 'Matching events that arrived after their rule allowed lateness.'),
      evicted: m.counter('vigil_detect_evicted_groups_total', 'Rule groups evicted because a rule held too many.'),
      signals: m.counter('vigil_detect_signals_total', 'Signals the detector raised.'),
      errors: m.counter('vigil_detect_errors_total', 'Detector failures (the batch is retried).'),
      batchSeconds: m.histogram('vigil_detect_batch_seconds', 'Time to handle one batch of committed events (evaluation, alert writes, and a checkpoint when one is due).'),
      alertSeconds: m.histogram('vigil_detect_alert_write_seconds', 'Time to turn one evaluation\'s signals into stored, announced alerts.'),
      snapshotSeconds: m.histogram('vigil_detect_snapshot_seconds', 'Time the engine thread took to serialise its state for a checkpoint.'),
      checkpointSeconds: m.histogram('vigil_detect_checkpoint_write_seconds', 'Time to write one checkpoint (state and position) to the store.'),
      seeded: m.counter('vigil_detect_seeded_terms_total', 'Terms new_terms rules learned from stored events when they started without state.'),
      seedCut: m.counter('vigil_detect_seed_truncated_total', 'new_terms rules whose stored terms exceeded the seed limit (the oldest were left out).'),
      seedErrors: m.counter('vigil_detect_seed_errors_total', 'new_terms rules that could not read stored terms (they start empty).'),
    };
    m.gauge('vigil_detect_rules', 'Enabled rules loaded in the detection engine.', () => this.loadedRules);
  }

  private loadedRules = 0;
  /** The checkpoint write in flight on the detection path, if any. */
  private writing: Promise<void> | null = null;

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
    if (r.seeds.length && this.deps.store) {
      for (const seed of r.seeds) await this.seed(this.deps.store, seed);
      // Checkpoint the learned terms now: a restart restores them instead of learning again.
      await this.checkpoint();
    }
  }

  /**
   * Teaches a rule that starts without state what the store saw over its history, so a new rule or a
   * first start does not alert on every old value. Events stored before the rule loads count as seen.
   */
  private async seed(store: EventStore, s: SeedRequest): Promise<void> {
    const limit = this.opts.seedLimit;
    if (limit <= 0) return;
    try {
      const rows = await store.terms({ tenantId: s.tenantId, query: { type: 'and', children: [s.filter, NOT_ALERTS] }, from: this.deps.now() - s.historyMs, fields: s.fields, limit });
      const n = await this.deps.engine.seed(s.tenantId, s.ruleId, rows);
      this.counters.seeded.inc({}, n);
      if (rows.length >= limit) {
        this.counters.seedCut.inc();
        this.deps.log.warn({ tenant: s.tenantId, rule: s.ruleId, limit }, 'new_terms rule: more stored terms than the seed limit; learned the newest, older ones may alert once');
      }
    } catch (err) {
      this.counters.seedErrors.inc();
      this.deps.log.error({ err, tenant: s.tenantId, rule: s.ruleId }, 'new_terms rule: could not read stored terms; it starts empty');
    }
  }

  private async deliver(out: EngineOutput): Promise<void> {
    const s = out.stats;
    this.counters.events.inc({}, s.events);
    this.counters.candidates.inc({}, s.candidates);
    this.counters.matched.inc({}, s.matched);
    this.counters.tooLate.inc({}, s.tooLate);
    this.counters.evicted.inc({}, s.evicted);
    this.counters.signals.inc({}, s.signals);
    if (s.signals) {
      const started = performance.now();
      for (const [tenantId, signals] of Object.entries(out.signals)) await this.deps.sink.applySignals(tenantId, signals);
      this.counters.alertSeconds.observe((performance.now() - started) / 1000);
    }
    if (s.events || s.signals) this.dirty = true;
  }

  private async handle(batch: LogBatch): Promise<void> {
    const started = performance.now();
    // Each run of events that arrived within RUN_MS is judged at its own arrival time (engineRuns). On
    // SQLite the rows' text goes to the engine thread, which parses and cuts it there.
    const text = textBatch(batch);
    if (text) await this.deliver(await this.deps.engine.evaluateText(text, this.deps.now()));
    else for (const run of engineRuns(batch.entries)) await this.deliver(await this.deps.engine.evaluate(run.byTenant, run.clock || this.deps.now()));
    this.position = batch.next;
    this.dirty = true;
    this.counters.batchSeconds.observe((performance.now() - started) / 1000);
    if (this.deps.now() - this.lastCheckpoint >= this.opts.checkpointMs) await this.checkpoint(true);
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    // Behind the log (catching up after a restart), the wall clock would call the backlog too late: the
    // backlog's own arrival times drive the clock until the detector has caught up.
    if ((await this.deps.eventLog.head()) !== this.position) return;
    await this.deliver(await this.deps.engine.evaluate({}, this.deps.now()));
    if (this.dirty && this.deps.now() - this.lastCheckpoint >= this.opts.checkpointMs) await this.checkpoint(true);
  }

  /**
   * Checkpoints state and position together. The state is serialised on the engine's thread and written
   * by the store's writer (SQLite): a multi-megabyte state costs the main thread a string copy, not a
   * clone, a stringify and a write. On the detection path (`inLine`) the write is not waited for: it
   * waits for a gap between ingest transactions, and the next batches need not wait with it. The
   * snapshot already pairs state with position, and signals are delivered before any later snapshot, so
   * a crash before the write lands replays from the previous checkpoint, as between any two checkpoints
   * (signal ids dedupe). One write at a time: while one is in flight the next checkpoint waits its turn.
   */
  private async checkpoint(inLine = false): Promise<void> {
    if (inLine && this.writing) return;
    await this.writing;
    const position = this.position;
    const started = performance.now();
    const json = await this.deps.engine.snapshotJson();
    this.counters.snapshotSeconds.observe((performance.now() - started) / 1000);
    this.lastCheckpoint = this.deps.now();
    this.dirty = false;
    const write = this.write(position, json);
    if (!inLine) return write;
    this.writing = write
      .catch((err) => {
        this.dirty = true;
        this.counters.errors.inc();
        this.deps.log.error({ err }, 'detection checkpoint failed; the next one retries');
      })
      .finally(() => (this.writing = null));
  }

  private async write(position: LogPosition, json: string): Promise<void> {
    const started = performance.now();
    await this.deps.checkpoints.saveJson(this.opts.consumer, position, json);
    this.counters.checkpointSeconds.observe((performance.now() - started) / 1000);
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
