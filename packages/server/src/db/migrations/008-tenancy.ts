/**
 * @module db/migrations/008-tenancy
 * Tenant management: a tenant can be disabled and carries its quotas (events per UTC day, retention
 * days; NULL means "no limit" / "the global retention.days"); daily usage counters per tenant; and
 * usernames become unique per tenant instead of across the installation (a global constraint let one
 * tenant's admin learn another tenant's usernames from a 409).
 *
 * SQLite cannot drop the column UNIQUE of `users.username`, so `users` is rebuilt. Its children
 * (sessions, saved searches) are moved aside first: dropping a parent with `foreign_keys = ON` would
 * cascade-delete them. Sessions are not kept (everyone logs in again once).
 *
 * The first owner of the first tenant (the bootstrap admin) becomes the platform owner.
 */
import type { Migration } from './migration.ts';

const tenantColumns = (bigint: string) => `
ALTER TABLE tenants ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tenants ADD COLUMN max_events_per_day ${bigint};
ALTER TABLE tenants ADD COLUMN retention_days INTEGER;
ALTER TABLE tenants ADD COLUMN updated_at ${bigint};
CREATE TABLE tenant_usage (
  tenant_id TEXT NOT NULL,
  day TEXT NOT NULL,
  events ${bigint} NOT NULL DEFAULT 0,
  rejected ${bigint} NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, day)
);
`;

const sqliteUsers = `
CREATE TABLE saved_searches_keep AS SELECT * FROM saved_searches;
DROP TABLE saved_searches;
DROP TABLE sessions;
CREATE TABLE users_new (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  username TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  created_at INTEGER NOT NULL,
  last_login_at INTEGER,
  UNIQUE (tenant_id, username)
);
INSERT INTO users_new SELECT id, tenant_id, username, password_hash, role, disabled, must_change_password, failed_logins, locked_until, created_at, last_login_at FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE INDEX users_username ON users(username);
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE saved_searches (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  query TEXT NOT NULL,
  range_from TEXT,
  range_to TEXT,
  columns TEXT,
  created_at INTEGER NOT NULL
);
INSERT INTO saved_searches SELECT id, tenant_id, user_id, name, query, range_from, range_to, columns, created_at FROM saved_searches_keep;
DROP TABLE saved_searches_keep;
CREATE INDEX saved_searches_user ON saved_searches(tenant_id, user_id);
`;

const postgresUsers = `
ALTER TABLE users DROP CONSTRAINT users_username_key;
ALTER TABLE users ADD CONSTRAINT users_tenant_username UNIQUE (tenant_id, username);
CREATE INDEX users_username ON users(username);
`;

const platformOwner = `
UPDATE users SET role = 'platform_owner' WHERE id = (SELECT u.id FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE u.role = 'owner' AND u.disabled = 0 ORDER BY t.created_at, u.created_at LIMIT 1);
`;

export const migration008: Migration = {
  id: 8,
  name: 'tenancy',
  sql: { sqlite: tenantColumns('INTEGER') + sqliteUsers + platformOwner, postgres: tenantColumns('BIGINT') + postgresUsers + platformOwner },
};
