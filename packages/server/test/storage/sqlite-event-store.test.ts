import { join } from 'node:path';
import { describeEventStore } from './event-store-conformance.ts';
import { SqliteDb, openSqlite, migrate } from '../../src/db/index.ts';
import { SqliteEventStore, SearchIndexer, SqliteSearchIndexTarget } from '../../src/storage/index.ts';
import { portIndexWrites } from '../../src/storage/sqlite-search-index-writer.ts';
import { TenantsRepo } from '../../src/repos/tenants-repo.ts';
import { tempDir } from '../support/temp-dir.ts';

describeEventStore('SQLite file', async () => {
  const dir = tempDir();
  const db = new SqliteDb(openSqlite(join(dir.path, 'vigil.db')));
  await migrate(db);
  const tenants = new TenantsRepo(db);
  const a = await tenants.create('a', 'A');
  const b = await tenants.create('b', 'B');
  return {
    store: new SqliteEventStore(db.raw),
    tenants: [a.id, b.id],
    close: async () => {
      await db.close();
      dir.remove();
    },
  };
});

describeEventStore('SQLite file, writer and reader threads (as the server runs it)', async () => {
  const dir = tempDir();
  const db = new SqliteDb(openSqlite(join(dir.path, 'vigil.db')));
  await migrate(db);
  const tenants = new TenantsRepo(db);
  const a = await tenants.create('a', 'A');
  const b = await tenants.create('b', 'B');
  const store = new SqliteEventStore(db.raw, { writerThread: true, readerThreads: 2, searchTimeoutMs: 30_000 });
  return {
    store,
    tenants: [a.id, b.id],
    close: async () => {
      await store.close();
      await db.close();
      dir.remove();
    },
  };
});

describeEventStore('SQLite file, searches through the search index', async () => {
  const dir = tempDir();
  const file = join(dir.path, 'vigil.db');
  const db = new SqliteDb(openSqlite(file));
  await migrate(db);
  const tenants = new TenantsRepo(db);
  const a = await tenants.create('a', 'A');
  const b = await tenants.create('b', 'B');
  // As the server runs it: the index's writes go to the store's writer thread through a port.
  const store = new SqliteEventStore(db.raw, { writerThread: true, readerThreads: 1, searchTimeoutMs: 30_000 });
  const port = store.indexWritePort()!;
  const target = new SqliteSearchIndexTarget(openSqlite(file), true, portIndexWrites(port));
  return {
    store,
    tenants: [a.id, b.id],
    catchUp: () => new SearchIndexer(target, { sliceEvents: 50 }).catchUp(),
    close: async () => {
      port.close();
      await store.close();
      await target.close();
      await db.close();
      dir.remove();
    },
  };
});
