/**
 * @module bus/bus-metrics
 * The bus on `/metrics`: each consumer's lag (messages queued), drops and handler errors.
 */
import type { MetricsRegistry } from '../metrics/registry.ts';
import type { Bus } from './bus.ts';

/** Registers the bus gauges; they read the bus when scraped. */
export function registerBusMetrics(metrics: MetricsRegistry, bus: Bus): void {
  const per = (pick: (c: ReturnType<Bus['consumers']>[number]) => number) => () => bus.consumers().map((c) => [{ topic: c.topic, consumer: c.name }, pick(c)] as [Record<string, string>, number]);
  metrics.gauge('vigil_bus_consumer_lag_messages', 'Messages published to a bus consumer and not yet handled.', per((c) => c.queued));
  metrics.gauge('vigil_bus_consumer_dropped_total', 'Messages a bus consumer lost to its full queue (counter, read from the bus).', per((c) => c.dropped));
  metrics.gauge('vigil_bus_consumer_errors_total', 'Batches whose bus consumer handler failed (counter, read from the bus).', per((c) => c.errors));
}
