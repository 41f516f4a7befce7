/**
 * @module db/migrations/018-delivery-alert-index
 * Deliveries by alert: an incident's timeline shows the notifications sent for its alerts.
 */
import type { Migration } from './migration.ts';

const sql = 'CREATE INDEX channel_deliveries_alert ON channel_deliveries (tenant_id, alert_id);\n';

export const migration018: Migration = {
  id: 18,
  name: 'delivery-alert-index',
  sql: { sqlite: sql, postgres: sql },
};
