/**
 * @module metrics/stage-counters
 * What every pipeline component counts (received, emitted, dropped, failed), after Vector's
 * instrumentation spec. One instance per component, all exposed on /metrics as vigil_component_events_total.
 */
import type { Counter, MetricsRegistry } from './registry.ts';

export type StageOutcome = 'received' | 'emitted' | 'dropped' | 'failed';

/** Counters of one named component. */
export class StageCounters {
  private readonly counter: Counter;
  constructor(registry: MetricsRegistry, readonly component: string, readonly kind: 'source' | 'transform' | 'sink') {
    this.counter = registry.counter('vigil_component_events_total', 'Events per pipeline component and outcome.');
    for (const o of ['received', 'emitted', 'dropped', 'failed'] as const) this.counter.inc({ component, kind, outcome: o }, 0);
  }
  add(outcome: StageOutcome, n = 1): void {
    if (n) this.counter.inc({ component: this.component, kind: this.kind, outcome }, n);
  }
  get(outcome: StageOutcome): number {
    return this.counter.get({ component: this.component, kind: this.kind, outcome });
  }
}
