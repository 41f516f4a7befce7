/**
 * Auto-grouping and the incident and audit repositories on real SQLite and PostgreSQL databases, with
 * an injected clock: signals become alerts (the real alert service), the alerts topic feeds the
 * grouper, and alerts of one host within the rule's window join one incident; after the window a new
 * incident opens; a resolved incident takes no more. Audit filters and paging run on both dialects.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import type { AlertEvent, Signal } from '@vigil/contracts';
import { SqliteDb, openSqlite, migrate, PostgresDb, createPgPool, type SqlDb } from '../../src/db/index.ts';
import { InProcessBus } from '../../src/bus/index.ts';
import { AlertsRepo, AuditRepo, TenantsRepo } from '../../src/repos/index.ts';
import { AlertService } from '../../src/alerts/alert-service.ts';
import { IncidentGrouper, IncidentRuleService, IncidentRulesRepo, IncidentService } from '../../src/incidents/index.ts';
import { createLogger } from '../../src/log/logger.ts';
import { postgresAvailable, tempSchema } from '../support/postgres.ts';
import { tempDir } from '../support/temp-dir.ts';

const MIN = 60_000;

function suite(name: string, open: () => Promise<{ db: SqlDb; close: () => Promise<void> }>, skip = false): void {
  describe.skipIf(skip)(`incident grouping on ${name}`, () => {
    let db: SqlDb;
    let close: () => Promise<void>;
    let tenant = '';
    let clock = Date.UTC(2026, 11, 1, 9, 0);
    let seq = 0;
    const newId = () => `id${String(++seq).padStart(8, '0')}`;
    const now = () => clock;
    const bus = new InProcessBus();
    const published: AlertEvent[] = [];
    let alerts: AlertService;
    let incidents: IncidentService;
    let rules: IncidentRuleService;
    let grouper: IncidentGrouper;
    let audit: AuditRepo;
    const errors: unknown[] = [];

    const signal = (host: string, severity: Signal['severity'], n: number): Signal => {
      const t = new Date(clock).toISOString();
      return { id: `sig-${host}-${n}`, ruleId: 'ssh-brute-force', kind: 'threshold', title: `SSH brute force on ${host}`, severity, tags: ['attack.t1110'], groupKey: JSON.stringify([host]), group: { 'host.name': host }, windowStart: t, firstTime: t, lastTime: t, count: 5, sampleEventIds: [] };
    };
    /** Raises signals and runs what the alerts topic carried through the grouper. */
    const raise = async (...s: Signal[]) => {
      published.length = 0;
      await alerts.applySignals(tenant, s);
      await grouper.handle([...published]);
    };

    beforeAll(async () => {
      ({ db, close } = await open());
      await migrate(db);
      tenant = (await new TenantsRepo(db).create('g', 'G')).id;
      bus.subscribe('alerts', 'test', async (b) => void published.push(...b), { awaited: true });
      const log = createLogger('silent');
      audit = new AuditRepo(db, { now, newId });
      alerts = new AlertService(db, bus, newId, now, log, audit);
      incidents = new IncidentService({ db, bus, newId, now, log, audit });
      rules = new IncidentRuleService(new IncidentRulesRepo(db), newId, now, audit);
      grouper = new IncidentGrouper({ incidents, rules, alerts: new AlertsRepo(db), now, onError: (e) => errors.push(e) });
    });
    afterAll(async () => {
      await bus.close();
      await close?.();
    });

    it('joins alerts of one host within the window, opens a new incident after it', async () => {
      await raise(signal('web-1', 'medium', 0));
      expect(await incidents.list(tenant, { limit: 10 })).toEqual([]); // no rule yet
      const rule = await rules.create(tenant, { name: 'Same host', groupBy: ['host.name'], window: '30m' }, { name: 'alice', ip: '192.0.2.1' });
      clock += MIN;
      await raise(signal('web-1', 'medium', 1)); // folds into the existing alert: it was not grouped before, now it is
      let list = await incidents.list(tenant, { limit: 10 });
      expect(list).toHaveLength(1);
      const first = list[0]!;
      expect(first).toMatchObject({ title: 'Same host: host.name=web-1', groupRuleId: rule.id, groupKey: '{"host.name":"web-1"}', severity: 'medium', createdBy: 'vigil' });

      clock += 20 * MIN;
      await raise(signal('web-2', 'high', 0), signal('web-1-other', 'low', 0));
      expect(await incidents.list(tenant, { limit: 10 })).toHaveLength(3);

      // Another detection rule's alert for web-1, 25 min after the incident's last alert: it joins.
      clock += 5 * MIN;
      await raise({ ...signal('web-1', 'critical', 9), ruleId: 'web-shell', id: 'sig-ws' });
      const joined = await incidents.get(tenant, first.id);
      expect(joined.incident.alertIds).toHaveLength(2);
      expect(joined.incident.severity).toBe('critical');
      expect(joined.timeline.map((e) => e.action)).toEqual(['created', 'alert_added', 'alert_added', 'severity']);
      expect(joined.timeline.every((e) => e.at.startsWith('2026-12-01T09:'))).toBe(true);

      // 31 minutes after the last alert joined: a new incident.
      clock += 31 * MIN;
      await raise({ ...signal('web-1', 'low', 10), ruleId: 'port-scan', id: 'sig-ps' });
      list = await incidents.list(tenant, { limit: 10 });
      expect(list.filter((i) => i.groupKey === '{"host.name":"web-1"}')).toHaveLength(2);
      expect(errors).toEqual([]);
    });

    it('a resolved incident takes no new alerts; a raised alert severity reaches its incident', async () => {
      const [i] = (await incidents.list(tenant, { limit: 10 })).filter((x) => x.groupKey === '{"host.name":"web-2"}');
      await raise(signal('web-2', 'critical', 1)); // fold raises the alert's severity
      expect((await incidents.get(tenant, i!.id)).incident.severity).toBe('critical');
      await incidents.setStatus(tenant, i!.id, 'resolved', 'alice');
      clock += MIN;
      await raise({ ...signal('web-2', 'high', 2), ruleId: 'other', id: 'sig-o' });
      const web2 = (await incidents.list(tenant, { limit: 20 })).filter((x) => x.groupKey === '{"host.name":"web-2"}');
      expect(web2.map((x) => x.status).sort()).toEqual(['open', 'resolved']);
    });

    it('lists by status, severity and alert, with cursor paging', async () => {
      const all = await incidents.list(tenant, { limit: 100 });
      expect(all.length).toBeGreaterThanOrEqual(5);
      expect((await incidents.list(tenant, { limit: 100, statuses: ['resolved'] })).map((i) => i.status)).toEqual(['resolved']);
      expect((await incidents.list(tenant, { limit: 100, minSeverity: 'critical' })).every((i) => i.severity === 'critical')).toBe(true);
      const page1 = await incidents.list(tenant, { limit: 2 });
      const last = page1[1]!;
      const page2 = await incidents.list(tenant, { limit: 100, after: { updatedAt: Date.parse(last.updatedAt), id: last.id } });
      expect([...page1, ...page2].map((i) => i.id)).toEqual(all.map((i) => i.id));
      const a = all[0]!.alertIds[0]!;
      expect((await incidents.list(tenant, { limit: 100, alertId: a })).map((i) => i.id)).toContain(all[0]!.id);
    });

    it('audits with actor, address, before and after; filters and pages the log', async () => {
      const entries = await audit.list(tenant, { limit: 500 });
      const ruleEntry = entries.find((e) => e.action === 'incident_rule.create')!;
      expect(ruleEntry).toMatchObject({ actor: 'alice', ip: '192.0.2.1', targetType: 'incident_rule', before: null, after: { name: 'Same host', groupBy: ['host.name'] } });
      const resolved = entries.find((e) => e.action === 'incident.status')!;
      expect(resolved).toMatchObject({ actor: 'alice', before: { status: 'open' }, after: { status: 'resolved' } });
      expect((await audit.list(tenant, { limit: 500, actor: 'vigil' })).every((e) => e.actor === 'vigil')).toBe(true);
      const inc = await audit.list(tenant, { limit: 500, action: 'incident.*' });
      expect(inc.length).toBeGreaterThan(3);
      expect(inc.every((e) => e.action.startsWith('incident.'))).toBe(true);
      expect((await audit.list(tenant, { limit: 500, action: 'incident_rule.*' })).map((e) => e.action)).toEqual(['incident_rule.create']);
      const one = resolved.targetId!;
      expect((await audit.list(tenant, { limit: 500, targetType: 'incident', targetId: one })).every((e) => e.targetId === one)).toBe(true);
      const t0 = Date.parse(entries.at(-1)!.createdAt);
      expect(await audit.list(tenant, { limit: 500, to: t0 })).toEqual([]);
      expect((await audit.list(tenant, { limit: 500, from: t0 + 1 })).length).toBeLessThan(entries.length);
      const p1 = await audit.list(tenant, { limit: 3 });
      const p2 = await audit.list(tenant, { limit: 500, after: { createdAt: Date.parse(p1[2]!.createdAt), id: p1[2]!.id } });
      expect([...p1, ...p2].map((e) => e.id)).toEqual(entries.map((e) => e.id));
    });
  });
}

suite('sqlite', async () => {
  const d = tempDir();
  const db = new SqliteDb(openSqlite(join(d.path, 'g.db')));
  return { db, close: async () => (await db.close(), d.remove()) };
});
const pgUp = await postgresAvailable();
suite('postgres', async () => {
  const schema = await tempSchema('incidents');
  const db = new PostgresDb(createPgPool(schema.url));
  return { db, close: async () => (await db.close(), await schema.drop()) };
}, !pgUp);
