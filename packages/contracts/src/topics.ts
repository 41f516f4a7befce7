/**
 * @module topics
 * The bus topics and the message each carries. A topic name is the same on every bus adapter (the
 * in-process bus uses it as a key; NATS uses it as the subject suffix).
 */
import type { TenantEvent } from './tenant-event.ts';
import type { AlertEvent } from './alert-event.ts';
import type { IncidentEvent } from './incident-event.ts';

/** Topic names; `agent.*` (host agent messages) arrives with the agent. */
export const TOPICS = { events: 'events', alerts: 'alerts', incidents: 'incidents' } as const;

/** The message type of each topic. */
export interface TopicMessages {
  events: TenantEvent;
  alerts: AlertEvent;
  incidents: IncidentEvent;
}

/** A topic name. */
export type Topic = keyof TopicMessages;

/**
 * A place in a durable log (the committed `events` log): opaque text that only the log that answered
 * it can compare. SQLite: the events table's `seq`; PostgreSQL: `xid:seq`; NATS: the stream sequence.
 * Consumers store it next to their own state and hand it back to resume.
 */
export type LogPosition = string;

/** The position before the first entry of every log. */
export const LOG_START: LogPosition = '0';
