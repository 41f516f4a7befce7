/**
 * @module agents/agent-services
 * Everything the host-agent side of one process needs, built once by the runtime: tokens and
 * enrollment, credential checks, batches, presence, the status sweeper, commands and the fleet view.
 * Host metrics go to the metrics store SNMP polling uses (source kind `host`).
 */
import type { AgentConfig } from '@vigil/contracts';
import type { Config } from '../config/load.ts';
import type { SqlDb } from '../db/sql-db.ts';
import type { Logger } from '../log/logger.ts';
import type { IngestService } from '../pipeline/ingest-service.ts';
import type { MetricStore } from '../timeseries/metric-store.ts';
import { EnrollmentTokensRepo } from './enrollment-tokens-repo.ts';
import { HostsRepo } from './hosts-repo.ts';
import { AgentCommandsRepo } from './agent-commands-repo.ts';
import { EnrollmentService } from './enrollment-service.ts';
import { AgentAuth } from './agent-auth.ts';
import { HostPresence } from './host-presence.ts';
import { BatchService } from './batch-service.ts';
import { CommandService } from './command-service.ts';
import { HostService } from './host-service.ts';
import { HostSweeper } from './host-sweeper.ts';
import { sha256 } from '../auth/secrets.ts';
import { credentialText, newSecret } from './agent-secrets.ts';
import type { AgentPrincipal } from './agent-auth.ts';
import { loadReleaseKey, type ReleaseKey } from './release-key.ts';
import { AgentBundle } from './agent-bundle.ts';

/** The agent services of a process. */
export interface AgentServices {
  enrollment: EnrollmentService;
  auth: AgentAuth;
  presence: HostPresence;
  batches: BatchService;
  commands: CommandService;
  hosts: HostService;
  sweeper: HostSweeper;
  /** The signed agent bundle this server hands out. */
  bundle: AgentBundle;
  /** The release key (created in the data dir on first use). */
  releaseKey(): ReleaseKey;
  /** What agents are told to do (intervals, limits). */
  agentConfig(): AgentConfig;
  /** True when the principal's credential is due for rotation. */
  rotationDue(p: AgentPrincipal): boolean;
  /** Issues the host a new credential; the old one works for `agents.credential_overlap`. */
  rotate(p: AgentPrincipal): Promise<{ credential: string; previousValidUntil: number }>;
  start(): void;
  stop(): Promise<void>;
}

/** What building the agent services needs. */
export interface AgentServicesDeps {
  config: Config;
  db: SqlDb;
  log: Logger;
  ingest: IngestService;
  metricStore: MetricStore;
  newId: () => string;
  now: () => number;
  /** Where the built agent bundle is (packages/agent/dist). */
  bundleDir: string;
}

/** Builds the agent services (no timers until `start`). */
export function createAgentServices(deps: AgentServicesDeps): AgentServices {
  const { config, db, now, newId } = deps;
  const log = deps.log.child({ component: 'agents' });
  const hostsRepo = new HostsRepo(db);
  const thresholds = { staleAfterMs: config['agents.stale_after'], offlineAfterMs: config['agents.offline_after'] };
  const agentConfig = (): AgentConfig => ({
    metricsIntervalS: config['agents.metrics_interval'] / 1000,
    heartbeatIntervalS: config['agents.heartbeat_interval'] / 1000,
    snapshotIntervalS: config['agents.snapshot_interval'] / 1000,
    commandWaitS: 25,
    maxBatchBytes: config['agents.max_batch_bytes'],
  });
  const auth = new AgentAuth(hostsRepo, now);
  const presence = new HostPresence(hostsRepo, (err) => log.warn({ err: (err as Error).message }, 'could not record host presence'));
  const enrollment = new EnrollmentService(db, new EnrollmentTokensRepo(db), hostsRepo, { now, newId, agentConfig });
  const batches = new BatchService({ hosts: hostsRepo, metricStore: deps.metricStore, ingest: deps.ingest, presence, now, skewWarnMs: config['agents.clock_skew_warn'], skewRejectMs: config['agents.clock_skew_reject'], metricEvents: config['agents.metric_events'], metricEventsEveryMs: config['agents.metric_events_every'] });
  const commands = new CommandService(new AgentCommandsRepo(db), { now, newId });
  const hosts = new HostService({ hosts: hostsRepo, presence, metricStore: deps.metricStore, auth, now, thresholds, metricsIntervalMs: config['agents.metrics_interval'] });
  // Each sweep also drops revoked hosts (by any process) and disabled tenants' hosts from the credential cache.
  const sweeper = new HostSweeper({ hosts: hostsRepo, presence, ingest: deps.ingest, log, now, thresholds, onSwept: (valid) => auth.retain(valid) });
  let prune: NodeJS.Timeout | null = null;
  let key: ReleaseKey | null = null;
  const releaseKey = () => (key ??= loadReleaseKey(config.data_dir));
  return {
    bundle: new AgentBundle(deps.bundleDir, releaseKey),
    releaseKey,
    enrollment,
    auth,
    presence,
    batches,
    commands,
    hosts,
    sweeper,
    agentConfig,
    rotationDue: (p) => now() - p.credentialSince > config['agents.credential_rotate_after'],
    rotate: async (p) => {
      const secret = newSecret();
      const previousValidUntil = now() + config['agents.credential_overlap'];
      if (!(await hostsRepo.rotate(p.hostId, sha256(secret), previousValidUntil, now()))) throw new Error('host vanished during rotation');
      auth.forget(p.hostId);
      return { credential: credentialText(p.hostId, secret), previousValidUntil };
    },
    start: () => {
      presence.start(2_000);
      // Status every 5 s (at most that late past stale_after/offline_after).
      sweeper.start(Math.min(5_000, thresholds.staleAfterMs));
      // Accepted batch ids are kept a week: an agent's disk buffer replays far sooner.
      prune = setInterval(() => void hostsRepo.pruneBatches(now() - 7 * 86_400_000).catch((err) => log.warn({ err: (err as Error).message }, 'could not prune agent batch ids')), 3_600_000);
      prune.unref();
    },
    stop: async () => {
      if (prune) clearInterval(prune);
      commands.stop();
      await batches.drain();
      await sweeper.stop();
      await presence.stop();
    },
  };
}
