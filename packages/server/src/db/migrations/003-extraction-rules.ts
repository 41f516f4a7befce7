/**
 * @module db/migrations/003-extraction-rules
 * Custom extraction rules (grok patterns scoped by a query), per tenant.
 */
import type { Migration } from './migration.ts';

const table = (bigint: string, json: string) => `
CREATE TABLE extraction_rules (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL,
  pattern TEXT NOT NULL,
  query TEXT NOT NULL DEFAULT '',
  field TEXT NOT NULL DEFAULT 'message',
  library ${json},
  overwrite INTEGER NOT NULL DEFAULT 0,
  enabled INTEGER NOT NULL DEFAULT 1,
  position INTEGER NOT NULL DEFAULT 0,
  created_at ${bigint} NOT NULL,
  updated_at ${bigint} NOT NULL,
  UNIQUE (tenant_id, name)
);
`;

export const migration003: Migration = {
  id: 3,
  name: 'extraction-rules',
  sql: { sqlite: table('INTEGER', 'TEXT'), postgres: table('BIGINT', 'JSONB') },
};
