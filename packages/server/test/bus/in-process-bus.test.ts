import { describeBus } from './bus-conformance.ts';
import { inProcessFixture, sqliteOpener, postgresOpener } from './in-process-fixture.ts';
import { tempDir } from '../support/temp-dir.ts';
import { postgresAvailable, tempSchema } from '../support/postgres.ts';

const pgUp = await postgresAvailable();

describeBus('in-process + SQLite file', async () => {
  const dir = tempDir();
  return inProcessFixture(sqliteOpener(dir.path), async () => dir.remove());
});

describeBus('in-process + PostgreSQL', async () => {
  const schema = await tempSchema('bus');
  return inProcessFixture(postgresOpener(schema.url), schema.drop);
}, { skip: !pgUp });
