/**
 * @module pipeline/live-hub
 * Fans events from the bus out to open live streams (SSE), each filtered by tenant and its own query.
 */
import type { TenantEvent, VigilEvent } from '@vigil/contracts';

export interface LiveListener {
  tenantId: string;
  match: (e: VigilEvent) => boolean;
  send: (e: VigilEvent) => void;
}

/** The set of open live listeners. */
export class LiveHub {
  private readonly listeners = new Set<LiveListener>();

  /** Adds a listener; answers a function that removes it. */
  add(l: LiveListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  get size(): number {
    return this.listeners.size;
  }

  /** The bus handler: delivers a batch to every matching listener. */
  readonly handle = async (batch: readonly TenantEvent[]): Promise<void> => {
    if (!this.listeners.size) return;
    for (const l of this.listeners) {
      for (const t of batch) if (t.tenantId === l.tenantId && l.match(t.event)) l.send(t.event);
    }
  };
}
