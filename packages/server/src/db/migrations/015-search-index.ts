/**
 * @module db/migrations/015-search-index
 * The deferred search index (storage/search-index-*.ts), filled off the write path by the indexer:
 * - `search_index_state`: per tenant the log position below which every event is indexed (the
 *   watermark) and the retention floor (events before it are gone, so counts below it are not used);
 *   the row with tenant '' is the indexer's own (position, next part number).
 * - `search_parts` / `search_buckets`: postings of one tenant and day per indexer pass (merged as they
 *   pile up), as hashed buckets of a few KB (storage/search-index-codec.ts).
 * - `search_rollups`: events per tenant, minute and dataset, for histograms.
 * Every key starts with the tenant and the day or minute, so retention deletes ranges.
 */
import type { Migration } from './migration.ts';

const tables = (bigint: string, blob: string, compact: string) => `
CREATE TABLE search_index_state (
  tenant_id TEXT PRIMARY KEY,
  position TEXT NOT NULL,
  floor ${bigint} NOT NULL DEFAULT 0,
  next_part ${bigint} NOT NULL DEFAULT 1
);
CREATE TABLE search_parts (
  tenant_id TEXT NOT NULL,
  day INTEGER NOT NULL,
  part ${bigint} NOT NULL,
  level INTEGER NOT NULL,
  events INTEGER NOT NULL,
  buckets INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, day, part)
)${compact};
CREATE TABLE search_buckets (
  tenant_id TEXT NOT NULL,
  day INTEGER NOT NULL,
  part ${bigint} NOT NULL,
  bucket INTEGER NOT NULL,
  data ${blob} NOT NULL,
  PRIMARY KEY (tenant_id, day, part, bucket)
);
CREATE TABLE search_rollups (
  tenant_id TEXT NOT NULL,
  minute ${bigint} NOT NULL,
  dataset TEXT NOT NULL,
  n ${bigint} NOT NULL,
  PRIMARY KEY (tenant_id, minute, dataset)
)${compact};
INSERT INTO search_index_state (tenant_id, position) VALUES ('', '0');
`;

export const migration015: Migration = {
  id: 15,
  name: 'search-index',
  // SQLite: small rows without a rowid (the key is the table); bucket blobs keep a rowid table.
  sql: { sqlite: tables('INTEGER', 'BLOB', ' WITHOUT ROWID'), postgres: tables('BIGINT', 'BYTEA', '') },
};
