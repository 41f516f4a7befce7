/**
 * @module app/modules/ingest-module
 * Ingest: the ingest service (parse -> extract -> normalize -> publish on `events`), per-input
 * counters, the tenants' extraction rules, and the network sources (syslog, SNMP traps) feeding it.
 */
import { IngestService } from '../../pipeline/ingest-service.ts';
import { InputStats } from '../../pipeline/input-stats.ts';
import { ExtractionRulesRepo } from '../../repos/index.ts';
import { ExtractionRuleService } from '../../extraction/extraction-rule-service.ts';
import { startSources } from '../../sources/index.ts';
import { need, type RuntimeModule } from '../runtime-module.ts';
import { DEFAULT_EVENT_LIMITS, type EventLimits } from '@vigil/core';
import type { Config } from '../../config/index.ts';

/** The event limits from config (docs/security.md "Event limits"). */
function eventLimits(config: Config): EventLimits {
  return { ...DEFAULT_EVENT_LIMITS, maxDepth: config['ingest.max_depth'], maxFields: config['ingest.max_fields'], maxValueLength: config['ingest.max_value_length'] };
}

/** The ingest module. */
export function ingestModule(): RuntimeModule {
  return {
    name: 'ingest',
    needs: [],
    provides: ['ingest', 'inputs', 'extraction', 'sources'],
    async init(s) {
      const inputs = new InputStats(s.metrics);
      const extraction = new ExtractionRuleService(new ExtractionRulesRepo(s.db));
      await extraction.load();
      const ingest = new IngestService({
        bus: s.bus,
        newId: s.newId,
        now: s.now,
        counters: (i) => inputs.counters(i),
        onUnparsed: (i, n) => inputs.addUnparsed(i, n),
        onMarks: (i, m) => inputs.addMarks(i, m),
        extract: (t, f) => extraction.apply(t, f),
        tally: (t, i, stage, n) => s.tenantInputs.add(t, i, stage, n),
        limits: eventLimits(s.config),
        window: { maxFutureMs: s.config['ingest.max_future'], maxPastMs: s.config['retention.days'] * 86_400_000 },
      });
      Object.assign(s, { inputs, extraction, ingest, sources: [] });
    },
    async start(s) {
      // Sources start last of all (modules after this one may provide what a source needs, e.g. snmp).
      if (s.startOptions.sources === false) return;
      s.sources = await startSources({ config: s.config, ingest: need(s, 'ingest'), inputs: need(s, 'inputs'), tenants: s.tenants, log: s.log, snmp: s.snmp, metrics: s.metrics, admit: (t, n) => s.quotas.admit(t, n) });
    },
    async stop(s) {
      for (const src of s.sources ?? []) await src.stop().catch((err) => s.log.error({ err, source: src.name }, 'source stop failed'));
    },
  };
}
