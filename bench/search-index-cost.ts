/**
 * What the search index costs the SQLite writer thread (the ingest bottleneck), by CPU on one
 * connection so other load on the machine disturbs it little: inserting N bench events' rows in
 * 5,000-event transactions (what the writer thread does), then the index's commits for the same events (what the writer thread runs for the
 * indexer), then the merges' replacing transactions; and the indexer's own build and merge CPU.
 * Run alone: `node packages/server/bin/run-ts.js bench/search-index-cost.ts [events]` (default 400,000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeEvent, rng } from './lib/events.ts';
import { SqliteDb, openSqlite, migrate } from '../packages/server/src/db/index.ts';
import { IngestService, type IngestDeps } from '../packages/server/src/pipeline/ingest-service.ts';
import { sqliteBatchWriter } from '../packages/server/src/storage/write-isolation.ts';
import { ROW_COLUMNS, toRow } from '../packages/server/src/storage/event-row.ts';
import { SqliteSearchIndexWriter } from '../packages/server/src/storage/sqlite-search-index-writer.ts';
import { SqliteSearchIndexTarget } from '../packages/server/src/storage/sqlite-search-index-target.ts';
import { buildSlice, mergeParts } from '../packages/server/src/storage/search-index-builder.ts';
import { partLevel, type NumberedPart } from '../packages/server/src/storage/search-index-target.ts';

const N = Number(process.argv[2] ?? 400_000);
const dir = mkdtempSync(join(tmpdir(), 'vigil-index-cost-'));
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};
try {
  const file = join(dir, 'vigil.db');
  const db = new SqliteDb(openSqlite(file));
  await migrate(db);
  await db.run("INSERT INTO tenants (id, slug, name, created_at) VALUES ('T', 't', 't', 0)");
  const raw = db.raw;
  const write = sqliteBatchWriter(raw, raw.prepare(`INSERT INTO events (${ROW_COLUMNS.join(', ')}) VALUES (${ROW_COLUMNS.map(() => '?').join(', ')})`));
  // 1M events a day, as the search bench.
  const r = rng(42);
  const end = Date.now();
  const span = (23.5 * 3_600_000 * N) / 1_000_000;
  let id = 0;
  const ingest = new IngestService({ newId: () => String(1e12 + id++), now: () => end } as unknown as IngestDeps);
  let insertCpu = 0;
  for (let i = 0; i < N; i += 5000) {
    const items = [];
    for (let k = i; k < Math.min(N, i + 5000); k++) items.push({ kind: 'json' as const, value: makeEvent(r, Math.floor(end - span + (k * span) / N), k) });
    // The writer thread receives rows built on the main thread (toRow): it runs only the inserts.
    const rows = ingest.build('T', 'http', items).events.map((b) => toRow(b.tenantId, b.event));
    const c0 = cpu();
    write(rows);
    insertCpu += cpu() - c0;
  }
  const target = new SqliteSearchIndexTarget(openSqlite(file), true);
  const writer = new SqliteSearchIndexWriter(raw);
  let position = '0';
  let nextPart = 1;
  let commitCpu = 0;
  let buildCpu = 0;
  const parts: NumberedPart[] = [];
  for (;;) {
    const slice = await target.read(position, 20_000);
    if (!slice.read) break;
    let c0 = cpu();
    const built = buildSlice(slice.rows);
    buildCpu += cpu() - c0;
    const numbered = built.parts.map((p) => ({ ...p, part: nextPart++, level: partLevel(p.events) }));
    c0 = cpu();
    writer.commit(position, slice.next, numbered, built.rollups, nextPart);
    commitCpu += cpu() - c0;
    parts.push(...numbered);
    position = slice.next;
  }
  // Merges of eight 20,000-event parts (what slices this size would cost; the server slices 35,000 while behind, which never merge).
  const byDay = new Map<number, NumberedPart[]>();
  for (const p of parts) byDay.set(p.day, [...(byDay.get(p.day) ?? []), p]);
  let mergeCpu = 0;
  let replaceCpu = 0;
  let merged = 0;
  for (const [day, ps] of byDay) {
    for (let i = 0; i + 8 <= ps.length; i += 8) {
      const src = ps.slice(i, i + 8);
      let c0 = cpu();
      const m = mergeParts(src);
      mergeCpu += cpu() - c0;
      c0 = cpu();
      writer.replace('T', day, src.map((p) => p.part), { tenantId: 'T', day, part: nextPart++, level: partLevel(m.events), events: m.events, buckets: m.buckets });
      replaceCpu += cpu() - c0;
      merged += m.events;
    }
  }
  await target.close();
  await db.close();
  const us = (s: number, n: number) => +((s / Math.max(1, n)) * 1e6).toFixed(2);
  console.log(JSON.stringify({
    events: N,
    writerInsertUsPerEvent: us(insertCpu, N),
    writerIndexCommitUsPerEvent: us(commitCpu, N),
    writerIndexCommitShare: +(commitCpu / insertCpu).toFixed(3),
    mergedEvents: merged,
    writerMergeReplaceUsPerMergedEvent: us(replaceCpu, merged),
    indexerBuildUsPerEvent: us(buildCpu, N),
    indexerMergeUsPerMergedEvent: us(mergeCpu, merged),
  }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
