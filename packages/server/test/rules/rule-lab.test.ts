/**
 * `POST /api/v1/rules/test` and `/backtest` on a real server (SQLite file, and PostgreSQL where the store
 * answers the backtest): parsed events, matches, would-be alerts folded per group, timing per rule;
 * backtests select candidates in SQL and replay stored history without writing an alert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../src/config/index.ts';
import { createLogger } from '../../src/log/logger.ts';
import { startRuntime, type Runtime } from '../../src/app/runtime.ts';
import { openDatabase, migrate } from '../../src/db/index.ts';
import { Client, startTestServer } from '../support/server.ts';
import { NO_DEFAULT_PORTS } from '../support/process.ts';
import { postgresAvailable, tempSchema } from '../support/postgres.ts';
import { tempDir } from '../support/temp-dir.ts';

/** The brief's example rule. */
const BRIEF_RULE = `
id: lab-ssh-brute-force
title: SSH brute force from {{source.ip}}
severity: high
tags: [attack.credential_access, attack.t1110]
query: 'event.dataset:sshd AND event.action:ssh_login AND event.outcome:failure'
threshold: {count: 5, window: 10m, group_by: [source.ip]}
suppress: {window: 30m}
`;

interface Lab {
  url: string;
  ingestKey: string;
  close: () => Promise<void>;
}

const line = (ip: string, i: number) => `<38>Jan  2 10:00:${String(i).padStart(2, '0')} web-1 sshd[${100 + i}]: Failed password for root from ${ip} port ${40000 + i} ssh2`;

