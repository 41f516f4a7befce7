/**
 * @module parsers/cef/cef-fields
 * CEF extension keys → ECS fields (the ArcSight dictionary's common keys). Keys are data, not code:
 * one table, read by the parser.
 */

/** Extension key → ECS field for values that are copied as text. */
export const CEF_TEXT_FIELDS: Readonly<Record<string, string>> = {
  act: 'event.action',
  app: 'network.protocol',
  request: 'url.original',
  requestMethod: 'http.request.method',
  requestClientApplication: 'user_agent.original',
  requestContext: 'http.request.referrer',
  suser: 'source.user.name',
  duser: 'destination.user.name',
  suid: 'source.user.id',
  duid: 'destination.user.id',
  shost: 'source.domain',
  dhost: 'destination.domain',
  smac: 'source.mac',
  dmac: 'destination.mac',
  sntdom: 'source.user.domain',
  dntdom: 'destination.user.domain',
  sproc: 'process.name',
  dproc: 'process.name',
  fname: 'file.name',
  filePath: 'file.path',
  fileHash: 'file.hash.md5',
  dvchost: 'observer.hostname',
  deviceExternalId: 'observer.serial_number',
  deviceInboundInterface: 'observer.ingress.interface.name',
  deviceOutboundInterface: 'observer.egress.interface.name',
  reason: 'event.reason',
  externalId: 'event.id',
  cat: 'cef.category',
  outcome: 'cef.outcome',
  msg: 'message',
};

/** Extension keys holding IP addresses. */
export const CEF_IP_FIELDS: Readonly<Record<string, string>> = {
  src: 'source.ip',
  dst: 'destination.ip',
  dvc: 'observer.ip',
  sourceTranslatedAddress: 'source.nat.ip',
  destinationTranslatedAddress: 'destination.nat.ip',
};

/** Extension keys holding ports or other integers. */
export const CEF_INT_FIELDS: Readonly<Record<string, string>> = {
  spt: 'source.port',
  dpt: 'destination.port',
  sourceTranslatedPort: 'source.nat.port',
  destinationTranslatedPort: 'destination.nat.port',
  spid: 'process.pid',
  dpid: 'process.pid',
  in: 'source.bytes',
  out: 'destination.bytes',
  cnt: 'event.count',
  baseEventCount: 'event.count',
};

/** Extension keys holding times (`rt` is the event time; `start`/`end` bound it). */
export const CEF_TIME_FIELDS: Readonly<Record<string, string>> = {
  rt: '@timestamp',
  start: 'event.start',
  end: 'event.end',
};

/** How an extension value is converted. */
export type CefKind = 'text' | 'ip' | 'int' | 'time';

/** Every mapped extension key → [kind, ECS field], one lookup per key. */
export const CEF_FIELDS: ReadonlyMap<string, readonly [CefKind, string]> = new Map<string, readonly [CefKind, string]>([
  ...Object.entries(CEF_TEXT_FIELDS).map(([k, v]) => [k, ['text', v] as const] as const),
  ...Object.entries(CEF_IP_FIELDS).map(([k, v]) => [k, ['ip', v] as const] as const),
  ...Object.entries(CEF_INT_FIELDS).map(([k, v]) => [k, ['int', v] as const] as const),
  ...Object.entries(CEF_TIME_FIELDS).map(([k, v]) => [k, ['time', v] as const] as const),
]);
