/**
 * Accepted means durable: a server killed with SIGKILL during sustained ingest has stored every event
 * of every request it answered 202.
 */
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { spawnServer, freePort } from '../support/process.ts';
import { tempDir } from '../support/temp-dir.ts';
import { readFileSync } from 'node:fs';

describe('kill -9 during ingest', () => {
  it('loses no event that got a 202', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const port = await freePort();
    const { child } = await spawnServer({ VIGIL_DATA_DIR: dir.path, VIGIL_LOG_LEVEL: 'warn' }, port);
    const key = (JSON.parse(readFileSync(join(dir.path, 'bootstrap.json'), 'utf8')) as { ingestKey: string }).ingestKey;
    const acked: number[] = [];
    let seq = 0;
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const first = seq;
        seq += 200;
        const body = Array.from({ length: 200 }, (_, i) => JSON.stringify({ message: `durable ${first + i}`, 'event.dataset': 'durability', 'labels.seq': first + i })).join('\n');
        try {
          const r = await fetch(`http://127.0.0.1:${port}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' }, body });
          if (r.status === 202) for (let i = 0; i < 200; i++) acked.push(first + i);
        } catch {
          return; // the server died mid-request: that request was never acknowledged
        }
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    await new Promise((r) => setTimeout(r, 1500));
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    await exited;
    expect(acked.length).toBeGreaterThan(1000);
    const db = new Database(join(dir.path, 'vigil.db'));
    const stored = new Set((db.prepare("SELECT json_extract(doc, '$.\"labels.seq\"') AS s FROM events WHERE dataset = 'durability'").all() as { s: number }[]).map((r) => r.s));
    db.close();
    const lost = acked.filter((s) => !stored.has(s));
    expect(lost).toEqual([]);
    dir.remove();
  });
});
