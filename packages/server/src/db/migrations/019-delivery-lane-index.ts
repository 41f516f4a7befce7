/**
 * @module db/migrations/019-delivery-lane-index
 * A channel's due deliveries by one index range: the (status, next_attempt_at) index made each
 * lane's fetch walk every channel's pending rows, so a receiver answering 500 or hanging (its
 * deliveries piling up, due but held back by the breaker) slowed every healthy channel's fetch.
 */
import type { Migration } from './migration.ts';

const sql = 'CREATE INDEX channel_deliveries_lane ON channel_deliveries (channel_id, status, next_attempt_at);\n';

export const migration019: Migration = {
  id: 19,
  name: 'delivery-lane-index',
  sql: { sqlite: sql, postgres: sql },
};
