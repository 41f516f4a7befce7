import { join } from 'node:path';
import { describeEventStore } from './event-store-conformance.ts';
import { SqliteDb, openSqlite, migrate } from '../../src/db/index.ts';
import { SqliteEventStore } from '../../src/storage/index.ts';
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
