import { join } from 'node:path';
import { describeMetricStore } from './metric-store-conformance.ts';
import { SqliteDb, openSqlite, migrate } from '../../src/db/index.ts';
import { SqliteMetricStore } from '../../src/timeseries/index.ts';
import { tempDir } from '../support/temp-dir.ts';

describeMetricStore('SQLite file', async () => {
  const dir = tempDir();
  const db = new SqliteDb(openSqlite(join(dir.path, 'vigil.db')));
  await migrate(db);
  return {
    store: new SqliteMetricStore(db),
    reopen: () => new SqliteMetricStore(db),
    close: async () => {
      await db.close();
      dir.remove();
    },
  };
});
