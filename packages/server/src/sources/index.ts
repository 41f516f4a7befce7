/**
 * @module sources
 * The network sources and how the runtime builds them from the configuration. Adding a source is one
 * file and one entry in `SOURCE_FACTORIES`.
 */
import type { Config } from '../config/load.ts';
import type { IngestService } from '../pipeline/ingest-service.ts';
import type { InputStats } from '../pipeline/input-stats.ts';
import type { TenantsRepo } from '../repos/tenants-repo.ts';
import type { Logger } from '../log/logger.ts';
import { VigilError } from '@vigil/contracts';
import { getParser, listParsers } from '@vigil/core';
import type { Source } from './source.ts';
import { LineSink } from './line-sink.ts';
import { TenantRouter } from './tenant-router.ts';
import { SyslogUdpSource } from './syslog-udp-source.ts';
import { SyslogTcpSource } from './syslog-tcp-source.ts';
import { SnmpTrapSource } from './snmp-trap-source.ts';
import type { SnmpServices } from '../snmp/snmp-module.ts';
import { StageCounters } from '../metrics/stage-counters.ts';
import type { MetricsRegistry } from '../metrics/registry.ts';
import { SourceMetrics } from './source-metrics.ts';

export type { Source };
export { SyslogFramer } from './syslog-framer.ts';
export { SyslogUdpSource, SyslogTcpSource, SnmpTrapSource, TenantRouter, LineSink, SourceMetrics };

export interface SourceDeps {
  config: Config;
  ingest: IngestService;
  inputs: InputStats;
  tenants: TenantsRepo;
  log: Logger;
  /** SNMP services; the trap source needs them. */
  snmp?: SnmpServices;
  /** Where socket errors and refused connections are counted. */
  metrics: MetricsRegistry;
  /** Per-tenant daily quotas: lines over a tenant's quota are dropped (counted there). */
  admit?: (tenantId: string, n: number) => number;
}

type Factory = (deps: SourceDeps & { sourceMetrics: SourceMetrics }, router: TenantRouter) => Source | null;

const sink = (deps: SourceDeps, input: 'syslog-udp' | 'syslog-tcp' | 'syslog-tls') =>
  new LineSink(deps.ingest, { input, batchLines: 2000, flushMs: 20, maxBacklog: deps.config['syslog.max_backlog'], parser: deps.config['syslog.parser'], admit: deps.admit }, deps.log);

const tcpLimits = (c: Config) => ({
  maxBytes: c['syslog.max_message_bytes'],
  idleTimeoutMs: c['syslog.idle_timeout'],
  maxConnections: c['syslog.max_connections'],
  maxConnectionsPerAddress: c['syslog.max_connections_per_address'],
  lineTimeoutMs: c['syslog.line_timeout'],
});

/** Every network source, by name. A factory answers null when its configuration disables it. */
export const SOURCE_FACTORIES: Record<string, Factory> = {
  'syslog-udp': (d, router) =>
    d.config['syslog.port'] ? new SyslogUdpSource({ host: d.config['syslog.host'], port: d.config['syslog.port'], maxBytes: d.config['syslog.max_message_bytes'], receiveBuffer: d.config['syslog.udp_receive_buffer'] }, sink(d, 'syslog-udp'), router, d.inputs.counters('syslog-udp'), d.sourceMetrics) : null,
  'syslog-tcp': (d, router) =>
    d.config['syslog.port']
      ? new SyslogTcpSource({ host: d.config['syslog.host'], port: d.config['syslog.port'], ...tcpLimits(d.config) }, sink(d, 'syslog-tcp'), router, d.inputs.counters('syslog-tcp'), d.log, d.sourceMetrics)
      : null,
  'syslog-tls': (d, router) => {
    const cert = d.config['syslog.tls_cert'];
    const key = d.config['syslog.tls_key'];
    if (!d.config['syslog.tls_port'] || !cert || !key) return null;
    return new SyslogTcpSource({ host: d.config['syslog.host'], port: d.config['syslog.tls_port'], ...tcpLimits(d.config), tls: { cert, key } }, sink(d, 'syslog-tls'), router, d.inputs.counters('syslog-tls'), d.log, d.sourceMetrics);
  },
  'snmp-trap': (d, router) =>
    d.config['snmp.trap_port'] && d.snmp
      ? new SnmpTrapSource(
          { host: d.config['snmp.trap_host'], port: d.config['snmp.trap_port'], engineId: d.snmp.engineId, maxBacklog: d.config['syslog.max_backlog'] },
          { ingest: d.ingest, router, credentials: d.snmp.credentials, oids: d.snmp.oids, counters: new StageCounters(d.snmp.metrics, 'source.snmp-trap', 'source'), rejected: d.snmp.metrics.counter('vigil_snmp_traps_rejected_total', 'SNMP messages refused (unknown community or user, failed authentication, malformed, backlog), never stored.'), log: d.log },
        )
      : null,
};

/** Builds and starts every enabled source. */
export async function startSources(deps: SourceDeps): Promise<Source[]> {
  const pinned = deps.config['syslog.parser'];
  if (pinned !== 'auto' && !getParser(pinned)) {
    throw new VigilError('VIGIL_ERR_CONFIG', `syslog.parser "${pinned}" is not a parser. Use auto or one of: ${listParsers().map((p) => p.name).join(', ')}.`, { key: 'syslog.parser' });
  }
  const router = await TenantRouter.create(deps.tenants, deps.config['syslog.tenant'], deps.config['syslog.tenant_map']);
  const started: Source[] = [];
  const withMetrics = { ...deps, sourceMetrics: new SourceMetrics(deps.metrics) };
  try {
    for (const [name, make] of Object.entries(SOURCE_FACTORIES)) {
      const s = make(withMetrics, router);
      if (!s) continue;
      const addrs = await s.start();
      started.push(s);
      deps.log.info({ source: name, listen: addrs }, 'source listening');
      if (s instanceof SyslogUdpSource && s.receiveBufferShort) {
        deps.log.warn({ source: name, asked: deps.config['syslog.udp_receive_buffer'], granted: s.receiveBuffer }, 'the UDP receive buffer is smaller than syslog.udp_receive_buffer: raise net.core.rmem_max (sysctl -w net.core.rmem_max=33554432), or bursts are dropped sooner');
      }
    }
  } catch (err) {
    for (const s of started) await s.stop().catch(() => undefined);
    throw err;
  }
  return started;
}
