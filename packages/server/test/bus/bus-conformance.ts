/**
 * The Bus conformance suite: every bus adapter (in-process now, NATS later) runs exactly these tests,
 * over each store it can be paired with. It covers topics, awaited and queued consumers, bounded queues
 * with both overflow policies, and the committed event log: ordered reads from a position, following
 * new commits, and resuming from a checkpointed position after a restart with nothing lost or doubled.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { LOG_START, type AlertEvent, type LogPosition, type TenantEvent, type VigilEvent } from '@vigil/contracts';
import type { Bus } from '../../src/bus/bus.ts';
import type { EventLog, LogBatch } from '../../src/bus/event-log.ts';

export interface BusFixture {
  /** A bus whose `events` topic has the store as its awaited consumer. */
  bus: Bus;
  /** The committed `events` log of that store. */
  log: EventLog;
  /** Closes everything in memory and opens it again over the same durable state (a process restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

let serial = 0;
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();

/** Events with ids unique to this run, in order. */
function events(n: number, tenantId = 'tenant-a'): TenantEvent[] {
  return Array.from({ length: n }, () => {
    const i = serial++;
    const event: VigilEvent = { id: `BUS${run}${String(i).padStart(8, '0')}`, '@timestamp': new Date(Date.UTC(2026, 0, 1) + i).toISOString(), 'event.ingested': new Date().toISOString(), message: `bus ${i}`, 'event.dataset': 'bus.test', 'labels.n': i };
    return { tenantId, event };
  });
}

function alert(id: string): AlertEvent {
  const t = new Date().toISOString();
  return { id, tenantId: 'tenant-a', ruleId: 'r1', ruleTitle: 'Rule one', groupKey: '10.0.0.1', severity: 'high', tags: ['attack.t1110'], count: 1, firstSeen: t, lastSeen: t, sampleEventIds: [], state: 'open' };
}

const tick = () => new Promise((r) => setTimeout(r, 5));
async function until(cond: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await tick();
  }
}

/** Reads the whole log after `from`, in pages. */
async function readAll(log: EventLog, from: LogPosition, page = 100): Promise<LogBatch['entries']> {
  const out: LogBatch['entries'] = [];
  let pos = from;
  for (;;) {
    const b = await log.readAfter(pos, page);
    if (!b.entries.length) return out;
    out.push(...b.entries);
    pos = b.next;
  }
}

