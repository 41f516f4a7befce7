/**
 * @module app/modules/agents-module
 * Host agents (`agents/`): enrollment, credentials, batches, presence and the host status sweeper,
 * for the agent and hosts routes. Metrics share the SNMP module's store when it runs.
 */
import { createAgentServices } from '../../agents/agent-services.ts';
import { openMetricStore } from '../../timeseries/index.ts';
import { need, type RuntimeModule } from '../runtime-module.ts';
import { AGENT_DIST } from '../paths.ts';

/** The agents module. */
export function agentsModule(): RuntimeModule {
  return {
    name: 'agents',
    needs: ['ingest'],
    provides: ['agents'],
    async init(s) {
      s.agents = createAgentServices({ config: s.config, db: s.db, log: s.log, ingest: need(s, 'ingest'), metricStore: s.snmp?.metricStore ?? openMetricStore(s.db), newId: s.newId, now: s.now, bundleDir: s.config['agents.bundle_dir'] ?? AGENT_DIST });
    },
    async start(s) {
      s.agents?.start();
    },
    async stop(s) {
      await s.agents?.stop();
    },
  };
}
