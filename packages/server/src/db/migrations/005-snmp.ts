/**
 * @module db/migrations/005-snmp
 * SNMP: trap credentials per tenant (communities, v3 users; secrets sealed by auth/secret-box),
 * polled devices, and OID names imported from MIB files (per installation).
 */
import type { Migration } from './migration.ts';

const tables = (bigint: string) => `
CREATE TABLE snmp_communities (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL,
  secret TEXT NOT NULL,
  created_at ${bigint} NOT NULL,
  UNIQUE (tenant_id, name)
);
CREATE TABLE snmp_users (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL,
  level TEXT NOT NULL,
  auth_protocol TEXT,
  priv_protocol TEXT,
  secret TEXT NOT NULL,
  created_at ${bigint} NOT NULL,
  UNIQUE (tenant_id, name)
);
CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL,
  address TEXT NOT NULL,
  port INTEGER NOT NULL DEFAULT 161,
  version TEXT NOT NULL,
  credentials TEXT NOT NULL,
  credential_info TEXT NOT NULL DEFAULT '{}',
  tags TEXT NOT NULL DEFAULT '[]',
  profile TEXT NOT NULL,
  custom_oids TEXT NOT NULL DEFAULT '[]',
  interval_s INTEGER NOT NULL,
  timeout_ms INTEGER NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  status TEXT NOT NULL DEFAULT 'unknown',
  last_poll_at ${bigint},
  last_ok_at ${bigint},
  last_error TEXT,
  sys_name TEXT,
  sys_descr TEXT,
  uptime_s ${bigint},
  interfaces TEXT NOT NULL DEFAULT '[]',
  created_at ${bigint} NOT NULL,
  updated_at ${bigint} NOT NULL,
  UNIQUE (tenant_id, name)
);
CREATE TABLE snmp_mib_names (
  oid TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  module TEXT NOT NULL,
  imported_at ${bigint} NOT NULL
);
`;

/** Migration 5: SNMP credentials, devices, imported OID names. */
export const migration005: Migration = {
  id: 5,
  name: 'snmp',
  sql: { sqlite: tables('INTEGER'), postgres: tables('BIGINT') },
};
