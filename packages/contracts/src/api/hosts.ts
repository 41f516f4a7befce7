/**
 * @module api/hosts
 * Contracts of `/api/v1/hosts*`: the tenant's enrolled hosts (the fleet view). Status comes from the
 * last heartbeat or batch: `online` (within agents.stale_after, default 90 s), `stale` (within
 * agents.offline_after, default 5 m), `offline` (longer; a host-offline event is stored once per
 * transition, and the built-in rule `agent-host-offline` alerts on it), `revoked`.
 *
 * @example
 * // Hosts list with CPU/memory sparklines: GET /api/v1/hosts, then per host
 * // GET /api/v1/hosts/{id}/metrics?name=cpu.load_pct,memory.used_pct&from=-1h&step=1m
 */
import Type, { type Static } from 'typebox';
import { IdParams, IsoTime, Nullable, Ok, StringEnum, operation } from './common.ts';
import { MetricsQuery, MetricsResponse } from './metrics.ts';
import { AGENT_COMMANDS, AgentOs, SNAPSHOT_SECTIONS } from './agents.ts';

/** A host's state as the fleet view shows it. */
export const HOST_STATUSES = ['online', 'stale', 'offline', 'revoked'] as const;
/** A host status. */
export type HostStatus = (typeof HOST_STATUSES)[number];
/** States of a queued command. */
export const COMMAND_STATES = ['pending', 'delivered', 'done', 'failed', 'expired'] as const;

const hostFields = {
  id: Type.String(),
  name: Type.String({ description: 'Host name the agent enrolled with (host.name of its events)' }),
  machineId: Nullable(Type.String()),
  status: StringEnum(HOST_STATUSES),
  lastSeenAt: Nullable(IsoTime),
  enrolledAt: IsoTime,
  os: AgentOs,
  agentVersion: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  hostGroup: Nullable(Type.String()),
  address: Nullable(Type.String({ description: 'The address the agent last connected from' })),
  skewMs: Nullable(Type.Number({ description: 'Server minus agent clock at the last heartbeat' })),
  bufferedBatches: Nullable(Type.Integer({ description: 'Batches in the agent’s disk buffer at the last heartbeat' })),
  credentialRotatedAt: Nullable(IsoTime),
  revokedAt: Nullable(IsoTime),
  snapshotAt: Nullable(IsoTime),
};

/** A host. */
export const Host = Type.Object(hostFields);
export type Host = Static<typeof Host>;

/** The newest value of a few headline metrics (absent when never reported). */
export const HostHeadline = Type.Object({
  cpuPct: Type.Optional(Type.Number()),
  memoryPct: Type.Optional(Type.Number()),
  load1: Type.Optional(Type.Number()),
  diskMaxPct: Type.Optional(Type.Number({ description: 'The fullest file system in percent' })),
  uptimeS: Type.Optional(Type.Number()),
});
export type HostHeadline = Static<typeof HostHeadline>;

/** A host in the list: with its headline metrics and the number of open alerts naming it. */
export const HostSummary = Type.Object({ ...hostFields, latest: HostHeadline, openAlerts: Type.Integer() });
export type HostSummary = Static<typeof HostSummary>;

/** `GET /hosts` answer. */
export const HostList = Type.Object({ hosts: Type.Array(HostSummary) });
export type HostList = Static<typeof HostList>;

/** One snapshot section as last received. */
export const HostSnapshotPart = Type.Object({ takenAt: IsoTime, data: Type.Unknown() });

/** A host's detail: headline metrics, every latest metric value and the current snapshot by section. */
export const HostDetail = Type.Object({
  ...hostFields,
  latest: HostHeadline,
  openAlerts: Type.Integer(),
  metrics: Type.Array(Type.Object({ name: Type.String(), labels: Type.Record(Type.String(), Type.String()), ts: IsoTime, value: Type.Number() })),
  snapshot: Type.Record(Type.String(), HostSnapshotPart, { description: `By section: ${SNAPSHOT_SECTIONS.join(', ')}` }),
});
export type HostDetail = Static<typeof HostDetail>;

/** `PUT /hosts/{id}/tags` body. */
export const HostTagsBody = Type.Object({ tags: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 }) });
export type HostTagsBody = Static<typeof HostTagsBody>;

/** `POST /hosts/{id}/commands` body. */
export const CreateHostCommandBody = Type.Object({ type: StringEnum(AGENT_COMMANDS), args: Type.Optional(Type.Record(Type.String(), Type.Unknown())) });
export type CreateHostCommandBody = Static<typeof CreateHostCommandBody>;

/** A queued command and, once the agent answered, its result. */
export const HostCommand = Type.Object({
  id: Type.String(),
  hostId: Type.String(),
  type: StringEnum(AGENT_COMMANDS),
  args: Type.Record(Type.String(), Type.Unknown()),
  status: StringEnum(COMMAND_STATES),
  createdAt: IsoTime,
  createdBy: Nullable(Type.String()),
  deliveredAt: Nullable(IsoTime),
  completedAt: Nullable(IsoTime),
  result: Nullable(Type.Record(Type.String(), Type.Unknown())),
  error: Nullable(Type.String()),
});
export type HostCommand = Static<typeof HostCommand>;

/** `/hosts/{id}/commands/{commandId}` path. */
export const HostCommandParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }), commandId: Type.String({ minLength: 1, maxLength: 128 }) });
export type HostCommandParams = Static<typeof HostCommandParams>;

/** The operations of `/api/v1/hosts`. */
export const hostsApi = {
  list: operation({ tags: ['hosts'], summary: 'List enrolled hosts with status, headline metrics and open alerts', response: { 200: HostList } }),
  get: operation({ tags: ['hosts'], summary: 'A host with its latest metrics and current snapshot', params: IdParams, response: { 200: HostDetail } }),
  setTags: operation({ tags: ['hosts'], summary: 'Replace a host’s tags', params: IdParams, body: HostTagsBody, response: { 200: Host } }),
  revoke: operation({ tags: ['hosts'], summary: 'Revoke a host: its next request answers 401 VIGIL_ERR_AGENT_REVOKED and the agent stops', params: IdParams, response: { 200: Host } }),
  remove: operation({ tags: ['hosts'], summary: 'Delete a host, its metrics and snapshot (revoke first to stop a running agent)', params: IdParams, response: { 200: Ok } }),
  metrics: operation({ tags: ['hosts'], summary: 'Metric series of a host; step (e.g. 1m) averages points per bucket', params: IdParams, querystring: MetricsQuery, response: { 200: MetricsResponse } }),
  command: operation({ tags: ['hosts'], summary: 'Queue a command for the host’s agent (ping)', params: IdParams, body: CreateHostCommandBody, response: { 201: HostCommand }, errors: [409] }),
  getCommand: operation({ tags: ['hosts'], summary: 'A queued command and its result', params: HostCommandParams, response: { 200: HostCommand } }),
};
