/**
 * @module app/modules/detect-module
 * The detector: follows the committed event log, runs every tenant's rules in the engine's worker
 * thread, hands signals to the alert sink, and checkpoints (state, position); `detection.enabled: false`
 * leaves it out of this process. Needs the rules
 * (`ruleSource`) and the alerts (`alertSink`) modules before it; with the store module in the same
 * process, `new_terms` rules learn their seen terms from stored events.
 */
import { DetectionCheckpoints, DetectionService, EngineClient } from '../../detection/index.ts';
import { SqliteEventStore } from '../../storage/index.ts';
import { need, type RuntimeModule } from '../runtime-module.ts';

/** The detect module. */
export function detectModule(): RuntimeModule {
  return {
    name: 'detect',
    needs: ['eventLog', 'ruleSource', 'alertSink'],
    provides: ['detector'],
    async init(s) {
      // Off (detection.enabled: false): nothing follows the log here; another process may detect.
      if (!s.config['detection.enabled']) return;
      s.detector = new DetectionService({
        eventLog: need(s, 'eventLog'),
        // SQLite: checkpoints are written by the store's writer thread, between event batches.
        checkpoints: new DetectionCheckpoints(s.db, s.now, s.store instanceof SqliteEventStore ? (sql, params) => (s.store as SqliteEventStore).execute(sql, params) : undefined),
        rules: need(s, 'ruleSource'),
        sink: need(s, 'alertSink'),
        engine: new EngineClient({ thread: s.config['detection.worker_thread'] }),
        log: s.log,
        metrics: s.metrics,
        now: s.now,
        ...(s.store ? { store: s.store } : {}),
      }, {
        seedLimit: s.config['detection.new_terms_seed_limit'],
        checkpointMs: s.config['detection.checkpoint_interval'],
        // PostgreSQL: a read that starts inside a transaction visits all its rows (the log's index is on
        // the xid alone), so the detector reads as many as the store writes in one: each row visited once.
        ...(s.db.dialect === 'postgres' ? { batchSize: Math.max(2000, s.config['store.batch_size']) } : {}),
      });
    },
    async start(s) {
      await s.detector?.start();
    },
    async stop(s) {
      await s.detector?.stop();
    },
  };
}
