/**
 * @module pipeline/input-stats
 * Counters per input (http, syslog-udp, …): received, emitted, dropped, failed and parse failures.
 */
import type { Input } from '@vigil/contracts';
import { StageCounters } from '../metrics/stage-counters.ts';
import type { Counter, MetricsRegistry } from '../metrics/registry.ts';

/** Lazily created counters for each input. */
export class InputStats {
  private readonly byInput = new Map<Input, StageCounters>();
  private readonly unparsed: Counter;

  constructor(private readonly registry: MetricsRegistry) {
    this.unparsed = registry.counter('vigil_parse_failures_total', 'Lines no parser understood (stored with their text in message).');
  }

  counters(input: Input): StageCounters {
    let c = this.byInput.get(input);
    if (!c) this.byInput.set(input, (c = new StageCounters(this.registry, `source.${input}`, 'source')));
    return c;
  }

  addUnparsed(input: Input, n: number): void {
    this.unparsed.inc({ input }, n);
  }

  snapshot(): Array<{ name: Input; received: number; emitted: number; dropped: number; failed: number; parseFailures: number }> {
    return [...this.byInput].map(([name, c]) => ({ name, received: c.get('received'), emitted: c.get('emitted'), dropped: c.get('dropped'), failed: c.get('failed'), parseFailures: this.unparsed.get({ input: name }) }));
  }
}
