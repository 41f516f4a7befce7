/**
 * Detection exactly once across a real kill -9: a `vigil start` process gets the brief's brute-force rule
 * through the API and a replayed SSH brute force from six source addresses over HTTP; it is killed with
 * SIGKILL as soon as the first alert exists, while the stream still sends; restarted; the stream finishes.
 * Exactly one alert per source address, with the signals and folded counts a reference replay of the
 * stored events gives, and every signal id recorded once: nothing lost, nothing doubled.
 * Every wait is on observable state (an acknowledged request, an alert, a sentinel alert), never a sleep.
 */
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Signal, VigilEvent } from '@vigil/contracts';
import { BUILTIN_RULE_KINDS, compileRule, createEngineState, createRuleSet, evaluate, sortByEventTime } from '@vigil/core';
import { spawnVigil, type VigilProcess } from '../support/process.ts';
import { tempDir } from '../support/temp-dir.ts';
import { Client } from '../support/server.ts';
import { fromRow } from '../../src/storage/event-row.ts';

const RULE = `
id: kill9-ssh-brute-force
title: SSH brute force from {{source.ip}}
severity: high
tags: [attack.credential_access, attack.t1110]
query: 'event.dataset:sshd AND event.action:ssh_login AND event.outcome:failure'
threshold: {count: 5, window: 10m, group_by: [source.ip]}
suppress: {window: 30m}
`;
/** One alert per sentinel tag: a tag's alert proves the detector read the log up to that event. */
const SENTINEL = { id: 'kill9-sentinel', title: 'sentinel {{labels.sentinel}}', severity: 'low', query: 'labels.sentinel:*', match: { group_by: ['labels.sentinel'] } };
const IPS = ['203.0.113.9', '198.51.100.7', '192.0.2.55', '203.0.113.77', '198.51.100.200', '192.0.2.1'];
const ROUNDS = 20;
const PASSWORD = 'correct-horse-battery';

function bsd(ts: Date): string {
  const mon = ts.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  return `${mon} ${String(ts.getUTCDate()).padStart(2, ' ')} ${ts.toISOString().slice(11, 19)}`;
}

/** One round of the brute force: one failed login per source address, stamped now. */
function roundLines(round: number): string[] {
  const now = new Date();
  return IPS.map((ip, i) => `<38>${bsd(now)} bastion sshd[${1000 + round}]: Failed password for root from ${ip} port ${40000 + round * 10 + i} ssh2`);
}

