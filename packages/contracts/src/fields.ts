/**
 * @module fields
 * The known event fields and their types. The query language uses the type to decide how a value
 * compares (`ip` fields take CIDR, `long` fields compare as numbers, `severity` by rank); the UI uses
 * the list for autocompletion. Fields not listed are dynamic: numbers compare as numbers, text as text.
 */

export type FieldType = 'keyword' | 'text' | 'ip' | 'long' | 'date' | 'severity' | 'object';

/** Field name -> type, for the fields named by the brief. */
export const FIELD_TYPES: Readonly<Record<string, FieldType>> = {
  id: 'keyword',
  '@timestamp': 'date',
  'event.ingested': 'date',
  message: 'text',
  'event.original': 'text',
  'event.dataset': 'keyword',
  'event.kind': 'keyword',
  'event.category': 'keyword',
  'event.action': 'keyword',
  'event.outcome': 'keyword',
  'vigil.severity': 'severity',
  'vigil.input': 'keyword',
  'host.name': 'keyword',
  'host.ip': 'ip',
  'observer.ip': 'ip',
  'observer.vendor': 'keyword',
  'observer.product': 'keyword',
  'source.ip': 'ip',
  'source.port': 'long',
  'destination.ip': 'ip',
  'destination.port': 'long',
  'network.transport': 'keyword',
  'network.protocol': 'keyword',
  'user.name': 'keyword',
  'process.name': 'keyword',
  'process.pid': 'long',
  'url.original': 'keyword',
  'http.request.method': 'keyword',
  'http.response.status_code': 'long',
  'user_agent.original': 'keyword',
  'log.syslog.priority': 'long',
  'log.syslog.facility.code': 'long',
  'log.syslog.facility.name': 'keyword',
  'log.syslog.severity.code': 'long',
  'log.syslog.severity.name': 'keyword',
  'log.syslog.appname': 'keyword',
  'log.syslog.procid': 'keyword',
  'log.syslog.msgid': 'keyword',
  'log.syslog.structured_data': 'object',
};

/** The type of a field; unknown fields are `keyword` (dynamic). */
export function fieldType(field: string): FieldType {
  return FIELD_TYPES[field] ?? 'keyword';
}
