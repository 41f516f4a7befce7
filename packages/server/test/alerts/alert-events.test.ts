/**
 * Alerts are events too, but the detector does not wait for that copy: on a real SQLite database with
 * the in-process bus, `applySignals` resolves once the alert is committed and announced, while the
 * alert's event is still queued behind a slow store (the events consumer here holds it until released);
 * `settle` waits for it, and at most a bounded number of event writes are in flight.
 */
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import type { AlertEvent, Signal, TenantEvent } from '@vigil/contracts';
import { SqliteDb, openSqlite, migrate } from '../../src/db/index.ts';
import { InProcessBus } from '../../src/bus/index.ts';
import { AlertsRepo } from '../../src/repos/index.ts';
import { AlertService } from '../../src/alerts/alert-service.ts';
import { createLogger } from '../../src/log/logger.ts';
import { tempDir } from '../support/temp-dir.ts';

const T0 = Date.UTC(2026, 11, 1, 9, 0);

function signal(n: number): Signal {
  const t = new Date(T0 + n).toISOString();
  return { id: `sig-${n}`, ruleId: 'ssh-brute-force', kind: 'threshold', title: `SSH brute force ${n}`, severity: 'high', tags: [], groupKey: JSON.stringify([`10.0.0.${n}`]), group: { 'source.ip': `10.0.0.${n}` }, windowStart: t, firstTime: t, lastTime: t, count: 5, sampleEventIds: [] };
}

describe('alert events', () => {
  it('do not hold up applySignals; settle waits for them; at most 8 writes are in flight', async () => {
    const dir = tempDir('vigil-alert-events-');
    const db = new SqliteDb(openSqlite(join(dir.path, 'vigil.db')));
    await migrate(db);
    const bus = new InProcessBus();
    const announced: AlertEvent[] = [];
    bus.subscribe('alerts', 'test', async (b) => void announced.push(...b), { awaited: true });
    // A store that is behind: each events batch waits until the test releases it.
    const stored: TenantEvent[] = [];
    const held: Array<() => void> = [];
    bus.subscribe(
      'events',
      'store',
      (b) =>
        new Promise<void>((resolve) =>
          held.push(() => {
            stored.push(...b);
            resolve();
          }),
        ),
      { awaited: true },
    );
    let id = 0;
    const alerts = new AlertService(db, bus, () => `a${++id}`, () => T0, createLogger('silent'));

    await alerts.applySignals('T', [signal(1)]);
    // Committed and announced, its event still waiting in the store's queue.
    expect((await new AlertsRepo(db).list('T', { limit: 10 })).map((a) => a.title)).toEqual(['SSH brute force 1']);
    expect(announced).toHaveLength(1);
    expect(held).toHaveLength(1);
    expect(stored).toHaveLength(0);

    let settled = false;
    const settling = alerts.settle().then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    held.shift()!();
    await settling;
    expect(stored.map((e) => e.event['event.kind'])).toEqual(['alert']);

    // Eight writes may wait; the ninth applySignals waits for a slot.
    for (let n = 2; n <= 9; n++) await alerts.applySignals('T', [signal(n)]);
    expect(held).toHaveLength(8);
    let ninth = false;
    const tenth = alerts.applySignals('T', [signal(10)]).then(() => (ninth = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(ninth).toBe(false);
    held.shift()!();
    await tenth;
    while (held.length) held.shift()!();
    await alerts.settle();
    expect(stored).toHaveLength(10);
    await db.close();
    dir.remove();
  });
});
