/**
 * @module app/modules/agents-module
 * Host agents (`agents/`): enrollment, credentials, batches, presence and the host status sweeper,
 * for the agent and hosts routes. Metrics go to the process's metrics store (shared with SNMP polling).
 */
import { createAgentServices } from '../../agents/agent-services.ts';
import { need, type RuntimeModule } from '../runtime-module.ts';
import { AGENT_DIST } from '../paths.ts';

/** The agents module. */
export function agentsModule(): RuntimeModule {
  return {
    name: 'agents',
    needs: ['ingest'],
    provides: ['agents'],
    async init(s) {
      s.agents = createAgentServices({ config: s.config, db: s.db, log: s.log, ingest: need(s, 'ingest'), metricStore: s.metricStore, newId: s.newId, now: s.now, bundleDir: s.config['agents.bundle_dir'] ?? AGENT_DIST });
    },
    async start(s) {
      s.agents?.start();
    },
    async stop(s) {
      await s.agents?.stop();
    },
  };
}