/** Lines no rule of this test matches (the stream goes on while the server is killed). */
function noiseLines(): string[] {
  return [`<38>${bsd(new Date())} bastion sshd[7]: Connection closed by 10.9.9.9 port 22 [preauth]`];
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('detection across kill -9', () => {
  it('raises exactly one alert per source address with the right folded counts: none lost, none doubled', { timeout: 240_000 }, async () => {
    const dir = tempDir();
    // No periodic checkpoint: the kill always lands after alerts were raised and before a checkpoint
    // passed them, so the restart replays them (re-raising every signal) — the path that must not double.
    const env = { VIGIL_DATA_DIR: dir.path, VIGIL_ADMIN_PASSWORD: PASSWORD, VIGIL_STORE_FLUSH_MS: '5', VIGIL_LOG_LEVEL: 'warn', VIGIL_AUTH_LOGIN_RATE_LIMIT: '1000', VIGIL_DETECTION_CHECKPOINT_INTERVAL: '24h' };
    let srv: VigilProcess = await spawnVigil({ env, timeoutMs: 120_000 });
    try {
      const key = (JSON.parse(readFileSync(join(dir.path, 'bootstrap.json'), 'utf8')) as { ingestKey: string }).ingestKey;
      let admin = new Client(srv.url);
      expect((await admin.login('admin', PASSWORD)).status).toBe(200);
      // The brute-force rule first, the sentinel second: a reload that has the sentinel has both.
      expect((await admin.req('POST', '/api/v1/rules', { raw: RULE, type: 'application/yaml' })).status).toBe(201);
      expect((await admin.req('POST', '/api/v1/rules', { body: SENTINEL })).status).toBe(201);

      const send = async (lines: string[]): Promise<boolean> => {
        try {
          const r = await fetch(`${srv.url}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'text/plain' }, body: lines.join('\n') });
          return r.status === 202;
        } catch {
          return false; // killed mid-request: never acknowledged (it may or may not be stored)
        }
      };
      const alerts = async (rule: string) => (await admin.req('GET', `/api/v1/alerts?rule=${rule}&limit=500`)).body.alerts as { groupKey: string; count: number; signals: number }[];
      // Sentinel events of a phase are sent after everything the phase must see; the log is in commit
      // order, so once one of them has its alert the detector has read every event before it.
      const waitSentinel = async (phase: string) => {
        let n = 0;
        await until(`a sentinel alert of phase ${phase}`, async () => {
          // Again every 2 s or so: one sent before the rules reloaded is never matched.
          if (n++ % 40 === 0) {
            const r = await fetch(`${srv.url}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ message: 'sentinel', 'labels.sentinel': `${phase}-${n}` }) });
            if (r.status !== 202) return undefined;
          }
          return (await alerts('kill9-sentinel')).some((a) => a.groupKey.startsWith(`["${phase}-`)) ? true : undefined;
        });
      };
      // The rules are live once a sentinel fires.
      await waitSentinel('start');
      let round = 0;
      for (; round < 4; ) expect(await send(roundLines(++round))).toBe(true);

      // The stream goes on in the background until a request fails: that is the kill.
      let failed: number | null = null; // the round of the request the kill interrupted (0: noise)
      const stream = (async () => {
        for (;;) {
          const r = round < 14 ? ++round : 0;
          if (!(await send(r ? roundLines(r) : noiseLines()))) {
            failed = r;
            return;
          }
        }
      })();
      await until('the first alert', async () => ((await alerts('kill9-ssh-brute-force')).length ? true : undefined));
      const exited = new Promise((r) => srv.child.once('exit', r));
      srv.child.kill('SIGKILL');
      await exited;
      await stream;
      expect(failed).not.toBeNull();

      srv = await spawnVigil({ env, timeoutMs: 120_000 });
      admin = new Client(srv.url);
      expect((await admin.login('admin', PASSWORD)).status).toBe(200);
      // The request that failed is sent again, stamped anew (if it was stored before the kill, its events
      // are there twice: the reference below counts what is stored).
      const again = failed as number | null;
      expect(await send(again ? roundLines(again) : noiseLines())).toBe(true);
      while (round < ROUNDS) expect(await send(roundLines(++round))).toBe(true);
      await waitSentinel('end');
      // The restarted detector raised the brute-force signals again (replayed from the last checkpoint) …
      const metrics = await (await fetch(`${srv.url}/metrics`)).text();
      expect(Number(/^vigil_detect_signals_total (\d+)/m.exec(metrics)?.[1] ?? 0)).toBeGreaterThanOrEqual(IPS.length);

      const live = await alerts('kill9-ssh-brute-force');
      expect(await srv.stop()).toBe(0);

      // The reference: the stored events replayed through the engine in event-time order.
      const db = new Database(join(dir.path, 'vigil.db'), { readonly: true });
      const stored = (db.prepare("SELECT message, doc FROM events WHERE dataset = 'sshd'").all() as { message: string; doc: string }[]).map((r) => fromRow(r.message, r.doc));
      const recorded = db.prepare("SELECT s.signal_id AS id FROM alert_signals s JOIN alerts a ON a.id = s.alert_id WHERE a.rule_id = 'kill9-ssh-brute-force'").all() as { id: string }[];
      db.close();
      const compiled = compileRule(RULE, BUILTIN_RULE_KINDS);
      if (!compiled.ok) throw new Error('rule');
      const set = createRuleSet([compiled.rule]);
      const ref: Signal[] = evaluate(set, createEngineState(), sortByEventTime(stored as VigilEvent[]), 0).signals;
      const refByGroup = new Map<string, { count: number; signals: number }>();
      for (const s of ref) {
        const g = refByGroup.get(s.groupKey) ?? { count: 0, signals: 0 };
        refByGroup.set(s.groupKey, { count: g.count + s.count, signals: g.signals + 1 });
      }

      expect(stored.filter((e) => e.message.includes('Failed password')).length).toBeGreaterThanOrEqual(IPS.length * ROUNDS);
      expect(live.map((a) => a.groupKey).sort()).toEqual(IPS.map((ip) => JSON.stringify([ip])).sort());
      for (const a of live) expect({ group: a.groupKey, count: a.count, signals: a.signals }).toEqual({ group: a.groupKey, ...refByGroup.get(a.groupKey) });
      // … and the alert store recognised every one: each signal id recorded once, the same as the reference's.
      expect(recorded.map((r) => r.id).sort()).toEqual(ref.map((s) => s.id).sort());
      dir.remove();
    } finally {
      if (srv.child.exitCode === null && srv.child.signalCode === null) srv.child.kill('SIGKILL');
    }
  });
});
