/**
 * @module config/schema
 * The one configuration schema: validation, defaults, the reference page and the env names all come
 * from this table. A key `a.b_c` is set in vigil.yaml as `a: {b_c: …}` and by env `VIGIL_A_B_C`.
 */

export type ConfigType = 'string' | 'int' | 'enum' | 'bool' | 'duration' | 'secret';

export interface ConfigKey {
  type: ConfigType;
  default: string | number | boolean | undefined;
  doc: string;
  allowed?: readonly string[];
  min?: number;
  max?: number;
}

/** Every configuration key Vigil reads. */
export const CONFIG_SCHEMA = {
  data_dir: { type: 'string', default: './data', doc: 'Directory for the SQLite database, bootstrap.json and other local state.' },
  public_url: { type: 'string', default: undefined, doc: 'URL users reach Vigil at; defaults to http://127.0.0.1:<http.port>.' },
  'http.port': { type: 'int', default: 8080, min: 0, max: 65535, doc: 'Port of the HTTP API and web UI.' },
  'http.host': { type: 'string', default: '0.0.0.0', doc: 'Address the HTTP server binds to.' },
  'syslog.port': { type: 'int', default: 5514, min: 0, max: 65535, doc: 'Syslog UDP and TCP port; 0 disables.' },
  'syslog.tls_port': { type: 'int', default: 6514, min: 0, max: 65535, doc: 'Syslog over TLS (RFC 5425) port; active when syslog.tls_cert and syslog.tls_key are set.' },
  'syslog.tls_cert': { type: 'string', default: undefined, doc: 'PEM certificate file for syslog TLS.' },
  'syslog.tls_key': { type: 'string', default: undefined, doc: 'PEM private key file for syslog TLS.' },
  'syslog.host': { type: 'string', default: '::', doc: 'Address the syslog listeners bind to; "::" listens on IPv6 and IPv4 (falls back to 0.0.0.0 without IPv6).' },
  'syslog.tenant': { type: 'string', default: 'default', doc: 'Tenant (slug) that syslog events belong to unless syslog.tenant_map maps the sender.' },
  'syslog.tenant_map': { type: 'string', default: '', doc: 'Senders mapped to tenants by CIDR, e.g. "10.0.0.0/8=acme,2001:db8::/32=beta"; first match wins.' },
  'syslog.parser': { type: 'string', default: 'auto', doc: 'Parser for syslog lines: auto-detect, or a parser name to pin (see docs/formats).' },
  'syslog.max_message_bytes': { type: 'int', default: 65536, min: 256, max: 16777216, doc: 'Longest syslog message; longer TCP lines are truncated and counted.' },
  'syslog.idle_timeout': { type: 'duration', default: '10m', doc: 'TCP/TLS connections without traffic for this long are closed.' },
  'syslog.max_connections': { type: 'int', default: 1000, min: 1, doc: 'Most simultaneous TCP/TLS syslog connections; more are refused.' },
  'syslog.max_connections_per_address': { type: 'int', default: 100, min: 1, doc: 'Most simultaneous TCP/TLS syslog connections from one address; more are refused (counted), so one sender cannot take every slot.' },
  'syslog.line_timeout': { type: 'duration', default: '30s', doc: 'A TCP/TLS connection holding part of a message must complete one within this long or is closed (counted); a trickle cannot keep a slot.' },
  'syslog.udp_receive_buffer': { type: 'int', default: 16 * 1024 * 1024, min: 65536, max: 1024 * 1024 * 1024, doc: 'Receive buffer (bytes) asked for the UDP syslog socket: datagrams arriving while the pipeline is busy wait there instead of being lost. The kernel caps it at net.core.rmem_max (Linux default 208 KiB): raise that too (sysctl -w net.core.rmem_max=33554432); start-up warns when the buffer got smaller.' },
  'syslog.max_backlog': { type: 'int', default: 5000, min: 1000, doc: 'Events accepted but not yet stored before TCP stops reading (backpressure) and UDP drops (counted). Enough to keep the writer busy; more only holds memory (~3-5 KB an event) and costs GC, since every collection of the young generation copies the events in flight: 5,000 stored 10-25 % more lines per CPU-second than 10,000 with 60-125 MiB less peak RSS; 2,500 stored fewer (the writer waits). 10,000 stored ~12 % more than 50,000. UDP cannot push back, so for it this is also the buffer that rides out a slow commit: 10,000 kept < 0.1 % loss up to ~11k datagrams/s, 5,000 up to ~5k (docs/performance.md); raise it on a UDP-heavy collector.' },
  'snmp.trap_port': { type: 'int', default: 1162, min: 0, max: 65535, doc: 'SNMP trap and inform UDP port (v1, v2c, v3); 0 disables. Communities and v3 users are managed per tenant in the API (docs/snmp.md).' },
  'snmp.trap_host': { type: 'string', default: '::', doc: 'Address the SNMP trap listener binds to; "::" listens on IPv6 and IPv4. The sender picks the tenant through syslog.tenant_map.' },
  'snmp.engine_id': { type: 'string', default: undefined, doc: 'SNMPv3 engine ID (hex) of the trap receiver, which v3 senders of informs discover; unset: derived from the installation secret key, stable across restarts.' },
  'snmp.polling': { type: 'bool', default: true, doc: 'Poll the SNMP devices configured in the API; false leaves polling to other processes.' },
  'snmp.poll_concurrency': { type: 'int', default: 32, min: 1, max: 1024, doc: 'Most SNMP devices polled at the same time.' },
  'agents.metrics_interval': { type: 'duration', default: '10s', doc: 'How often host agents send metrics (told to agents at enrollment and in each heartbeat answer).' },
  'agents.heartbeat_interval': { type: 'duration', default: '30s', doc: 'How often host agents send a heartbeat.' },
  'agents.snapshot_interval': { type: 'duration', default: '1m', doc: 'How often host agents re-read their security snapshot (ports, users, sudoers, keys, packages, watched files) and send what changed.' },
  'agents.stale_after': { type: 'duration', default: '90s', doc: 'A host not heard of for this long is "stale".' },
  'agents.offline_after': { type: 'duration', default: '5m', doc: 'A host not heard of for this long is "offline": one agent.status host-offline event is stored (built-in rule agent-host-offline alerts).' },
  'agents.max_batch_bytes': { type: 'int', default: 8 * 1024 * 1024, min: 1024, max: 268435456, doc: 'Largest agent batch body; larger answers 413 (the agent splits its batches below this).' },
  'agents.clock_skew_warn': { type: 'duration', default: '2m', doc: 'An agent whose clock is off by more than this has its events flagged with vigil.clock_skew_ms.' },
  'agents.clock_skew_reject': { type: 'duration', default: '1h', doc: 'An agent whose clock is off by more than this has its batches refused (VIGIL_ERR_CLOCK_SKEW) until its time is fixed; they wait in its buffer.' },
  'agents.credential_rotate_after': { type: 'duration', default: '30d', doc: 'Agents rotate their host credential when it is older than this (the heartbeat answer tells them).' },
  'agents.credential_overlap': { type: 'duration', default: '1h', doc: 'After a rotation the previous host credential keeps working for this long.' },
  'agents.metric_events': { type: 'bool', default: true, doc: 'Also store host metrics as agent.metrics events so metric rules (high-cpu, high-disk) see them.' },
  'agents.metric_events_every': { type: 'duration', default: '1m', doc: 'At most one set of agent.metrics events per host this often (metric rules judge minutes, not seconds; every 10 s would be six times the events). 0s: every batch.' },
  'agents.bundle_dir': { type: 'string', default: undefined, doc: 'Directory holding the agent bundle served to installers (vigil-agent.js, build.json, SBOM); unset: packages/agent/dist of this installation (npm run build:agent).' },
  'agents.enroll_rate_limit': { type: 'int', default: 60, min: 1, doc: 'Enrollment attempts per minute per address; more answers 429.' },
  'metrics.retention_days': { type: 'int', default: 30, min: 1, max: 36500, doc: 'Points in the metrics store (SNMP polling, host agents) older than this many days are deleted.' },
  'database.url': { type: 'secret', default: undefined, doc: 'Database URL. Unset: SQLite file vigil.db in data_dir. postgres://… selects PostgreSQL.' },
  'database.sqlite_synchronous': { type: 'enum', default: 'normal', allowed: ['normal', 'full'], doc: 'SQLite synchronous mode. normal survives a process crash; full also survives power loss.' },
  'database.sqlite_writer_thread': { type: 'bool', default: true, doc: 'Write SQLite event batches on a worker thread (uses the second core); false writes on the main thread.' },
  'bus.url': { type: 'string', default: undefined, doc: 'Event bus. Unset: in-process. nats://… (NATS JetStream) is not available in this version: start-up refuses it rather than ignore it.' },
  role: { type: 'enum', default: 'all', allowed: ['all', 'ingest', 'detect', 'api'], doc: 'Which parts this process runs (scale-out). Only "all" works in this version; the others need the NATS bus and start-up refuses them.' },
  secret_key: { type: 'secret', default: undefined, doc: 'Key that encrypts stored secrets at rest (channel credentials, SNMP communities and v3 keys) and signs acknowledge/resolve links: 64 hex characters or the base64 of 32 bytes (`openssl rand -hex 32`). Unset: the key in data_dir/secret.key, created on first start. Changing it makes the secrets sealed with the old key unreadable (VIGIL_ERR_SECRET_KEY) until the old key is restored or each secret is entered again (docs/security.md).' },
  admin_password: { type: 'secret', default: undefined, doc: 'Initial password of the admin user on first start, instead of a generated one.' },
  'log.level': { type: 'enum', default: 'info', allowed: ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'], doc: 'Log level of the logs on stdout.' },
  'log.format': { type: 'enum', default: 'auto', allowed: ['auto', 'json', 'pretty'], doc: 'Log format: auto writes readable lines and a start-up banner on a terminal and JSON lines otherwise (pipes, files, systemd); json or pretty forces one.' },
  'retention.days': { type: 'int', default: 30, min: 1, max: 36500, doc: 'Events older than this many days are deleted by a background job.' },
  'ingest.max_body_bytes': { type: 'int', default: 16 * 1024 * 1024, min: 1024, doc: 'Largest accepted ingest request body; larger answers 413.' },
  'ingest.rate_limit': { type: 'int', default: 6000, min: 1, doc: 'Ingest requests per minute per API key; more answers 429.' },
  'ingest.max_future': { type: 'duration', default: '30d', doc: 'Latest accepted event time, ahead of the ingest time; an event time later than this (or older than retention.days) is replaced by the ingest time and kept in vigil.timestamp_invalid.' },
  'ingest.max_depth': { type: 'int', default: 20, min: 2, max: 100, doc: 'Deepest nesting of objects and arrays kept in an event; deeper parts are dropped and named in vigil.truncated.' },
  'ingest.max_fields': { type: 'int', default: 1000, min: 10, max: 100000, doc: 'Most fields per event, and most items kept in one array or object; the rest are dropped and named in vigil.truncated.' },
  'ingest.max_value_length': { type: 'int', default: 65536, min: 256, max: 16777216, doc: 'Longest text value in characters (message and event.original: 1 MiB); longer text is cut and named in vigil.truncated.' },
  'store.batch_size': { type: 'int', default: 10000, min: 1, max: 100000, doc: 'Most events the store worker writes in one transaction.' },
  'store.flush_ms': { type: 'int', default: 50, min: 1, max: 10000, doc: 'Longest time an accepted event waits for its batch to be written.' },
  'search.timeout': { type: 'duration', default: '10s', doc: 'Time budget of one search (events page, histogram, top values, fields, each export page); past it the search stops and answers 503 VIGIL_ERR_QUERY_TIMEOUT. PostgreSQL enforces it as statement_timeout.' },
  'search.reader_threads': { type: 'int', default: 2, min: 0, max: 16, doc: 'SQLite: worker threads that run searches on their own read-only connections, so a heavy search never blocks ingest or health checks; 0 runs searches on the main thread.' },
  'search.index': { type: 'bool', default: true, doc: 'Build the deferred search index (message trigrams, hot-field values, per-minute counts) on a low-priority thread that follows the committed events, so rare words and values and histograms stay fast on millions of events. Searches stay exact either way: events not yet indexed are scanned. false stops the indexer (what is indexed is still used).' },
  'search.index_busy_percent': { type: 'int', default: 10, min: 1, max: 100, doc: 'While events arrive faster than 2,000 per second, the search indexer works at most this percentage of the time, so it takes little CPU and writer time from ingest; the index lags meanwhile (searches stay exact: they scan what is not indexed yet) and catches up at full speed when arrivals slow down. 100 indexes at full speed always.' },
  'search.index_nice': { type: 'int', default: 19, min: 0, max: 19, doc: 'CPU priority (Linux nice value) of the search indexer thread: 19 gives ingest and searches every cycle they want and indexes with the rest; lower catches up faster on a busy machine.' },
  'detection.enabled': { type: 'bool', default: true, doc: 'Evaluate detection rules in this process; false leaves detection to other processes (no rule runs and no alert is raised here; ingest and search are unchanged).' },
  'detection.worker_thread': { type: 'bool', default: true, doc: 'Run rule evaluation on a worker thread (the second core), so a heavy rule set never slows ingest acknowledgements; false evaluates on the main thread.' },
  'detection.checkpoint_interval': { type: 'duration', default: '1s', doc: 'Longest time between two checkpoints of the detector (engine state and log position, one row). After a crash the detector replays what came after the last checkpoint (signals it re-raises are recognised, never doubled): longer means fewer writes and a longer replay.' },
  'detection.new_terms_seed_limit': { type: 'int', default: 100000, min: 0, max: 10000000, doc: 'Distinct terms a new_terms rule learns from stored events when it starts without state (a new or changed rule, a first start), newest first; 0 learns nothing. A cut is logged and counted (vigil_detect_seed_truncated_total).' },
  'notify.max_attempts': { type: 'int', default: 5, min: 1, max: 100, doc: 'Attempts of one notification delivery (the first included) before it becomes a dead letter, which an admin can resend (docs/notifications.md).' },
  'notify.retry_base': { type: 'duration', default: '1s', doc: 'Scale of the first retry of a failed delivery; each further retry waits a random time up to twice the previous ceiling (full jitter), never less than the receiver’s Retry-After.' },
  'notify.retry_max': { type: 'duration', default: '5m', doc: 'Longest wait between two attempts of a delivery (a longer Retry-After is capped too).' },
  'notify.timeout': { type: 'duration', default: '10s', doc: 'Time limit of one request to a notification receiver (HTTP or SMTP); past it the attempt fails and is retried.' },
  'live.max_streams_per_principal': { type: 'int', default: 20, min: 1, max: 10000, doc: 'Most live streams (SSE) one user or API key may hold open; more answer 429 VIGIL_ERR_TOO_MANY_STREAMS.' },
  'live.client_buffer_bytes': { type: 'int', default: 1048576, min: 16384, doc: 'Bytes of events a live stream holds for a client that reads slowly; beyond it events are dropped (counted) and the client gets a "dropped" notice.' },
  'live.stall_timeout': { type: 'duration', default: '60s', doc: 'A live stream client that has read nothing for this long while events wait is disconnected.' },
  'auth.session_ttl': { type: 'duration', default: '12h', doc: 'How long a login session lasts without use.' },
  'auth.session_max_age': { type: 'duration', default: '7d', doc: 'How long a login session lasts at most, however often it is used; then the user logs in again.' },
  'auth.login_rate_limit': { type: 'int', default: 10, min: 1, doc: 'Login attempts per minute per client address.' },
} as const satisfies Record<string, ConfigKey>;

export type ConfigKeyName = keyof typeof CONFIG_SCHEMA;

/** The env variable that sets a key. */
export function envName(key: string): string {
  return `VIGIL_${key.replace(/\./g, '_').toUpperCase()}`;
}
