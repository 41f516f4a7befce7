/**
 * @module api/devices
 * Contracts of `/api/v1/devices*` (SNMP polling) and `/api/v1/snmp/profiles`. Communities and v3
 * keys are accepted in bodies and never answered: `credentialInfo` says only what kind is set.
 */
import Type, { type Static } from 'typebox';
import { IdParams, IsoTime, Nullable, Ok, StringEnum, operation } from './common.ts';
import { CreateSnmpUserBody } from './snmp.ts';
import { MetricsQuery, MetricsResponse } from './metrics.ts';

/** SNMP versions a device can be polled with. */
export const SNMP_VERSIONS = ['1', '2c', '3'] as const;

const Seconds = Type.Union([Type.Number(), Type.String({ maxLength: 32 })], { description: 'Seconds, or a duration such as "60s", "5m"' });

/** A custom OID polled as `custom.<name>`. */
export const CustomOid = Type.Object({ name: Type.String({ maxLength: 64 }), oid: Type.String({ maxLength: 256 }) });

/** `POST /devices` and `PUT /devices/{id}` body; on PUT, leave community/user out to keep them. */
export const DeviceBody = Type.Object({
  name: Type.String({ maxLength: 200 }),
  address: Type.String({ maxLength: 255, description: 'IP address or host name' }),
  port: Type.Optional(Type.Integer({ description: 'UDP port, default 161' })),
  version: Type.Optional(StringEnum(SNMP_VERSIONS, { description: 'Default 2c' })),
  community: Type.Optional(Type.String({ maxLength: 256, description: 'v1/v2c community (write-only)' })),
  user: Type.Optional(CreateSnmpUserBody),
  tags: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 50 })),
  profile: Type.Optional(Type.String({ maxLength: 64, description: 'system, interfaces (default), network or host' })),
  customOids: Type.Optional(Type.Array(CustomOid, { maxItems: 100 })),
  interval: Type.Optional(Seconds),
  timeout: Type.Optional(Seconds),
  enabled: Type.Optional(Type.Boolean()),
});
export type DeviceBody = Static<typeof DeviceBody>;

/** `POST /devices/discover` and `/devices/test-credentials` body: a device's address and credentials, or `deviceId` to reuse a stored device's credentials. */
export const DiscoverBody = Type.Object({
  ...Type.Partial(DeviceBody).properties,
  address: Type.String({ maxLength: 255 }),
  deviceId: Type.Optional(Type.String({ maxLength: 128 })),
});
export type DiscoverBody = Static<typeof DiscoverBody>;

/** One interface as the last poll saw it (rates per second). */
export const InterfaceRow = Type.Object({
  ifIndex: Type.String(),
  name: Type.String(),
  descr: Type.String(),
  alias: Type.Optional(Type.String()),
  speedBps: Type.Optional(Type.Number()),
  adminStatus: Type.Optional(Type.String()),
  operStatus: Type.Optional(Type.String()),
  inBps: Type.Optional(Type.Number()),
  outBps: Type.Optional(Type.Number()),
  inErrors: Type.Optional(Type.Number()),
  outErrors: Type.Optional(Type.Number()),
  inDiscards: Type.Optional(Type.Number()),
  outDiscards: Type.Optional(Type.Number()),
});
export type InterfaceRow = Static<typeof InterfaceRow>;

const deviceFields = {
  id: Type.String(),
  tenantId: Type.String(),
  name: Type.String(),
  address: Type.String(),
  port: Type.Integer(),
  version: StringEnum(SNMP_VERSIONS),
  credentialInfo: Type.Record(Type.String(), Type.Unknown(), { description: '{community: "set"} or {user: {name, level, authProtocol?, privProtocol?}}' }),
  tags: Type.Array(Type.String()),
  profile: Type.String(),
  customOids: Type.Array(CustomOid),
  intervalS: Type.Number(),
  timeoutMs: Type.Number(),
  enabled: Type.Boolean(),
  status: StringEnum(['unknown', 'up', 'down'] as const),
  lastPollAt: Nullable(IsoTime),
  lastOkAt: Nullable(IsoTime),
  lastError: Nullable(Type.String()),
  sysName: Nullable(Type.String()),
  sysDescr: Nullable(Type.String()),
  uptimeS: Nullable(Type.Number()),
  createdAt: IsoTime,
  updatedAt: IsoTime,
};

