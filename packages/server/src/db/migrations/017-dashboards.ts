/**
 * @module db/migrations/017-dashboards
 * Dashboards (boards of panels, the panels as JSON) per tenant with their owner and whether the
 * tenant shares them, and each user's home board (which may name a built-in board, so no foreign key).
 */
import type { Migration } from './migration.ts';

const tables = (bigint: string) => `
CREATE TABLE dashboards (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  owner_name TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  shared INTEGER NOT NULL,
  panels TEXT NOT NULL,
  created_at ${bigint} NOT NULL,
  updated_at ${bigint} NOT NULL
);
CREATE INDEX dashboards_tenant ON dashboards (tenant_id, name);
CREATE TABLE dashboard_homes (
  tenant_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  dashboard_id TEXT NOT NULL,
  PRIMARY KEY (tenant_id, user_id)
);
`;

export const migration017: Migration = {
  id: 17,
  name: 'dashboards',
  sql: { sqlite: tables('INTEGER'), postgres: tables('BIGINT') },
};
