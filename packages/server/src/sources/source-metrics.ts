/**
 * @module sources/source-metrics
 * What network sources count beyond events: socket errors (by code, never swallowed silently) and
 * connections refused or closed by a limit (by reason), per input.
 */
import type { Input } from '@vigil/contracts';
import type { Counter, MetricsRegistry } from '../metrics/registry.ts';

/** Why a connection was refused or closed by the source. */
export type ConnectionLimitReason = 'per_address' | 'max_connections' | 'idle' | 'line_timeout';

/** Socket-level counters shared by every source of a process. */
export class SourceMetrics {
  private readonly errors: Counter;
  private readonly refused: Counter;
  private readonly closed: Counter;

  constructor(registry: MetricsRegistry) {
    this.errors = registry.counter('vigil_source_socket_errors_total', 'Socket errors on source connections and listeners, by input and error code.');
    this.refused = registry.counter('vigil_source_connections_refused_total', 'Connections a source refused, by input and limit (per_address, max_connections).');
    this.closed = registry.counter('vigil_source_connections_closed_total', 'Connections a source closed, by input and reason (idle, line_timeout).');
  }

  /** Counts a socket error. */
  socketError(input: Input, err: unknown): void {
    this.errors.inc({ input, code: String((err as NodeJS.ErrnoException | null)?.code ?? 'unknown') });
  }

  /** Counts a refused connection. */
  refuse(input: Input, reason: ConnectionLimitReason): void {
    this.refused.inc({ input, reason });
  }

  /** Counts a connection closed by a limit. */
  close(input: Input, reason: ConnectionLimitReason): void {
    this.closed.inc({ input, reason });
  }

  /** Socket errors seen for an input and code (tests). */
  errorsFor(input: Input, code: string): number {
    return this.errors.get({ input, code });
  }
}
