/**
 * @module db/migrations/001-init
 * Tenants, users, sessions, API keys, saved searches, the audit log and the events table.
 *
 * Every row belongs to a tenant. Events keep hot fields as columns and the whole flat event as JSON;
 * only time-ordered indexes sit on the insert path (random-key indexes cost 3-8x ingest rate here).
 * PostgreSQL partitions events by day (partitions are created on demand by the store).
 */
import type { Migration } from './migration.ts';

const common = (bigint: string, json: string) => `
CREATE TABLE tenants (
  id TEXT PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at ${bigint} NOT NULL
);
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until ${bigint},
  created_at ${bigint} NOT NULL,
  last_login_at ${bigint}
);
CREATE INDEX users_tenant ON users(tenant_id);
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at ${bigint} NOT NULL,
  expires_at ${bigint} NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL,
  scopes TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  prev_secret_hash TEXT,
  prev_valid_until ${bigint},
  created_by TEXT,
  created_at ${bigint} NOT NULL,
  rotated_at ${bigint},
  last_used_at ${bigint},
  expires_at ${bigint},
  revoked_at ${bigint}
);
CREATE INDEX api_keys_tenant ON api_keys(tenant_id);
CREATE TABLE saved_searches (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  query TEXT NOT NULL,
  range_from TEXT,
  range_to TEXT,
  columns ${json},
  created_at ${bigint} NOT NULL
);
CREATE INDEX saved_searches_user ON saved_searches(tenant_id, user_id);
CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  details ${json},
  ip TEXT,
  created_at ${bigint} NOT NULL
);
CREATE INDEX audit_log_tenant_time ON audit_log(tenant_id, created_at);
`;

export const migration001: Migration = {
  id: 1,
  name: 'init',
  sql: {
    sqlite:
      common('INTEGER', 'TEXT') +
      `
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  ts INTEGER NOT NULL,
  id TEXT NOT NULL,
  dataset TEXT,
  severity INTEGER,
  host_name TEXT,
  source_ip TEXT,
  destination_ip TEXT,
  user_name TEXT,
  action TEXT,
  outcome TEXT,
  message TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX events_tenant_ts ON events(tenant_id, ts, id);
CREATE INDEX events_id ON events(id);
`,
    postgres:
      common('BIGINT', 'JSONB') +
      `
CREATE TABLE events (
  tenant_id TEXT NOT NULL,
  ts BIGINT NOT NULL,
  id TEXT NOT NULL,
  dataset TEXT,
  severity SMALLINT,
  host_name TEXT,
  source_ip INET,
  destination_ip INET,
  user_name TEXT,
  action TEXT,
  outcome TEXT,
  message TEXT NOT NULL,
  doc JSONB NOT NULL
) PARTITION BY RANGE (ts);
CREATE INDEX events_tenant_ts ON events(tenant_id, ts, id);
CREATE INDEX events_id ON events(id);
`,
  },
};
