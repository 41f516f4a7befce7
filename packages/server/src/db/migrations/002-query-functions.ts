/**
 * @module db/migrations/002-query-functions
 * SQL functions compiled PostgreSQL queries call (SQLite registers its own per connection).
 */
import { POSTGRES_FUNCTIONS_SQL } from '@vigil/core';
import type { Migration } from './migration.ts';

export const migration002: Migration = {
  id: 2,
  name: 'query-functions',
  sql: { sqlite: 'SELECT 1;', postgres: POSTGRES_FUNCTIONS_SQL },
};
