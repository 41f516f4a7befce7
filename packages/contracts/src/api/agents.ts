/**
 * @module api/agents
 * Contracts of the host agent's side of the API (`/api/v1/agents/*`) and of enrollment tokens.
 *
 * Enrollment: an admin mints a token per tenant (`POST /agents/tokens`, TTL, max uses, optional tags
 * and host group); the install script runs `vigil-agent enroll --token vgt_…`, which calls the public
 * `POST /agents/enroll` and receives a per-host credential `vga_<hostId>_<secret>` (stored hashed on
 * the server, 0600 on the host). Every other agent operation authenticates with that credential
 * (`Authorization: Bearer vga_…`), acts for that host only, and answers `401 VIGIL_ERR_AGENT_REVOKED`
 * once the host is revoked (the agent stops) or `401 VIGIL_ERR_BAD_AGENT_CREDENTIAL`.
 *
 * @example
 * // The agent's loop: POST /agents/batches {batchId, sentAt, events, metrics, lines, snapshot}
 * // every 10 s, POST /agents/heartbeat every 30 s, GET /agents/commands?wait=25 in between.
 */
import Type, { type Static } from 'typebox';
import { IdParams, IsoTime, Nullable, Ok, StringEnum, operation, Content } from './common.ts';

/** The public prefix of an enrollment token (`vgt_<id>_<secret>`). */
export const ENROLLMENT_TOKEN_PREFIX = 'vgt_';
/** The public prefix of a host credential (`vga_<hostId>_<secret>`). */
export const AGENT_CREDENTIAL_PREFIX = 'vga_';
/** Commands the server can queue for an agent; response actions arrive with a later issue. */
export const AGENT_COMMANDS = ['ping'] as const;
/** A command type. */
export type AgentCommandType = (typeof AGENT_COMMANDS)[number];
/** Snapshot sections an agent sends (each replaces the host's previous one of the same name). */
export const SNAPSHOT_SECTIONS = ['os', 'ports', 'users', 'groups', 'sudoers', 'ssh_keys', 'sshd', 'logins', 'packages', 'fim', 'outbound'] as const;
/** A snapshot section name. */
export type SnapshotSection = (typeof SNAPSHOT_SECTIONS)[number];
/** States of an enrollment token. */
export const TOKEN_STATES = ['active', 'expired', 'used_up', 'revoked'] as const;

const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 });
const EpochMs = Type.Number({ description: 'Epoch milliseconds' });

/** An enrollment token as listed: never its secret. */
export const EnrollmentToken = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String({ description: 'The public part (`vgt_<id>`)' }),
  tags: Type.Array(Type.String(), { description: 'Tags every host enrolled with it gets' }),
  hostGroup: Nullable(Type.String()),
  maxUses: Type.Integer(),
  uses: Type.Integer(),
  status: StringEnum(TOKEN_STATES),
  expiresAt: IsoTime,
  createdAt: IsoTime,
  createdBy: Nullable(Type.String({ description: 'Who minted it (user name, API key or cli)' })),
  revokedAt: Nullable(IsoTime),
  lastUsedAt: Nullable(IsoTime),
});
export type EnrollmentToken = Static<typeof EnrollmentToken>;

/** A minted token: `token` is the secret (shown once) and `installCommand` the one-liner that installs and enrolls an agent. */
export const CreatedEnrollmentToken = Type.Object({
  ...EnrollmentToken.properties,
  token: Type.String({ description: 'The secret; shown once' }),
  installCommand: Type.String({ description: 'curl … /install.sh | sudo sh -s -- --token …' }),
});
export type CreatedEnrollmentToken = Static<typeof CreatedEnrollmentToken>;

/** `POST /agents/tokens` body. */
export const CreateEnrollmentTokenBody = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 200 })),
  ttl: Type.Optional(Type.String({ maxLength: 32, description: 'How long it can be used: a duration such as 1h (default), 7d; at most 30d' })),
  uses: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, description: 'How many hosts may enroll with it (default 1)' })),
  tags: Type.Optional(Tags),
  hostGroup: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
});
export type CreateEnrollmentTokenBody = Static<typeof CreateEnrollmentTokenBody>;

/** `GET /agents/tokens` answer. */
export const EnrollmentTokenList = Type.Object({ tokens: Type.Array(EnrollmentToken) });
export type EnrollmentTokenList = Static<typeof EnrollmentTokenList>;

/** What an agent says about its system. */
export const AgentOs = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 200, description: 'PRETTY_NAME of os-release, e.g. Debian GNU/Linux 13 (trixie)' })),
  id: Type.Optional(Type.String({ maxLength: 64 })),
  version: Type.Optional(Type.String({ maxLength: 64 })),
  kernel: Type.Optional(Type.String({ maxLength: 200 })),
  arch: Type.Optional(Type.String({ maxLength: 32 })),
  platform: Type.Optional(Type.String({ maxLength: 32 })),
});
export type AgentOs = Static<typeof AgentOs>;

