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

/** Reads and writes the checkpoints of named consumers. */
export class DetectionCheckpoints {
  constructor(
    private readonly db: SqlDb,
    private readonly now: () => number,
  ) {}

  /** The consumer's checkpoint, or undefined before its first. */
  async load(consumer: string): Promise<Checkpoint | undefined> {
    const row = await this.db.get<{ position: string; state: string }>('SELECT position, state FROM detection_checkpoints WHERE consumer = $1', [consumer]);
    if (!row) return undefined;
    return { position: row.position, states: JSON.parse(row.state) as Record<string, unknown> };
  }

  /** Saves state and position together. */
  async save(consumer: string, cp: Checkpoint): Promise<void> {
    await this.db.run(
      'INSERT INTO detection_checkpoints (consumer, position, state, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (consumer) DO UPDATE SET position = excluded.position, state = excluded.state, updated_at = excluded.updated_at',
      [consumer, cp.position, JSON.stringify(cp.states), this.now()],
    );
  }
}
