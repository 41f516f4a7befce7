/**
 * @module app/modules/reports-module
 * Digest reports: the report service (schedules, digests, sends through the channel service) with its
 * sources wired to the stores — alerts, incidents, the event store's top values and counts, daily
 * usage and input counters — and the timer that sends scheduled digests.
 */
import { parseQuery } from '@vigil/core';
import { loadSecretBox } from '../../auth/secret-box.ts';
import { createChannelService } from '../../notify/create-channel-service.ts';
import { AlertsRepo, AuditRepo } from '../../repos/index.ts';
import { IncidentsRepo } from '../../incidents/index.ts';
import { ReportScheduler, ReportSchedulesRepo, ReportService, type DigestSources } from '../../reports/index.ts';
import { utcDay } from '../../tenancy/tenant-quotas.ts';
import { need, type RuntimeModule, type Services } from '../runtime-module.ts';

const DAY = 86_400_000;

/** The report service over a runtime's stores, with `now` as its clock (the module passes the runtime's; tests their own). */
export function buildReportService(s: Services, now: () => number = s.now): ReportService {
  const store = need(s, 'store');
  const alerts = new AlertsRepo(s.db);
  const incidents = new IncidentsRepo(s.db);
  // Vigil's own alert events are not a source: sources and volumes count what was ingested.
  const ingested = parseQuery('NOT vigil.input:detection');
  const sources: DigestSources = {
    tenantName: async (tenantId) => (await s.tenantService.get(tenantId)).name,
    alerts: (tenantId, from, to) => alerts.list(tenantId, { lastSeenFrom: from, lastSeenTo: to, limit: 5000 }),
    incidents: (tenantId, since) => incidents.activeSince(tenantId, since),
    top: async (tenantId, field, from, to, limit) => (await store.top({ tenantId, query: ingested, from, to, field, limit })).map((v) => ({ value: String(v.value), count: Number(v.count) })),
    events: (tenantId, from, to) => store.count({ tenantId, query: ingested, from, to }),
    quotaRejected: async (tenantId, from, to) => {
      let n = 0;
      for (let d = Math.floor(from / DAY) * DAY; d < to; d += DAY) n += (await s.tenants.usage(utcDay(d))).get(tenantId)?.rejected ?? 0;
      return n;
    },
    inputs: (tenantId) => s.tenantInputs.snapshot(tenantId),
  };
  const channels = createChannelService({ db: s.db, box: loadSecretBox(s.config.data_dir, s.config.secret_key), publicUrl: s.config.public_url ?? null, now, newId: s.newId });
  return new ReportService({ repo: new ReportSchedulesRepo(s.db), sources, channels, newId: s.newId, now, publicUrl: s.config.public_url ?? null, audit: new AuditRepo(s.db, { now, newId: s.newId }) });
}

/** The reports module. */
export function reportsModule(): RuntimeModule {
  let scheduler: ReportScheduler | undefined;
  return {
    name: 'reports',
    needs: ['store'],
    provides: ['reports'],
    async init(s) {
      const reports = buildReportService(s);
      const log = s.log.child({ component: 'reports' });
      scheduler = new ReportScheduler({ reports, now: s.now, onError: (err) => log.error({ err }, 'a scheduled digest failed') });
      s.reports = reports;
    },
    async start() {
      scheduler?.start();
    },
    async stop() {
      await scheduler?.stop();
    },
  };
}
