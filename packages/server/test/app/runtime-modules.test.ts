/**
 * Composition by role: a role is a list of modules whose needs are checked before anything starts,
 * and a running process stops in order — HTTP closes, the store drains every accepted event, then the
 * database closes.
 */
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { composeRole, MODULES, ROLES } from '../../src/app/roles.ts';
import type { RuntimeModule } from '../../src/app/runtime-module.ts';
import { startTestServer } from '../support/server.ts';

const fake = (name: RuntimeModule['name'], needs: RuntimeModule['needs'], provides: RuntimeModule['provides']) => (): RuntimeModule => ({ name, needs, provides, init: async () => undefined });

describe('roles', () => {
  it('"all" runs store, ingest, snmp, live, alerts, rules, detect, notify and api, each after what it needs', () => {
    expect(composeRole('all').map((m) => m.name)).toEqual(['store', 'ingest', 'snmp', 'agents', 'live', 'alerts', 'rules', 'detect', 'notify', 'incidents', 'reports', 'api']);
    for (const m of composeRole('all')) expect(m.provides.length).toBeGreaterThan(0);
  });

  it('refuses a role whose module needs what no earlier module provides, before anything starts', () => {
    expect(() => composeRole('x', { ...MODULES, api: fake('api', ['store', 'live'], ['app']) }, { x: ['live', 'api'] })).toThrow(expect.objectContaining({ code: 'VIGIL_ERR_CONFIG', message: expect.stringMatching(/"api" needs store/) }));
    expect(() => composeRole('detect')).toThrow(expect.objectContaining({ code: 'VIGIL_ERR_CONFIG', message: expect.stringMatching(/module "detect"/) }));
    expect(() => composeRole('nope')).toThrow(expect.objectContaining({ code: 'VIGIL_ERR_CONFIG' }));
    expect(Object.keys(ROLES)).toEqual(['all', 'ingest', 'detect', 'api']);
  });
});

describe('detection.enabled', () => {
  it('false leaves the detector out of the process: events are stored, nothing follows the log', { timeout: 60_000 }, async () => {
    const srv = await startTestServer({ VIGIL_DETECTION_ENABLED: 'false' });
    try {
      const r = await fetch(`${srv.url}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${srv.boot.ingestKey}`, 'content-type': 'application/x-ndjson' }, body: '{"message":"no detector here"}' });
      expect(r.status).toBe(202);
      const db = new Database(join(srv.dataDir, 'vigil.db'), { readonly: true });
      // A running detector writes its first checkpoint at start.
      expect((db.prepare('SELECT count(*) AS c FROM detection_checkpoints').get() as { c: number }).c).toBe(0);
      db.close();
    } finally {
      await srv.close();
    }
  });
});

describe('graceful shutdown', () => {
  it('answers or refuses every request, and stores every event it accepted', { timeout: 60_000 }, async () => {
    const srv = await startTestServer();
    expect(srv.rt.modules).toEqual(['store', 'ingest', 'snmp', 'agents', 'live', 'alerts', 'rules', 'detect', 'notify', 'incidents', 'reports', 'api']);
    const accepted: number[] = [];
    let n = 0;
    let stopping = false;
    const sender = async () => {
      while (!stopping || n < 2000) {
        const first = n;
        n += 100;
        const body = Array.from({ length: 100 }, (_, i) => JSON.stringify({ message: `shutdown ${first + i}`, 'labels.n': first + i })).join('\n');
        try {
          const r = await fetch(`${srv.url}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${srv.boot.ingestKey}`, 'content-type': 'application/x-ndjson' }, body });
          if (r.status === 202) for (let i = 0; i < 100; i++) accepted.push(first + i);
          else if (r.status !== 503) throw new Error(`unexpected ${r.status}`);
        } catch (err) {
          if ((err as Error).message.startsWith('unexpected')) throw err;
          if (!stopping) throw err;
          return; // the listener closed
        }
        if (stopping) return;
      }
    };
    const senders = Array.from({ length: 3 }, sender);
    for (const end = Date.now() + 20_000; accepted.length < 300 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 10));
    stopping = true;
    await srv.rt.stop();
    await Promise.all(senders);
    expect(accepted.length).toBeGreaterThan(0);
    const db = new Database(join(srv.dataDir, 'vigil.db'), { readonly: true });
    const stored = new Set((db.prepare("SELECT json_extract(doc, '$.\"labels.n\"') AS n FROM events").all() as { n: number }[]).map((r) => r.n));
    db.close();
    expect(accepted.filter((a) => !stored.has(a))).toEqual([]);
    await srv.close();
  });
});