/** The intervals and limits the server asks of its agents. */
export const AgentConfig = Type.Object({
  metricsIntervalS: Type.Number(),
  heartbeatIntervalS: Type.Number(),
  snapshotIntervalS: Type.Number(),
  commandWaitS: Type.Number({ description: 'How long one command long-poll may wait' }),
  maxBatchBytes: Type.Integer({ description: 'Largest batch body the server takes' }),
});
export type AgentConfig = Static<typeof AgentConfig>;

/** `POST /agents/enroll` body. */
export const EnrollBody = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 200, description: 'An enrollment token (vgt_…)' }),
  hostname: Type.String({ minLength: 1, maxLength: 255 }),
  machineId: Type.Optional(Type.String({ maxLength: 128, description: '/etc/machine-id' })),
  os: Type.Optional(AgentOs),
  agentVersion: Type.Optional(Type.String({ maxLength: 64 })),
});
export type EnrollBody = Static<typeof EnrollBody>;

/** `POST /agents/enroll` answer: the host's credential (shown once; keep it 0600). */
export const EnrollResponse = Type.Object({
  hostId: Type.String(),
  credential: Type.String({ description: 'vga_<hostId>_<secret>; send as Authorization: Bearer' }),
  config: AgentConfig,
  serverTime: EpochMs,
});
export type EnrollResponse = Static<typeof EnrollResponse>;

/** One metric sample (names as in docs/agent.md: cpu.load_pct, memory.used_pct, disk.used_pct{mount}, …). */
export const AgentMetric = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 128 }),
  labels: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 256 }), { maxProperties: 16 })),
  ts: EpochMs,
  value: Type.Number(),
});
export type AgentMetric = Static<typeof AgentMetric>;

/** One shipped log line: parsed by the server like a syslog line. */
export const AgentLine = Type.Object({
  text: Type.String({ maxLength: 65536 }),
  file: Type.Optional(Type.String({ maxLength: 1024, description: 'The file it was read from (log.file.path)' })),
  source: Type.Optional(StringEnum(['file', 'journald'] as const)),
  ts: Type.Optional(EpochMs),
});
export type AgentLine = Static<typeof AgentLine>;

/** One snapshot section: the whole current state of one collector. */
export const AgentSnapshotPart = Type.Object({
  section: StringEnum(SNAPSHOT_SECTIONS),
  takenAt: EpochMs,
  data: Type.Unknown({ description: 'The collector’s state (docs/agent.md)' }),
});
export type AgentSnapshotPart = Static<typeof AgentSnapshotPart>;

/** `POST /agents/batches` body. The batch id makes a replay harmless: the server accepts each id once per host. */
export const AgentBatchBody = Type.Object({
  batchId: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
  sentAt: Type.Number({ description: 'Agent clock when this attempt was sent (epoch ms); the skew gate compares it with the server clock' }),
  events: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()), { maxItems: 10000, description: 'Events (agent.snapshot, agent.fim, agent.port, …); identity fields are set by the server' })),
  metrics: Type.Optional(Type.Array(AgentMetric, { maxItems: 20000 })),
  lines: Type.Optional(Type.Array(AgentLine, { maxItems: 20000 })),
  snapshot: Type.Optional(Type.Array(AgentSnapshotPart, { maxItems: SNAPSHOT_SECTIONS.length })),
});
export type AgentBatchBody = Static<typeof AgentBatchBody>;

/** What the server did with a batch. */
export const AgentBatchResult = Type.Object({
  duplicate: Type.Boolean({ description: 'True when this batch id was accepted before: nothing was stored again' }),
  accepted: Type.Object({ events: Type.Integer(), lines: Type.Integer(), metrics: Type.Integer(), snapshot: Type.Integer() }),
  rejected: Type.Array(Type.Object({ kind: StringEnum(['event', 'line', 'metric'] as const), index: Type.Integer(), error: Type.String() })),
  skewMs: Type.Number({ description: 'Server clock minus the batch’s sentAt (positive: the agent is behind)' }),
  flagged: Type.Boolean({ description: 'True when the skew is over agents.clock_skew_warn: events carry vigil.clock_skew_ms' }),
  serverTime: EpochMs,
});
export type AgentBatchResult = Static<typeof AgentBatchResult>;

/** `POST /agents/heartbeat` body. */
export const HeartbeatBody = Type.Object({
  sentAt: EpochMs,
  agentVersion: Type.Optional(Type.String({ maxLength: 64 })),
  uptimeS: Type.Optional(Type.Number()),
  bufferedBatches: Type.Optional(Type.Integer({ minimum: 0, description: 'Batches waiting in the disk buffer' })),
  droppedBatches: Type.Optional(Type.Integer({ minimum: 0, description: 'Batches dropped because the disk buffer was full' })),
  skewMs: Type.Optional(Type.Number({ description: 'The agent’s own estimate of server minus agent clock' })),
  os: Type.Optional(AgentOs),
});
export type HeartbeatBody = Static<typeof HeartbeatBody>;

/** `POST /agents/heartbeat` answer. */
export const HeartbeatResponse = Type.Object({
  serverTime: EpochMs,
  skewMs: Type.Number(),
  rotateCredential: Type.Boolean({ description: 'The credential is due for rotation: call POST /agents/rotate' }),
  config: AgentConfig,
});
export type HeartbeatResponse = Static<typeof HeartbeatResponse>;

