/**
 * @module sources/source
 * A source receives raw data from the outside and hands items to the ingest service.
 */

export interface Source {
  /** Registry name, e.g. `syslog-udp`. */
  readonly name: string;
  /** Starts listening; answers the bound address(es) for logs. */
  start(): Promise<string[]>;
  /** Stops accepting, finishes what it already read. */
  stop(): Promise<void>;
}
