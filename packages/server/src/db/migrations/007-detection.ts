/**
 * @module db/migrations/007-detection
 * The detector's checkpoints: engine state and event-log position per consumer, saved together.
 */
import type { Migration } from './migration.ts';

export const migration007: Migration = {
  id: 7,
  name: 'detection',
  sql: {
    sqlite: `
CREATE TABLE detection_checkpoints (
  consumer TEXT PRIMARY KEY,
  position TEXT NOT NULL,
  state TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
`,
    postgres: `
CREATE TABLE detection_checkpoints (
  consumer TEXT PRIMARY KEY,
  position TEXT NOT NULL,
  state TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
`,
  },
};
