/**
 * @module db/migrations/migration
 * One schema change, written for both dialects.
 */
import type { Dialect } from '../sql-db.ts';

export interface Migration {
  id: number;
  name: string;
  sql: Record<Dialect, string>;
}
