/**
 * @module event
 * The Vigil event: a flat record keyed by ECS-style dotted field names.
 *
 * Events travel flat (`{"event.dataset": "sshd"}`), never nested, so one field name means the same
 * thing in the query language, the storage columns, the API and the UI.
 */

/** A value an event field may hold. Objects appear only for structured fields such as `log.syslog.structured_data`. */
export type FieldValue = string | number | boolean | null | FieldValue[] | { [key: string]: FieldValue };

/** A normalized event: flat dotted keys. `id`, `@timestamp`, `event.ingested` and `message` are always present once stored. */
export interface VigilEvent {
  id: string;
  '@timestamp': string;
  'event.ingested': string;
  message: string;
  [field: string]: FieldValue | undefined;
}

/** An event before the pipeline has given it an id and ingest time. */
export type RawEventFields = Record<string, FieldValue | undefined>;

/** Inputs an event can arrive through (`vigil.input`). */
export const INPUTS = ['syslog-udp', 'syslog-tcp', 'syslog-tls', 'http', 'snmp', 'agent'] as const;
export type Input = (typeof INPUTS)[number];

/** Outcomes (`event.outcome`). */
export const OUTCOMES = ['success', 'failure', 'unknown'] as const;
export type Outcome = (typeof OUTCOMES)[number];
