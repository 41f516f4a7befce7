/**
 * @module db/migrations/010-rules
 * Detection rules per tenant with every version kept (who and when), and per-tenant switches for the
 * built-in rules (a row with builtin = 1 holds only whether the tenant runs it).
 */
import type { Migration } from './migration.ts';

const table = (bigint: string) => `
CREATE TABLE rules (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  enabled INTEGER NOT NULL,
  builtin INTEGER NOT NULL,
  doc TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at ${bigint} NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE rule_versions (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  change TEXT NOT NULL,
  doc TEXT,
  changed_by TEXT NOT NULL,
  changed_at ${bigint} NOT NULL,
  PRIMARY KEY (tenant_id, id, version)
);
`;

export const migration010: Migration = { id: 10, name: 'rules', sql: { sqlite: table('INTEGER'), postgres: table('BIGINT') } };
