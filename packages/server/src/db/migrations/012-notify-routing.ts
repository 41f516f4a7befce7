/**
 * @module db/migrations/012-notify-routing
 * Notification routing per tenant — the routing tree, silences, time intervals, inhibit rules and
 * escalation policies — and what the dispatcher must remember across a restart: the notification
 * log (what each receiver was last told about each group) and running escalations. The delivery log
 * of 011 becomes the durable queue: a delivery keeps the notification it sends (`payload`), why
 * (`kind`), when it is next tried (`next_attempt_at`) and the attempts of its current round (a
 * resend starts a new round); `failed` deliveries are the dead letters.
 */
import type { Migration } from './migration.ts';

const tables = (bigint: string) => `
CREATE TABLE notify_routes (
  tenant_id TEXT PRIMARY KEY REFERENCES tenants(id),
  tree TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at ${bigint} NOT NULL
);
CREATE TABLE silences (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  match_query TEXT NOT NULL,
  starts_at ${bigint} NOT NULL,
  ends_at ${bigint} NOT NULL,
  created_by TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  created_at ${bigint} NOT NULL
);
CREATE INDEX silences_tenant ON silences (tenant_id, ends_at);
CREATE TABLE time_intervals (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL,
  doc TEXT NOT NULL,
  created_at ${bigint} NOT NULL,
  updated_at ${bigint} NOT NULL,
  UNIQUE (tenant_id, name)
);
CREATE TABLE inhibit_rules (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL,
  doc TEXT NOT NULL,
  created_at ${bigint} NOT NULL,
  updated_at ${bigint} NOT NULL,
  UNIQUE (tenant_id, name)
);
CREATE TABLE escalation_policies (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL,
  doc TEXT NOT NULL,
  created_at ${bigint} NOT NULL,
  updated_at ${bigint} NOT NULL,
  UNIQUE (tenant_id, name)
);
CREATE TABLE notification_log (
  tenant_id TEXT NOT NULL,
  group_key TEXT NOT NULL,
  receiver TEXT NOT NULL,
  entry TEXT NOT NULL,
  at ${bigint} NOT NULL,
  PRIMARY KEY (tenant_id, group_key, receiver)
);
CREATE TABLE alert_escalations (
  tenant_id TEXT NOT NULL,
  alert_id TEXT NOT NULL,
  policy_id TEXT NOT NULL,
  route TEXT NOT NULL,
  started_at ${bigint} NOT NULL,
  fired INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, alert_id, policy_id)
);
ALTER TABLE channel_deliveries ADD COLUMN payload TEXT;
ALTER TABLE channel_deliveries ADD COLUMN kind TEXT;
ALTER TABLE channel_deliveries ADD COLUMN next_attempt_at ${bigint};
ALTER TABLE channel_deliveries ADD COLUMN round_attempts INTEGER NOT NULL DEFAULT 0;
CREATE INDEX channel_deliveries_queue ON channel_deliveries (status, next_attempt_at);
`;

/** Migration 12: notification routing and the durable delivery queue. */
export const migration012: Migration = {
  id: 12,
  name: 'notify-routing',
  sql: { sqlite: tables('INTEGER'), postgres: tables('BIGINT') },
};
