/**
 * The alert list's filters and counts on both databases (real SQLite file, real PostgreSQL schema):
 * host and source filters read the alert's group from its stored document, unresolved alerts are
 * counted per state and severity, and each rule's alerts are summed for the rule list.
 */
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import type { AlertRecord } from '@vigil/core';
import { SqliteDb, PostgresDb, openSqlite, createPgPool, migrate, type SqlDb } from '../../src/db/index.ts';
import { AlertsRepo } from '../../src/repos/alerts-repo.ts';
import { tempDir } from '../support/temp-dir.ts';
import { postgresAvailable, tempSchema } from '../support/postgres.ts';

const pgUp = await postgresAvailable();

function alert(id: string, over: Partial<AlertRecord>): AlertRecord {
  const t = new Date(Date.UTC(2026, 10, 1, 10, 0, Number(id.replace(/\D/g, '')) || 0)).toISOString();
  return {
    id, tenantId: 'T', ruleId: 'r1', title: id, groupKey: '[]', group: {}, severity: 'high', tags: ['attack.t1110'], state: 'open', count: 1, signals: 1,
    firstSeen: t, lastSeen: t, sampleEventIds: [], assignee: null, source: null, createdAt: t, updatedAt: t, acknowledgedAt: null, resolvedAt: null, ...over,
  };
}

async function suite(db: SqlDb): Promise<void> {
  await migrate(db);
  const repo = new AlertsRepo(db);
  await repo.save(alert('a1', { group: { 'host.name': 'web-1', 'source.ip': '203.0.113.9' } }));
  await repo.save(alert('a2', { group: { 'host.name': 'web-2', 'source.ip': '203.0.113.9' }, severity: 'critical' }));
  await repo.save(alert('a3', { group: { 'source.ip': '198.51.100.7' }, state: 'acknowledged', severity: 'medium', ruleId: 'r2' }));
  await repo.save(alert('a4', { group: { 'host.name': 'web-1' }, state: 'resolved', ruleId: 'r2' }));
  await repo.save(alert('a5', { tenantId: 'OTHER', group: { 'host.name': 'web-1' } }));

  const ids = async (f: Parameters<AlertsRepo['list']>[1]) => (await repo.list('T', f)).map((a) => a.id).sort();
  expect(await ids({ host: 'web-1', limit: 50 })).toEqual(['a1', 'a4']);
  expect(await ids({ source: '203.0.113.9', limit: 50 })).toEqual(['a1', 'a2']);
  expect(await ids({ host: 'web-1', source: '203.0.113.9', limit: 50 })).toEqual(['a1']);
  expect(await ids({ host: "web-1' OR '1'='1", limit: 50 })).toEqual([]);
  expect(await ids({ source: '198.51.100.7', states: ['acknowledged'], limit: 50 })).toEqual(['a3']);

  const counts = (await repo.countUnresolved('T')).sort((a, b) => a.state.localeCompare(b.state) || a.severity - b.severity);
  expect(counts).toEqual([
    { state: 'acknowledged', severity: 2, n: 1 },
    { state: 'open', severity: 3, n: 1 },
    { state: 'open', severity: 4, n: 1 },
  ]);

  const stats = (await repo.ruleStats('T')).sort((a, b) => a.ruleId.localeCompare(b.ruleId));
  expect(stats).toEqual([
    { ruleId: 'r1', alerts: 2, open: 2, lastSeen: Date.parse(alert('a2', {}).lastSeen) },
    { ruleId: 'r2', alerts: 2, open: 1, lastSeen: Date.parse(alert('a4', {}).lastSeen) },
  ]);
}

describe('AlertsRepo filters and counts', () => {
  it('on SQLite', async () => {
    const dir = tempDir();
    const db = new SqliteDb(openSqlite(join(dir.path, 'a.db')));
    try {
      await suite(db);
    } finally {
      await db.close();
      dir.remove();
    }
  });

  it.skipIf(!pgUp)('on PostgreSQL', async () => {
    const schema = await tempSchema('alerts');
    const db = new PostgresDb(createPgPool(schema.url));
    try {
      await suite(db);
    } finally {
      await db.close();
      await schema.drop();
    }
  });
});
