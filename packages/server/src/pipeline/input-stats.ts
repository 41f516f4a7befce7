/**
 * @module pipeline/input-stats
 * Counters per input (http, syslog-udp, …): received, emitted, dropped, failed and parse failures.
 */
import type { Input } from '@vigil/contracts';
import type { BuildMarks } from '@vigil/core';
import { StageCounters } from '../metrics/stage-counters.ts';
import type { Counter, MetricsRegistry } from '../metrics/registry.ts';

/** Lazily created counters for each input. */
export class InputStats {
  private readonly byInput = new Map<Input, StageCounters>();
  private readonly unparsed: Counter;
  private readonly marked: Counter;

  constructor(private readonly registry: MetricsRegistry) {
    this.unparsed = registry.counter('vigil_parse_failures_total', 'Lines no parser understood (stored with their text in message).');
    this.marked = registry.counter('vigil_events_marked_total', 'Events stored with a mark: truncated (over the event limits), timestamp_invalid (event time outside the accepted window), invalid (a value kept aside in vigil.invalid.*).');
  }

  counters(input: Input): StageCounters {
    let c = this.byInput.get(input);
    if (!c) this.byInput.set(input, (c = new StageCounters(this.registry, `source.${input}`, 'source')));
    return c;
  }

  addUnparsed(input: Input, n: number): void {
    this.unparsed.inc({ input }, n);
  }

  /** Counts the events normalize marked in one batch. */
  addMarks(input: Input, m: BuildMarks): void {
    if (m.truncated) this.marked.inc({ input, mark: 'truncated' }, m.truncated);
    if (m.timestampInvalid) this.marked.inc({ input, mark: 'timestamp_invalid' }, m.timestampInvalid);
    if (m.invalid) this.marked.inc({ input, mark: 'invalid' }, m.invalid);
  }

  snapshot(): Array<{ name: Input; received: number; emitted: number; dropped: number; failed: number; parseFailures: number }> {
    return [...this.byInput].map(([name, c]) => ({ name, received: c.get('received'), emitted: c.get('emitted'), dropped: c.get('dropped'), failed: c.get('failed'), parseFailures: this.unparsed.get({ input: name }) }));
  }
}
