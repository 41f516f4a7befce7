/**
 * @module snmp/snmp-module
 * Everything SNMP one process needs, built once by the runtime: trap credentials, the OID table
 * (built-in + imported names), the receiver's engine ID, devices, the poll scheduler and the metrics
 * store (which the host agent shares).
 */
import { OidTable } from '@vigil/core';
import type { Config } from '../config/load.ts';
import type { SqlDb } from '../db/sql-db.ts';
import type { SecretBox } from '../auth/secret-box.ts';
import type { MetricsRegistry } from '../metrics/registry.ts';
import type { IngestService } from '../pipeline/ingest-service.ts';
import type { Logger } from '../log/logger.ts';
import { TrapCredentials } from './trap-credentials.ts';
import { MibNamesRepo } from './mib-names-repo.ts';
import { DevicesRepo } from './devices-repo.ts';
import { PollScheduler } from './poll-scheduler.ts';
import type { MetricStore } from '../timeseries/index.ts';

/** The SNMP services of a process. */
export interface SnmpServices {
  credentials: TrapCredentials;
  mibNames: MibNamesRepo;
  /** The current OID table (replaced after an import). */
  oids: () => OidTable;
  /** Reloads imported names into the table. */
  reloadOids: () => Promise<void>;
  engineId: string;
  metrics: MetricsRegistry;
  devices: DevicesRepo;
  /** The metrics store (also for other sources of metrics, e.g. host agents). */
  metricStore: MetricStore;
  poller: PollScheduler;
  /** Stops background work (polling). */
  stop(): Promise<void>;
}

/** What building the SNMP services needs. */
export interface SnmpModuleDeps {
  config: Config;
  db: SqlDb;
  /** The process's metrics store (the runtime foundation's). */
  metricStore: MetricStore;
  box: SecretBox;
  metrics: MetricsRegistry;
  newId: () => string;
  ingest: IngestService;
  log: Logger;
}

/** Builds the SNMP services and loads their state. */
export async function createSnmpServices(deps: SnmpModuleDeps): Promise<SnmpServices> {
  const { config, db, box, metrics, newId } = deps;
  const credentials = new TrapCredentials(db, box, newId);
  await credentials.load();
  const mibNames = new MibNamesRepo(db);
  const builtin = OidTable.builtin();
  let table = builtin.with(await mibNames.all());
  // Enterprise-format engine ID (RFC 3411): 0x80 | net-snmp's enterprise 8072 | format 0x04 (text) | 12 derived bytes.
  const engineId = config['snmp.engine_id'] ?? `80001f8804${box.derive('snmp-engine-id').toString('hex')}`;
  const devices = new DevicesRepo(db, box, newId);
  const metricStore = deps.metricStore;
  const poller = new PollScheduler({ devices, store: metricStore, ingest: deps.ingest, oids: () => table, metrics, log: deps.log, concurrency: config['snmp.poll_concurrency'] });
  if (config['snmp.polling']) await poller.start();
  // Metrics retention: hourly, whole points older than metrics.retention_days.
  const prune = () => void metricStore.deleteBefore(Date.now() - config['metrics.retention_days'] * 86_400_000).catch((err) => deps.log.warn({ err: (err as Error).message }, 'metrics retention failed'));
  const retention = setInterval(prune, 3_600_000);
  retention.unref();
  // Names imported by `vigil snmp mib import` (another process) arrive within a minute.
  const reload = setInterval(() => void mibNames.all().then((e) => (table = builtin.with(e)), () => undefined), 60_000);
  reload.unref();
  return {
    credentials,
    mibNames,
    oids: () => table,
    reloadOids: async () => {
      table = builtin.with(await mibNames.all());
    },
    engineId,
    metrics,
    devices,
    metricStore,
    poller,
    stop: async () => {
      clearInterval(retention);
      clearInterval(reload);
      await poller.stop();
    },
  };
}
