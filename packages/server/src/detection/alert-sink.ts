/**
 * @module detection/alert-sink
 * Where the detector delivers signals. The alert service implements it; the detector relies on its
 * idempotence: after a crash it replays from its last checkpoint and delivers some signals again, which
 * must change nothing (signal ids are deterministic), so no alert is lost or raised twice.
 */
import type { Signal } from '@vigil/contracts';

/** Receives the detector's signals. */
export interface AlertSink {
  /** Folds signals into alerts; idempotent by signal id. Resolves when durable. */
  applySignals(tenantId: string, signals: Signal[]): Promise<void>;
}
