/**
 * @module db/migrations/014-agents
 * Host agents: enrollment tokens (secret hashed; TTL, max uses, tags, host group), hosts (credential
 * hashed, with the previous hash valid until the end of a rotation's overlap), the latest snapshot
 * per (host, section), the batch ids already accepted (idempotent replay), and queued commands.
 */
import type { Migration } from './migration.ts';

const tables = (bigint: string) => `
CREATE TABLE enrollment_tokens (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]',
  host_group TEXT,
  max_uses INTEGER NOT NULL,
  uses INTEGER NOT NULL DEFAULT 0,
  expires_at ${bigint} NOT NULL,
  created_by TEXT,
  created_at ${bigint} NOT NULL,
  revoked_at ${bigint},
  last_used_at ${bigint}
);
CREATE INDEX enrollment_tokens_tenant ON enrollment_tokens (tenant_id, created_at);
CREATE TABLE hosts (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL,
  machine_id TEXT,
  os TEXT NOT NULL DEFAULT '{}',
  agent_version TEXT,
  tags TEXT NOT NULL DEFAULT '[]',
  host_group TEXT,
  address TEXT,
  secret_hash TEXT NOT NULL,
  prev_secret_hash TEXT,
  prev_valid_until ${bigint},
  credential_rotated_at ${bigint},
  enrolled_at ${bigint} NOT NULL,
  token_id TEXT,
  last_seen_at ${bigint},
  status TEXT NOT NULL DEFAULT 'online',
  skew_ms ${bigint},
  buffered_batches INTEGER,
  revoked_at ${bigint},
  snapshot_at ${bigint}
);
CREATE INDEX hosts_tenant ON hosts (tenant_id, name);
CREATE TABLE host_snapshots (
  host_id TEXT NOT NULL,
  section TEXT NOT NULL,
  data TEXT NOT NULL,
  taken_at ${bigint} NOT NULL,
  PRIMARY KEY (host_id, section)
);
CREATE TABLE agent_batches (
  host_id TEXT NOT NULL,
  batch_id TEXT NOT NULL,
  received_at ${bigint} NOT NULL,
  PRIMARY KEY (host_id, batch_id)
);
CREATE INDEX agent_batches_received ON agent_batches (received_at);
CREATE TABLE agent_commands (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  host_id TEXT NOT NULL,
  type TEXT NOT NULL,
  args TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL,
  created_by TEXT,
  created_at ${bigint} NOT NULL,
  delivered_at ${bigint},
  completed_at ${bigint},
  result TEXT,
  error TEXT
);
CREATE INDEX agent_commands_host ON agent_commands (host_id, status, created_at);
`;

/** Migration 14: enrollment tokens, hosts, snapshots, accepted batch ids and agent commands. */
export const migration014: Migration = {
  id: 14,
  name: 'agents',
  sql: { sqlite: tables('INTEGER'), postgres: tables('BIGINT') },
};