function describeRuleLab(name: string, start: () => Promise<Lab | undefined>): void {
  describe(`rule test and backtest: ${name}`, () => {
    let lab: Lab | undefined;
    let admin: Client;
    let readKey = '';
    // History two days back: a brute force from three IPs (8, 6 and 3 failures), noise, and a repeat
    // burst from the first IP an hour later (past the 30 min suppression: a second signal, folded).
    // Aligned to the 30 min suppression periods, so each burst falls inside one period.
    const base = Math.floor((Date.now() - 2 * 86_400_000) / 1_800_000) * 1_800_000;
    const at = (ms: number) => new Date(base + ms).toISOString();
    const failure = (ip: string, ms: number) => ({ '@timestamp': at(ms), message: `Failed password for root from ${ip}`, 'event.dataset': 'sshd', 'event.action': 'ssh_login', 'event.outcome': 'failure', 'source.ip': ip, 'user.name': 'root' });

    beforeAll(async () => {
      lab = await start();
      if (!lab) return;
      admin = new Client(lab.url);
      expect((await admin.login('admin', 'correct-horse-battery')).status).toBe(200);
      readKey = (await admin.req('POST', '/api/v1/api-keys', { body: { name: 'reader', scopes: ['read'] } })).body.key;
      const history = [
        ...Array.from({ length: 8 }, (_, i) => failure('203.0.113.9', i * 10_000)),
        ...Array.from({ length: 6 }, (_, i) => failure('198.51.100.7', 5_000 + i * 10_000)),
        ...Array.from({ length: 3 }, (_, i) => failure('192.0.2.55', i * 10_000)),
        ...Array.from({ length: 20 }, (_, i) => ({ '@timestamp': at(i * 1000), message: `GET /x${i}`, 'event.dataset': 'nginx.access', 'source.ip': '203.0.113.9' })),
        ...Array.from({ length: 5 }, (_, i) => failure('203.0.113.9', 3_600_000 + i * 1000)),
      ];
      const r = await fetch(`${lab.url}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${lab.ingestKey}`, 'content-type': 'application/x-ndjson' }, body: history.map((e) => JSON.stringify(e)).join('\n') });
      expect(r.status).toBe(202);
    }, 180_000); // starting a server on a loaded machine
    afterAll(async () => lab?.close());

    it('tests a YAML rule on sample lines: parsed events, matches, one alert per source IP, timing', async () => {
      if (!lab) return;
      const lines = [...Array.from({ length: 8 }, (_, i) => line('203.0.113.9', i)), ...Array.from({ length: 6 }, (_, i) => line('198.51.100.7', 10 + i)), ...Array.from({ length: 3 }, (_, i) => line('192.0.2.55', 20 + i)), 'not a log line at all'];
      const r = await admin.req('POST', '/api/v1/rules/test', { body: { rule: BRIEF_RULE, lines, showEvents: 2 } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.events.total).toBe(18);
      expect(r.body.events.datasets.sshd).toBe(17);
      expect(r.body.events.sample).toHaveLength(2);
      expect(r.body.events.sample[0]['source.ip']).toBe('203.0.113.9');
      const [rule] = r.body.rules;
      expect(rule).toMatchObject({ id: 'lab-ssh-brute-force', kind: 'threshold', format: 'vigil', ok: true, matched: 17, signals: 2, alertsTotal: 2 });
      expect(rule.matchedEventIds).toHaveLength(17);
      expect(rule.alerts.map((a: { groupKey: string; count: number; title: string }) => [a.groupKey, a.count, a.title])).toEqual([
        ['["203.0.113.9"]', 5, 'SSH brute force from 203.0.113.9'],
        ['["198.51.100.7"]', 5, 'SSH brute force from 198.51.100.7'],
      ]);
      expect(rule.alerts[0].sampleEventIds).toHaveLength(5);
      expect(rule.timing.compileMs).toBeGreaterThanOrEqual(0);
      expect(rule.timing.evaluateMs).toBeGreaterThanOrEqual(0);
      expect(r.body.timing.parseMs).toBeGreaterThanOrEqual(0);
      // A test raises nothing.
      expect((await admin.req('GET', '/api/v1/alerts?rule=lab-ssh-brute-force')).body.alerts).toEqual([]);
    });

    it('tests a JSON rule on JSON events, naming rejected items by index', async () => {
      if (!lab) return;
      const doc = { id: 'lab-root', title: 'root for {{user.name}}', severity: 'medium', query: 'user.name:root' };
      const r = await admin.req('POST', '/api/v1/rules/test', { body: { rule: doc, events: [{ message: 'a', 'user.name': 'root' }, { message: 5 }, { message: 'b', 'user.name': 'bob' }] } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.events.rejected).toEqual([{ index: 1, error: expect.any(String) }]);
      expect(r.body.rules[0]).toMatchObject({ id: 'lab-root', kind: 'match', matched: 1, alertsTotal: 1 });
      expect(r.body.rules[0].alerts[0].title).toBe('root for root');
    });

    it('tests a stored rule on recent stored events, and reports a rule that does not compile per rule', async () => {
      if (!lab) return;
      const r = await admin.req('POST', '/api/v1/rules/test', { body: { id: 'ssh-brute-force', recent: { from: '-3d', limit: 5000 } } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.events.total).toBe(22); // the rule's own filter selected the sshd failures only
      expect(r.body.rules[0]).toMatchObject({ id: 'ssh-brute-force', ok: true, matched: 22 });
      const bad = await admin.req('POST', '/api/v1/rules/test', { body: { rule: 'id: Bad Id\ntitle: x\nseverity: extreme\n', lines: ['x'] } });
      expect(bad.status).toBe(200);
      expect(bad.body.rules[0].ok).toBe(false);
      expect(bad.body.rules[0].errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['id', 'severity']));
      const sigma = await admin.req('POST', '/api/v1/rules/test', { body: { rule: 'title: Cloud\nlogsource: {product: aws, service: cloudtrail}\ndetection: {sel: {eventName: x}, condition: sel}\n', lines: ['x'] } });
      expect(sigma.body.rules[0]).toMatchObject({ format: 'sigma', ok: false, errors: [{ code: 'VIGIL_ERR_SIGMA_UNSUPPORTED' }] });
    });

    it('answers coded errors for a wrong body and refuses a read-only key', async () => {
      if (!lab) return;
      const both = await admin.req('POST', '/api/v1/rules/test', { body: { rule: BRIEF_RULE, id: 'ssh-brute-force', lines: ['x'] } });
      expect(both.status).toBe(400);
      expect(both.body.error.code).toBe('VIGIL_ERR_VALIDATION');
      const none = await admin.req('POST', '/api/v1/rules/test', { body: { rule: BRIEF_RULE } });
      expect(none.body.error.code).toBe('VIGIL_ERR_VALIDATION');
      const unknown = await admin.req('POST', '/api/v1/rules/test', { body: { id: 'no-such-rule', lines: ['x'] } });
      expect(unknown.body.error.code).toBe('VIGIL_ERR_NOT_FOUND');
      const badTime = await admin.req('POST', '/api/v1/rules/backtest', { body: { rule: BRIEF_RULE, from: 'yesterday-ish' } });
      expect(badTime.body.error.code).toBe('VIGIL_ERR_BAD_TIME');
      const reversed = await admin.req('POST', '/api/v1/rules/backtest', { body: { rule: BRIEF_RULE, from: '-1h', to: '-2h' } });
      expect(reversed.body.error.code).toBe('VIGIL_ERR_BAD_TIME');
      const reader = new Client(lab.url);
      const denied = await reader.req('POST', '/api/v1/rules/backtest', { body: { rule: BRIEF_RULE, from: '-3d' }, headers: { authorization: `Bearer ${readKey}` } });
      expect(denied.status).toBe(403);
    });

    it('backtests the brief rule over stored history: one alert per IP with folded counts, candidates from SQL, nothing written', async () => {
      if (!lab) return;
      const r = await admin.req('POST', '/api/v1/rules/backtest', { body: { rule: BRIEF_RULE, from: '-3d' } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const [rule] = r.body.rules;
      // Only the rule's candidates were read (the 20 nginx events never left the database).
      expect(rule).toMatchObject({ id: 'lab-ssh-brute-force', ok: true, scanned: 22, matched: 22, signals: 3, alertsTotal: 2, truncated: false });
      expect(rule.query).toBe('event.dataset:"sshd" AND event.action:"ssh_login" AND event.outcome:"failure"');
      const byIp = Object.fromEntries(rule.alerts.map((a: { groupKey: string }) => [a.groupKey, a]));
      // 203.0.113.9: 5 at the first burst, then 5 more an hour later fold in (2 signals).
      expect(byIp['["203.0.113.9"]']).toMatchObject({ count: 10, signals: 2, firstSeen: at(0), lastSeen: at(3_604_000) });
      expect(byIp['["198.51.100.7"]']).toMatchObject({ count: 5, signals: 1, firstSeen: at(5_000), lastSeen: at(45_000) });
      expect(byIp['["203.0.113.9"]'].sampleEventIds).toHaveLength(10);
      expect(r.body.totals).toEqual({ scanned: 22, matched: 22, signals: 3, alerts: 2 });
      expect(rule.timing.selectMs).toBeGreaterThanOrEqual(0);
      expect((await admin.req('GET', '/api/v1/alerts?rule=lab-ssh-brute-force')).body.alerts).toEqual([]);
    });

    it('backtests a new_terms rule knowing the terms seen before the range', async () => {
      if (!lab) return;
      const rule = { id: 'lab-new-source', title: 'new source {{source.ip}}', severity: 'low', query: 'event.dataset:sshd', new_terms: { fields: ['source.ip'], history: '30d' } };
      const all = await admin.req('POST', '/api/v1/rules/backtest', { body: { rule, from: '-3d' } });
      expect(all.body.rules[0]).toMatchObject({ seededTerms: 0, alertsTotal: 3 });
      // From 50 minutes after the first bursts: the three addresses were seen before; the later burst is not new.
      const later = await admin.req('POST', '/api/v1/rules/backtest', { body: { rule, from: at(3_000_000) } });
      expect(later.body.rules[0]).toMatchObject({ seededTerms: 3, scanned: 5, alertsTotal: 0 });
    });

    it('backtests a stored rule by id and says when maxEvents cut the range', async () => {
      if (!lab) return;
      const r = await admin.req('POST', '/api/v1/rules/backtest', { body: { rule: BRIEF_RULE, from: '-3d', maxEvents: 10 } });
      expect(r.body.rules[0]).toMatchObject({ scanned: 10, truncated: true, note: expect.stringMatching(/Stopped after 10 candidate events/) });
      // Oldest first: t=0 (2 events), 5 s, 10 s (2), 15 s, 20 s (2), 25 s, 30 s: the tenth is at 30 s.
      expect(r.body.rules[0].coveredTo).toBe(at(30_000));
      const byId = await admin.req('POST', '/api/v1/rules/backtest', { body: { id: 'ssh-brute-force', from: '-3d' } });
      expect(byId.status, JSON.stringify(byId.body)).toBe(200);
      expect(byId.body.rules[0]).toMatchObject({ id: 'ssh-brute-force', ok: true, scanned: 22 });
      expect(byId.body.rules[0].alertsTotal).toBeGreaterThanOrEqual(1);
    });
  });
}

describeRuleLab('SQLite', async () => {
  const srv = await startTestServer();
  return { url: srv.url, ingestKey: srv.boot.ingestKey, close: srv.close };
});

const pgUp = await postgresAvailable();
describe.skipIf(!pgUp)('on PostgreSQL', () => {
  describeRuleLab('PostgreSQL', async () => {
    const schema = await tempSchema('lab');
    const dir = tempDir();
    const db = openDatabase({ url: schema.url, dataDir: dir.path });
    await migrate(db);
    await db.close();
    const env = { ...NO_DEFAULT_PORTS, VIGIL_DATA_DIR: dir.path, VIGIL_DATABASE_URL: schema.url, VIGIL_HTTP_PORT: '0', VIGIL_ADMIN_PASSWORD: 'correct-horse-battery', VIGIL_STORE_FLUSH_MS: '5', VIGIL_AUTH_LOGIN_RATE_LIMIT: '1000' };
    const rt: Runtime = await startRuntime(loadConfig({ env }), createLogger('silent'));
    const key = (JSON.parse(readFileSync(rt.bootstrapFile!, 'utf8')) as { ingestKey: string }).ingestKey;
    return {
      url: rt.url,
      ingestKey: key,
      close: async () => {
        await rt.stop();
        await schema.drop();
        dir.remove();
      },
    };
  });
});
