/**
 * @module db/migrations/011-channels
 * Notification channels per tenant (public config as JSON, credentials sealed by auth/secret-box and
 * bound to the channel id), and the delivery log: one row per (alert, channel) delivery with its
 * status, and one row per attempt.
 */
import type { Migration } from './migration.ts';

const tables = (bigint: string) => `
CREATE TABLE channels (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  config TEXT NOT NULL DEFAULT '{}',
  secrets TEXT,
  secret_fields TEXT NOT NULL DEFAULT '[]',
  is_default INTEGER NOT NULL DEFAULT 0,
  created_at ${bigint} NOT NULL,
  updated_at ${bigint} NOT NULL,
  UNIQUE (tenant_id, name)
);
CREATE TABLE channel_deliveries (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  channel_id TEXT NOT NULL,
  alert_id TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  last_status_code INTEGER,
  created_at ${bigint} NOT NULL,
  updated_at ${bigint} NOT NULL,
  delivered_at ${bigint}
);
CREATE INDEX channel_deliveries_channel ON channel_deliveries (channel_id, created_at);
CREATE TABLE channel_delivery_attempts (
  delivery_id TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  at ${bigint} NOT NULL,
  ok INTEGER NOT NULL,
  status_code INTEGER,
  latency_ms INTEGER NOT NULL,
  error TEXT,
  PRIMARY KEY (delivery_id, attempt)
);
`;

/** Migration 11: notification channels and the delivery log. */
export const migration011: Migration = {
  id: 11,
  name: 'channels',
  sql: { sqlite: tables('INTEGER'), postgres: tables('BIGINT') },
};
