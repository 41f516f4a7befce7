import { describeEventStore } from './event-store-conformance.ts';
import { PostgresDb, createPgPool, migrate } from '../../src/db/index.ts';
import { PostgresEventStore, PostgresLogTail, SearchIndexer, PostgresSearchIndexTarget } from '../../src/storage/index.ts';
import { TenantsRepo } from '../../src/repos/tenants-repo.ts';
import { postgresAvailable, tempSchema } from '../support/postgres.ts';

const available = await postgresAvailable();

describeEventStore('PostgreSQL (partitioned)', async () => {
  const schema = await tempSchema('es');
  const db = new PostgresDb(createPgPool(schema.url));
  await migrate(db);
  const tenants = new TenantsRepo(db);
  const a = await tenants.create('a', 'A');
  const b = await tenants.create('b', 'B');
  return {
    // As the store module wires it: each batch's transaction learns its positions for the log tail.
    store: new PostgresEventStore(db.pool, { tail: new PostgresLogTail() }),
    tenants: [a.id, b.id],
    close: async () => {
      await db.close();
      await schema.drop();
    },
  };
}, { skip: !available });

describeEventStore('PostgreSQL, searches through the search index', async () => {
  const schema = await tempSchema('esi');
  const db = new PostgresDb(createPgPool(schema.url));
  await migrate(db);
  const tenants = new TenantsRepo(db);
  const a = await tenants.create('a', 'A');
  const b = await tenants.create('b', 'B');
  const target = new PostgresSearchIndexTarget(createPgPool(schema.url, 2), true);
  return {
    // As the store module wires it: each batch's transaction learns its positions for the log tail.
    store: new PostgresEventStore(db.pool, { tail: new PostgresLogTail() }),
    tenants: [a.id, b.id],
    catchUp: () => new SearchIndexer(target, { sliceEvents: 50 }).catchUp(),
    close: async () => {
      await target.close();
      await db.close();
      await schema.drop();
    },
  };
}, { skip: !available });
