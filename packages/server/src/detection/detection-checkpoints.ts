/**
 * @module detection/detection-checkpoints
 * The detector's checkpoint: its engine state and the event-log position that state reflects, written
 * together in one statement so they can never disagree.
 */
import type { LogPosition } from '@vigil/contracts';
import type { SqlDb } from '../db/index.ts';

/** A saved checkpoint. */
export interface Checkpoint {
  position: LogPosition;
  /** Engine state JSON per tenant id. */
  states: Record<string, unknown>;
}

/** Runs one write statement elsewhere (the SQLite writer thread), `$1`-style parameters. */
export type StatementRunner = (sql: string, params: unknown[]) => Promise<void>;

const SAVE = 'INSERT INTO detection_checkpoints (consumer, position, state, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (consumer) DO UPDATE SET position = excluded.position, state = excluded.state, updated_at = excluded.updated_at';

/** Reads and writes the checkpoints of named consumers. */
export class DetectionCheckpoints {
  /** With `write`, saves go there (SQLite: the writer thread) instead of through `db`. */
  constructor(
    private readonly db: SqlDb,
    private readonly now: () => number,
    private readonly write?: StatementRunner,
  ) {}

  /** The consumer's checkpoint, or undefined before its first. */
  async load(consumer: string): Promise<Checkpoint | undefined> {
    const row = await this.db.get<{ position: string; state: string }>('SELECT position, state FROM detection_checkpoints WHERE consumer = $1', [consumer]);
    if (!row) return undefined;
    return { position: row.position, states: JSON.parse(row.state) as Record<string, unknown> };
  }

  /** Saves state and position together. */
  async save(consumer: string, cp: Checkpoint): Promise<void> {
    await this.saveJson(consumer, cp.position, JSON.stringify(cp.states));
  }

  /** Saves a position with the states already as JSON text (serialised by the engine's thread). */
  async saveJson(consumer: string, position: LogPosition, statesJson: string): Promise<void> {
    const params = [consumer, position, statesJson, this.now()];
    if (this.write) await this.write(SAVE, params);
    else await this.db.run(SAVE, params);
  }
}
