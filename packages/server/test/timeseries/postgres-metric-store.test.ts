import { describeMetricStore } from './metric-store-conformance.ts';
import { PostgresDb, createPgPool, migrate } from '../../src/db/index.ts';
import { PostgresMetricStore } from '../../src/timeseries/index.ts';
import { postgresAvailable, tempSchema } from '../support/postgres.ts';

const available = await postgresAvailable();

describeMetricStore('PostgreSQL', async () => {
  const schema = await tempSchema('ms');
  const db = new PostgresDb(createPgPool(schema.url));
  await migrate(db);
  return {
    store: new PostgresMetricStore(db),
    reopen: () => new PostgresMetricStore(db),
    close: async () => {
      await db.close();
      await schema.drop();
    },
  };
}, { skip: !available });