/** `GET /agents/commands` query. */
export const CommandsQuery = Type.Object({ wait: Type.Optional(Type.Integer({ minimum: 0, maximum: 60, description: 'Seconds to wait for a command (long poll); default 25' })) });
export type CommandsQuery = Static<typeof CommandsQuery>;

/** A command as the agent receives it. */
export const AgentCommand = Type.Object({ id: Type.String(), type: StringEnum(AGENT_COMMANDS), args: Type.Record(Type.String(), Type.Unknown()), createdAt: IsoTime });
export type AgentCommand = Static<typeof AgentCommand>;

/** `GET /agents/commands` answer (empty after the wait when nothing is queued). */
export const AgentCommandList = Type.Object({ commands: Type.Array(AgentCommand) });
export type AgentCommandList = Static<typeof AgentCommandList>;

/** `POST /agents/commands/{id}/result` body. */
export const CommandResultBody = Type.Object({
  ok: Type.Boolean(),
  result: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  error: Type.Optional(Type.String({ maxLength: 2000 })),
});
export type CommandResultBody = Static<typeof CommandResultBody>;

/** `POST /agents/rotate` answer: the new credential; the old one keeps working until `previousValidUntil`. */
export const RotateCredentialResponse = Type.Object({ credential: Type.String(), previousValidUntil: IsoTime });
export type RotateCredentialResponse = Static<typeof RotateCredentialResponse>;

/** `GET /agents/bundle/info` answer: what the install script verifies. */
export const AgentBundleInfo = Type.Object({
  version: Type.String(),
  sha256: Type.String({ description: 'Hex SHA-256 of the bundle' }),
  signature: Type.String({ description: 'Base64 Ed25519 signature of the bundle by the server’s release key' }),
  publicKey: Type.String({ description: 'The release key (PEM, SPKI)' }),
  bytes: Type.Integer(),
  sbom: Type.Boolean({ description: 'True when GET /agents/bundle/sbom answers' }),
});
export type AgentBundleInfo = Static<typeof AgentBundleInfo>;

/** The operations of `/api/v1/agents/*` and `/install.sh`. */
export const agentsApi = {
  listTokens: operation({ tags: ['agents'], summary: 'List enrollment tokens (never their secrets)', response: { 200: EnrollmentTokenList } }),
  createToken: operation({ tags: ['agents'], summary: 'Mint an enrollment token; the token and install one-liner are in this answer only', body: CreateEnrollmentTokenBody, response: { 201: CreatedEnrollmentToken } }),
  revokeToken: operation({ tags: ['agents'], summary: 'Revoke an enrollment token (hosts already enrolled keep working)', params: IdParams, response: { 200: Ok } }),
  enroll: operation({ tags: ['agents'], summary: 'Enroll a host with a token; answers the host’s credential (once)', description: 'Public: authenticated by the token in the body. Expired, used-up or revoked tokens and host credentials answer 401 VIGIL_ERR_BAD_ENROLLMENT_TOKEN.', body: EnrollBody, response: { 201: EnrollResponse }, errors: [503] }),
  batch: operation({ tags: ['agents'], summary: 'Send a batch of events, metrics, log lines and snapshot sections (idempotent by batchId)', body: AgentBatchBody, response: { 200: AgentBatchResult }, errors: [503] }),
  heartbeat: operation({ tags: ['agents'], summary: 'Heartbeat: the host is alive; answers the server time and whether to rotate', body: HeartbeatBody, response: { 200: HeartbeatResponse } }),
  commands: operation({ tags: ['agents'], summary: 'Long-poll for commands queued for this host', querystring: CommandsQuery, response: { 200: AgentCommandList } }),
  commandResult: operation({ tags: ['agents'], summary: 'Report a command’s result', params: IdParams, body: CommandResultBody, response: { 200: Ok } }),
  rotate: operation({ tags: ['agents'], summary: 'Rotate this host’s credential; the old one works for agents.credential_overlap', response: { 200: RotateCredentialResponse } }),
  bundleInfo: operation({ tags: ['agents'], summary: 'The agent bundle’s version, SHA-256, Ed25519 signature and release public key', response: { 200: AgentBundleInfo }, errors: [503] }),
  bundle: operation({ tags: ['agents'], summary: 'The agent bundle (one JavaScript file run by Node ≥ 20)', response: { 200: Content({ 'text/javascript': Type.String() }, 'The bundle') }, errors: [503] }),
  bundleSignature: operation({ tags: ['agents'], summary: 'The bundle’s detached Ed25519 signature (base64)', response: { 200: Content({ 'text/plain': Type.String() }, 'Base64 signature') }, errors: [503] }),
  bundleSbom: operation({ tags: ['agents'], summary: 'The bundle’s SBOM (CycloneDX JSON from npm sbom)', response: { 200: Type.Unknown({ description: 'CycloneDX document' }) }, errors: [404, 503] }),
};