/** Registers the suite for one bus adapter. */
export function describeBus(name: string, setup: () => Promise<BusFixture>, opts: { skip?: boolean } = {}): void {
  describe.skipIf(!!opts.skip)(`Bus conformance: ${name}`, () => {
    let fx!: BusFixture;
    beforeAll(async () => {
      fx = await setup();
    });
    afterAll(async () => fx?.close());

    it('publish resolves only after an awaited consumer finished, and fails with it', async () => {
      let finished = false;
      const off = fx.bus.subscribe('alerts', 'slow-awaited', async () => {
        await new Promise((r) => setTimeout(r, 30));
        finished = true;
      }, { awaited: true });
      await fx.bus.publish('alerts', [alert('a1')]);
      expect(finished).toBe(true);
      off();
      const off2 = fx.bus.subscribe('alerts', 'failing-awaited', async () => {
        throw new Error('disk full');
      }, { awaited: true });
      await expect(fx.bus.publish('alerts', [alert('a2')])).rejects.toThrow('disk full');
      expect(fx.bus.consumers().find((c) => c.name === 'failing-awaited')!.errors).toBe(1);
      off2();
    });

    it('a queued consumer gets every batch in order without holding publish back', async () => {
      const got: string[] = [];
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const off = fx.bus.subscribe('alerts', 'ordered', async (b) => {
        await gate;
        for (const a of b) got.push(a.id);
      });
      for (let i = 0; i < 5; i++) await fx.bus.publish('alerts', [alert(`o${i}`), alert(`o${i}b`)]);
      expect(got).toEqual([]);
      expect(fx.bus.consumers().find((c) => c.name === 'ordered')!.queued).toBe(10);
      release();
      await until(() => got.length === 10);
      expect(got).toEqual(['o0', 'o0b', 'o1', 'o1b', 'o2', 'o2b', 'o3', 'o3b', 'o4', 'o4b']);
      await until(() => fx.bus.consumers().find((c) => c.name === 'ordered')!.queued === 0);
      off();
    });

    it('topics are separate and unsubscribe stops delivery', async () => {
      const seen: string[] = [];
      const off = fx.bus.subscribe('alerts', 'alerts-only', async (b) => {
        for (const a of b) seen.push(a.id);
      });
      await fx.bus.publish('events', events(3));
      await fx.bus.publish('alerts', [alert('t1')]);
      await until(() => seen.length === 1);
      off();
      await fx.bus.publish('alerts', [alert('t2')]);
      await tick();
      expect(seen).toEqual(['t1']);
      expect(fx.bus.consumers().some((c) => c.name === 'alerts-only')).toBe(false);
    });

    it('a slow consumer with the drop policy holds at most its bound and counts what it lost', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let handled = 0;
      const off = fx.bus.subscribe('alerts', 'dropper', async (b) => {
        await gate;
        handled += b.length;
      }, { maxQueued: 100, overflow: 'drop' });
      const stats = () => fx.bus.consumers().find((c) => c.name === 'dropper')!;
      const started = Date.now();
      for (let i = 0; i < 100; i++) await fx.bus.publish('alerts', Array.from({ length: 10 }, (_, j) => alert(`d${i}.${j}`)));
      expect(Date.now() - started).toBeLessThan(5000); // never blocked by the stalled consumer
      expect(stats().queued).toBeLessThanOrEqual(100);
      expect(stats().dropped).toBe(1000 - stats().queued);
      release();
      await until(() => stats().queued === 0);
      expect(handled + stats().dropped).toBe(1000);
      off();
    });

    it('a slow consumer with the block policy holds publish until it has room, and loses nothing', async () => {
      let release!: () => void;
      let gate = new Promise<void>((r) => (release = r));
      const got: string[] = [];
      const off = fx.bus.subscribe('alerts', 'blocker', async (b) => {
        await gate;
        for (const a of b) got.push(a.id);
      }, { maxQueued: 4, overflow: 'block' });
      await fx.bus.publish('alerts', [alert('b0'), alert('b1')]);
      await fx.bus.publish('alerts', [alert('b2'), alert('b3')]);
      let third = false;
      const p = fx.bus.publish('alerts', [alert('b4')]).then(() => (third = true));
      await new Promise((r) => setTimeout(r, 50));
      expect(third).toBe(false);
      release();
      gate = Promise.resolve();
      await p;
      await until(() => got.length === 5);
      expect(got).toEqual(['b0', 'b1', 'b2', 'b3', 'b4']);
      expect(fx.bus.consumers().find((c) => c.name === 'blocker')!.dropped).toBe(0);
      // A consumer that leaves releases publishers it was holding.
      gate = new Promise<void>(() => undefined);
      await fx.bus.publish('alerts', [alert('b5'), alert('b6'), alert('b7'), alert('b8')]);
      const held = fx.bus.publish('alerts', [alert('b9')]);
      off();
      await held;
    });

    it('a failing queued consumer is counted and costs neither publish nor other consumers', async () => {
      const good: string[] = [];
      const off1 = fx.bus.subscribe('alerts', 'throws', async () => {
        throw new Error('boom');
      });
      const off2 = fx.bus.subscribe('alerts', 'fine', async (b) => {
        for (const a of b) good.push(a.id);
      });
      await fx.bus.publish('alerts', [alert('f1')]);
      await fx.bus.publish('alerts', [alert('f2')]);
      await until(() => good.length === 2 && fx.bus.consumers().find((c) => c.name === 'throws')!.errors === 2);
      off1();
      off2();
    });

    it('the log answers committed events in publish order with increasing positions, paged', async () => {
      const start = await fx.log.head();
      const sent = [...events(120), ...events(7, 'tenant-b')];
      await fx.bus.publish('events', sent.slice(0, 50));
      await fx.bus.publish('events', sent.slice(50));
      const got = await readAll(fx.log, start, 32);
      expect(got.map((e) => e.event.id)).toEqual(sent.map((e) => e.event.id));
      expect(got.map((e) => e.tenantId)).toEqual(sent.map((e) => e.tenantId));
      expect(got[5]!.event).toEqual(sent[5]!.event);
      expect(new Set(got.map((e) => e.position)).size).toBe(got.length);
      expect(await fx.log.head()).toBe(got[got.length - 1]!.position);
      const rest = await fx.log.readAfter(got[99]!.position, 1000);
      expect(rest.entries.map((e) => e.event.id)).toEqual(sent.slice(100).map((e) => e.event.id));
      const none = await fx.log.readAfter(rest.next, 10);
      expect(none).toEqual({ entries: [], next: rest.next });
    });

    it('a malformed position is a coded error', async () => {
      await expect(fx.log.readAfter('not a position', 10)).rejects.toMatchObject({ code: 'VIGIL_ERR_BAD_CURSOR' });
      expect(() => fx.log.follow('x:y:z', async () => undefined)).toThrow(expect.objectContaining({ code: 'VIGIL_ERR_BAD_CURSOR' }));
    });

    it('follow hands over what is committed, then keeps streaming new commits, each once and in order', async () => {
      const start = await fx.log.head();
      const before = events(30);
      await fx.bus.publish('events', before);
      const got: string[] = [];
      const positions: string[] = [];
      const f = fx.log.follow(start, async (b) => {
        for (const e of b.entries) got.push(e.event.id);
        positions.push(b.next);
      }, { batchSize: 8, pollMs: 5000 });
      await until(() => got.length === 30);
      const after = events(45);
      for (let i = 0; i < 45; i += 15) await fx.bus.publish('events', after.slice(i, i + 15));
      // pollMs is long: only the commit signal can make this quick.
      await until(() => got.length === 75, 3000);
      expect(got).toEqual([...before, ...after].map((e) => e.event.id));
      expect(f.position).toBe(positions[positions.length - 1]);
      await f.stop();
    });

    it('a failing follow handler sees the same batch again instead of skipping it', async () => {
      const start = await fx.log.head();
      const sent = events(10);
      await fx.bus.publish('events', sent);
      const got: string[] = [];
      let failures = 0;
      const f = fx.log.follow(start, async (b) => {
        if (failures < 2) {
          failures++;
          throw new Error('checkpoint store down');
        }
        for (const e of b.entries) got.push(e.event.id);
      }, { retryMs: 10, onError: () => undefined });
      await until(() => got.length === 10);
      expect(got).toEqual(sent.map((e) => e.event.id));
      await f.stop();
    });

    it('a consumer that checkpoints (state, position) together resumes after a restart with nothing lost or doubled', async () => {
      const start = await fx.log.head();
      const all: TenantEvent[] = [];
      const publishSome = async (batches: number) => {
        for (let i = 0; i < batches; i++) {
          const b = events(25 + (i % 3));
          all.push(...b);
          await fx.bus.publish('events', b);
        }
      };
      await publishSome(8);
      // The durable checkpoint: state and position written together.
      let checkpoint: { ids: string[]; position: LogPosition } = { ids: [], position: start };
      let batchesSeen = 0;
      let crashed = false;
      const first = fx.log.follow(checkpoint.position, async (b) => {
        const state = [...checkpoint.ids];
        for (const e of b.entries) state.push(e.event.id);
        // The process dies after working on its 4th batch, before checkpointing it.
        if (++batchesSeen === 4) {
          crashed = true;
          throw new Error('killed');
        }
        checkpoint = { ids: state, position: b.next };
      }, { batchSize: 20, retryMs: 60_000, onError: () => undefined });
      await until(() => crashed);
      const publishing = publishSome(6);
      await first.stop();
      expect(checkpoint.ids).toHaveLength(60);
      await publishing;
      await fx.restart();
      await publishSome(4);

      const resumed = fx.log.follow(checkpoint.position, async (b) => {
        checkpoint = { ids: [...checkpoint.ids, ...b.entries.map((e) => e.event.id)], position: b.next };
      }, { batchSize: 33 });
      await until(() => checkpoint.ids.length >= all.length);
      await resumed.stop();
      expect(checkpoint.ids).toEqual(all.map((e) => e.event.id));
      expect(checkpoint.position).toBe(await fx.log.head());
    });

    it('the log starts at LOG_START and a fresh head is "from now on"', async () => {
      const everything = await fx.log.readAfter(LOG_START, 1);
      expect(everything.entries).toHaveLength(1);
      const now = await fx.log.head();
      const sent = events(3);
      await fx.bus.publish('events', sent);
      expect((await fx.log.readAfter(now, 10)).entries.map((e) => e.event.id)).toEqual(sent.map((e) => e.event.id));
    });

    it('close waits for queued consumers and then refuses publishes', async () => {
      let handled = 0;
      fx.bus.subscribe('alerts', 'late', async (b) => {
        await new Promise((r) => setTimeout(r, 20));
        handled += b.length;
      });
      await fx.bus.publish('alerts', [alert('c1'), alert('c2')]);
      await fx.bus.close();
      expect(handled).toBe(2);
      await expect(fx.bus.publish('alerts', [alert('c3')])).rejects.toMatchObject({ code: 'VIGIL_ERR_SHUTTING_DOWN' });
      await fx.restart();
    });
  });
}
