import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { SqliteLogTail } from '../../src/storage/sqlite-log-tail.ts';
import { SqliteEventStore, SqliteEventLog, toRow, type EventRow } from '../../src/storage/index.ts';
import { CommitSignal } from '../../src/bus/index.ts';
import { SqliteDb, openSqlite, migrate } from '../../src/db/index.ts';
import { TenantsRepo } from '../../src/repos/tenants-repo.ts';
import { tempDir } from '../support/temp-dir.ts';
import type { VigilEvent } from '@vigil/contracts';

const ev = (id: string, extra: Record<string, unknown> = {}): VigilEvent => ({ '@timestamp': '2026-01-01T00:00:00.000Z', 'event.ingested': '2026-01-01T00:00:01.000Z', id, message: `m ${id}`, ...extra }) as unknown as VigilEvent;
const rows = (ids: string[]): EventRow[] => ids.map((id) => toRow('t', ev(id)));
const ids = (r: { event: VigilEvent }[] | null) => r?.map((e) => e.event.id) ?? null;

describe('SqliteLogTail', () => {
  it('answers reads that continue what it holds, across consecutive batches, with exact positions', () => {
    const t = new SqliteLogTail(100);
    t.push(11, rows(['a', 'b', 'c']));
    t.push(14, rows(['d', 'e']));
    expect(ids(t.readAfter(10, 10))).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(t.readAfter(12, 2)!.map((e) => e.position)).toEqual(['13', '14']);
    expect(t.readAfter(12, 2)![1]!.text).toEqual({ message: 'm d', doc: toRow('t', ev('d'))[toRow('t', ev('d')).length - 1] });
  });

  it('cannot tell (null) for positions it does not hold: before it, after it, or across a gap', () => {
    const t = new SqliteLogTail(100);
    t.push(11, rows(['a', 'b']));
    // Position 13 went to another writer (retention's placeholder row): the tail stops at the gap.
    t.push(14, rows(['c']));
    expect(t.readAfter(9, 10)).toBeNull();
    expect(t.readAfter(14, 10)).toBeNull();
    expect(ids(t.readAfter(10, 10))).toEqual(['a', 'b']);
    expect(t.readAfter(12, 10)).toBeNull();
    expect(ids(t.readAfter(13, 10))).toEqual(['c']);
  });

  it('forgets the oldest batches beyond its bound, and everything on an out-of-order push', () => {
    const t = new SqliteLogTail(4);
    t.push(1, rows(['a', 'b']));
    t.push(3, rows(['c', 'd']));
    t.push(5, rows(['e', 'f']));
    expect(t.size).toBe(4);
    expect(t.readAfter(0, 10)).toBeNull();
    expect(ids(t.readAfter(2, 10))).toEqual(['c', 'd', 'e', 'f']);
    t.push(4, rows(['x']));
    expect(t.size).toBe(1);
    expect(t.readAfter(2, 10)).toBeNull();
  });

  it('the log reads the tail first and the table otherwise, and both answer the same', async () => {
    const dir = tempDir();
    const db = new SqliteDb(openSqlite(join(dir.path, 'vigil.db')));
    try {
      await migrate(db);
      const tenant = (await new TenantsRepo(db).create('a', 'A')).id;
      const tail = new SqliteLogTail(1000);
      const store = new SqliteEventStore(db.raw, { writerThread: true, tail });
      await store.append([0, 1, 2].map((i) => ({ tenantId: tenant, event: ev(`x${i}`, { 'user.name': 'u' }) })));
      // A second batch continues the positions.
      await store.append([{ tenantId: tenant, event: ev('y0') }, { tenantId: tenant, event: ev('y1') }]);
      const withTail = new SqliteEventLog(db.raw, new CommitSignal(), tail);
      const tableOnly = new SqliteEventLog(db.raw, new CommitSignal());
      const a = await withTail.readAfter('0', 100);
      const b = await tableOnly.readAfter('0', 100);
      expect(tail.size).toBe(5);
      expect(a.entries.map((e) => [e.position, e.tenantId, e.event])).toEqual(b.entries.map((e) => [e.position, e.tenantId, e.event]));
      expect(a.entries.map((e) => e.text)).toEqual(b.entries.map((e) => e.text));
      expect(a.next).toBe(b.next);
      await store.close();
    } finally {
      await db.close();
      dir.remove();
    }
  });
});