/** A device with its interface table (create, update answers). */
export const Device = Type.Object({ ...deviceFields, interfaces: Type.Array(InterfaceRow) });
export type Device = Static<typeof Device>;

/** A device in the list. */
export const DeviceSummary = Type.Object({ ...deviceFields, interfaceCount: Type.Integer(), interfacesUp: Type.Integer() });
export type DeviceSummary = Static<typeof DeviceSummary>;

/** A device's detail: its interface table and the newest CPU, memory, storage and load values. */
export const DeviceDetail = Type.Object({
  ...deviceFields,
  interfaces: Type.Array(InterfaceRow),
  latest: Type.Array(Type.Object({ name: Type.String(), labels: Type.Record(Type.String(), Type.String()), ts: IsoTime, value: Type.Number() })),
});
export type DeviceDetail = Static<typeof DeviceDetail>;

/** What discovery found, or why it failed (`ok: false`, `error`). */
export const Discovery = Type.Object({
  ok: Type.Boolean(),
  latencyMs: Type.Number(),
  error: Type.Optional(Type.String()),
  system: Type.Optional(Type.Object({ name: Type.Optional(Type.String()), descr: Type.Optional(Type.String()), objectId: Type.Optional(Type.String()), objectName: Type.Optional(Type.String()), uptimeS: Type.Optional(Type.Number()), location: Type.Optional(Type.String()), contact: Type.Optional(Type.String()) })),
  interfaces: Type.Optional(Type.Array(Type.Object({ ifIndex: Type.String(), descr: Type.String(), operStatus: Type.Optional(Type.Number()) }))),
  capabilities: Type.Optional(Type.Object({ interfaces: Type.Boolean(), hostResources: Type.Boolean(), ucd: Type.Boolean(), ciscoCpu: Type.Boolean() })),
  suggestedProfile: Type.Optional(Type.String()),
});
export type Discovery = Static<typeof Discovery>;

/** A polling profile. */
export const PollProfile = Type.Object({ name: Type.String(), description: Type.String(), scalars: Type.Array(Type.String()), columns: Type.Array(Type.String()) });
export type PollProfile = Static<typeof PollProfile>;

/** What one "poll now" did. */
export const PollSummary = Type.Object({ ok: Type.Boolean(), error: Type.Optional(Type.String()), durationMs: Type.Number(), samples: Type.Integer() });
export type PollSummary = Static<typeof PollSummary>;

/** The operations of `/api/v1/devices`. */
export const devicesApi = {
  list: operation({ tags: ['devices'], summary: 'List SNMP devices with their status', response: { 200: Type.Object({ devices: Type.Array(DeviceSummary) }) }, errors: [503] }),
  profiles: operation({ tags: ['devices'], summary: 'Polling profiles', response: { 200: Type.Object({ profiles: Type.Array(PollProfile) }) } }),
  create: operation({ tags: ['devices'], summary: 'Add a device to poll; its community or v3 keys are never returned', body: DeviceBody, response: { 201: Device }, errors: [409, 503] }),
  discover: operation({ tags: ['devices'], summary: 'Walk the system and interface tables of an address; suggests a profile', body: DiscoverBody, response: { 200: Discovery }, errors: [503] }),
  testCredentials: operation({ tags: ['devices'], summary: 'Test credentials against an address (deviceId reuses a stored device’s credentials)', body: DiscoverBody, response: { 200: Discovery }, errors: [503] }),
  get: operation({ tags: ['devices'], summary: 'A device with its interface table and latest CPU and memory', params: IdParams, response: { 200: DeviceDetail }, errors: [503] }),
  update: operation({ tags: ['devices'], summary: 'Change a device; leave community/user out to keep the stored credentials', params: IdParams, body: DeviceBody, response: { 200: Device }, errors: [409, 503] }),
  remove: operation({ tags: ['devices'], summary: 'Delete a device and its metrics', params: IdParams, response: { 200: Ok }, errors: [503] }),
  pollNow: operation({ tags: ['devices'], summary: 'Poll a device now', params: IdParams, response: { 200: PollSummary }, errors: [503] }),
  metrics: operation({ tags: ['devices'], summary: 'Metric series of a device; step (e.g. 1m) averages points per bucket', params: IdParams, querystring: MetricsQuery, response: { 200: MetricsResponse }, errors: [503] }),
};
