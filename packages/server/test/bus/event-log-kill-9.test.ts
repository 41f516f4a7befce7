/**
 * Resume across a real kill -9: a consumer process that checkpoints (state, position) together is
 * killed twice while events keep arriving; once restarted it has seen every event exactly once.
 */
import { describe, it, expect } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { VigilEvent } from '@vigil/contracts';
import { SqliteDb, openSqlite, migrate } from '../../src/db/index.ts';
import { SqliteEventStore, SqliteEventLog } from '../../src/storage/index.ts';
import { CommitSignal } from '../../src/bus/index.ts';
import { tempDir } from '../support/temp-dir.ts';

const CONSUMER = fileURLToPath(new URL('./fixtures/checkpointing-consumer.ts', import.meta.url));

function startConsumer(eventsFile: string, cpFile: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CONSUMER, eventsFile, cpFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`consumer exited early (${code})`)));
  });
}

async function kill9(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

describe('event log resume across kill -9', () => {
  it('loses and doubles nothing', { timeout: 90_000 }, async () => {
    const dir = tempDir();
    const eventsFile = join(dir.path, 'vigil.db');
    const cpFile = join(dir.path, 'checkpoint.db');
    const db = new SqliteDb(openSqlite(eventsFile));
    await migrate(db);
    const store = new SqliteEventStore(db.raw);
    let n = 0;
    const append = async (count: number) => {
      const batch = Array.from({ length: count }, () => {
        const id = `K9${String(n++).padStart(10, '0')}`;
        return { tenantId: 't', event: { id, '@timestamp': new Date().toISOString(), 'event.ingested': new Date().toISOString(), message: id } as VigilEvent };
      });
      await store.append(batch);
    };
    const feed = async (ms: number) => {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        await append(50);
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    try {
      await append(500);
      let child = await startConsumer(eventsFile, cpFile);
      // Killed while events keep arriving (a quiet machine's consumer keeps up, so kill mid-feed).
      const feeding = feed(600);
      await new Promise((r) => setTimeout(r, 300));
      await kill9(child);
      await feeding;
      const cp = () => new Database(cpFile, { readonly: true });
      const mid = cp();
      const seenAtKill = (mid.prepare('SELECT count(*) AS c FROM seen').get() as { c: number }).c;
      mid.close();
      expect(seenAtKill).toBeGreaterThan(0);
      expect(seenAtKill).toBeLessThan(n); // it was killed mid-stream
      await feed(200);
      child = await startConsumer(eventsFile, cpFile);
      await feed(400);
      await kill9(child);
      child = await startConsumer(eventsFile, cpFile);
      const head = await new SqliteEventLog(db.raw, new CommitSignal()).head();
      const deadline = Date.now() + 30_000;
      for (;;) {
        const c = cp();
        const pos = (c.prepare('SELECT position FROM checkpoint').get() as { position: string }).position;
        c.close();
        if (pos === head) break;
        if (Date.now() > deadline) throw new Error(`consumer stuck at ${pos}, head ${head}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      await kill9(child);
      const c = cp();
      const { total, uniq } = c.prepare('SELECT count(*) AS total, count(DISTINCT id) AS uniq FROM seen').get() as { total: number; uniq: number };
      const ordered = (c.prepare('SELECT id FROM seen ORDER BY rowid').all() as { id: string }[]).map((r) => r.id);
      c.close();
      expect(uniq).toBe(n);
      expect(total).toBe(n);
      expect(ordered).toEqual([...ordered].sort());
    } finally {
      await db.close();
      dir.remove();
    }
  });
});
