/**
 * @module pipeline/live-hub
 * Fans events from the bus out to open live streams (SSE), each filtered by tenant and its own query,
 * and limits how many streams one principal (user or API key) holds open.
 */
import { VigilError, type AlertEvent, type IncidentEvent, type TenantEvent, type VigilEvent } from '@vigil/contracts';

export interface LiveListener {
  tenantId: string;
  match: (e: VigilEvent) => boolean;
  /** Must not block: the stream buffers (bounded) and drops for a slow client. */
  send: (e: VigilEvent) => void;
  /** Alert changes (the `alerts` topic), for streams that asked for them. */
  sendAlert?: (a: AlertEvent) => void;
  /** Incident changes (the `incidents` topic), for streams that asked for them. */
  sendIncident?: (i: IncidentEvent) => void;
}

/** The set of open live listeners. */
export class LiveHub {
  private readonly listeners = new Set<LiveListener>();
  private readonly perOwner = new Map<string, number>();

  /**
   * Adds a listener owned by `owner` (e.g. `apikey:<id>`); answers a function that removes it. An owner
   * already holding `maxPerOwner` streams gets `VIGIL_ERR_TOO_MANY_STREAMS`.
   */
  add(l: LiveListener, owner = '', maxPerOwner = Infinity): () => void {
    const n = this.perOwner.get(owner) ?? 0;
    if (n >= maxPerOwner) throw new VigilError('VIGIL_ERR_TOO_MANY_STREAMS', `This user or key already holds ${n} live streams (live.max_streams_per_principal); close one first.`);
    this.perOwner.set(owner, n + 1);
    this.listeners.add(l);
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      this.listeners.delete(l);
      const left = (this.perOwner.get(owner) ?? 1) - 1;
      if (left > 0) this.perOwner.set(owner, left);
      else this.perOwner.delete(owner);
    };
  }

  get size(): number {
    return this.listeners.size;
  }

  /** The `alerts` topic handler: alert changes to the tenant's listeners that want them. */
  readonly handleAlerts = async (batch: readonly AlertEvent[]): Promise<void> => {
    if (!this.listeners.size) return;
    for (const l of this.listeners) {
      if (!l.sendAlert) continue;
      for (const a of batch) if (a.tenantId === l.tenantId) l.sendAlert(a);
    }
  };

  /** The `incidents` topic handler: incident changes to the tenant's listeners that want them. */
  readonly handleIncidents = async (batch: readonly IncidentEvent[]): Promise<void> => {
    if (!this.listeners.size) return;
    for (const l of this.listeners) {
      if (!l.sendIncident) continue;
      for (const i of batch) if (i.tenantId === l.tenantId) l.sendIncident(i);
    }
  };

  /** The bus handler: delivers a batch to every matching listener. */
  readonly handle = async (batch: readonly TenantEvent[]): Promise<void> => {
    if (!this.listeners.size) return;
    for (const l of this.listeners) {
      for (const t of batch) if (t.tenantId === l.tenantId && l.match(t.event)) l.send(t.event);
    }
  };
}
