/**
 * Corpus conformance: every sample in the shared corpus that has an expected output beside it is run
 * through `parseLine`; the expected field names are mapped onto Vigil's, the values compared, and a
 * pass-rate table is printed per folder and overall, then written to `bench/corpus.json`.
 *
 *   npx tsx scripts/corpus.ts [--corpus DIR] [--verbose] [--folder NAME] [--no-write]
 *
 * Expectation formats read (nothing is copied into the repository; the corpus stays in ../shared):
 * - rsyslog `*.parse1`: input line + `%PRI%,%syslogfacility-text%,%syslogseverity-text%,%timestamp%,
 *   %hostname%,%programname%,%syslogtag%,%msg%`.
 * - CrowdSec `*.parser.assert`: per-stage parser results (`Evt.Parsed`, `Evt.Meta`, `Evt.Unmarshaled`).
 * - Wazuh `*.ini`: the decoder that must handle each `log N pass` line.
 * - Elastic `*-expected.json`: the ECS documents the ingest pipeline produced.
 * - loghub `*_structured.csv`: the header fields of each line.
 *
 * Exclusions (not compared, each with its reason; they are listed again at the end of a run):
 * - CrowdSec `scenario.assert`, the Sigma rules and `CANDIDATE_MATCHES.md`: detection expectations for
 *   the rule engine, not parser output.
 * - `snmp-trap/*`: multi-line snmptrapd documents (with PHP placeholders) for the SNMP trap input, not
 *   syslog lines.
 * - Samples without an expected output (`cef/elastic`, `cef/tenzir`, `leef/tenzir`, `leef/rsyslog`,
 *   `juniper-srx/elastic`, `cisco-asa/elastic`, `pfsense/elastic`, the rsyslog mmsnareparse `.data` files,
 *   `syslog-edgecases`): they are still parsed, and a line that falls back to `unknown` is reported,
 *   but there is nothing to agree with.
 * - Wazuh `log N fail` lines: the test asserts that a *rule* does not fire; the decoder is not asserted.
 *   Wazuh rule ids and alert levels: rule-engine output.
 * - CrowdSec results with `Success == false`: CrowdSec's own parser could not handle the line; there are
 *   no values to agree with.
 * - The CrowdSec / Elastic / rsyslog keys listed in `EXCLUDED_KEYS` below (acquisition metadata, values
 *   derived by enrichers rather than read from the line, tool-internal routing labels), each with why.
 * - rsyslog `%syslogtag%`: it is `%programname%` plus the pid and punctuation, all compared separately.
 * - loghub `EventId` / `EventTemplate`: log-template mining labels, not fields of the line. Thunderbird
 *   `Month`/`Day`/`Time`/`Date`: the same instant as its `Timestamp` column (compared, exactly) written
 *   in the cluster's unstated local zone.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FieldValue } from '@vigil/contracts';
import { parseLine } from '../packages/core/src/parsers/index.ts';
import type { ParseContext } from '../packages/core/src/parsers/index.ts';
import { fortigateFieldOf } from '../packages/core/src/parsers/fortigate/index.ts';
import { cefFieldOf } from '../packages/core/src/parsers/cef/index.ts';
import { sigmaReportMain } from './sigma-report.ts';
import { crowdsecConformanceMain } from './crowdsec-conformance.ts';

type Fields = Record<string, FieldValue>;

/** One compared value. */
export interface Check {
  folder: string;
  source: string;
  line: number;
  key: string;
  field: string;
  expected: string;
  actual: string;
  ok: boolean;
}

/** Per-folder agreement. */
export interface FolderStats {
  checked: number;
  agreed: number;
  rate: number;
}

/** What `runCorpus` returns; `bench/corpus.json` holds `overall`, `folders` and `generatedAt`. */
export interface CorpusReport {
  overall: number;
  folders: Record<string, FolderStats>;
  generatedAt: string;
  checks: Check[];
  excluded: Record<string, number>;
  unparsed: { source: string; line: number; text: string }[];
}

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The corpus folder: `../shared/corpus` relative to the repository root. */
export function defaultCorpusDir(): string {
  return resolve(REPO_ROOT, '..', 'shared', 'corpus');
}

// ---------------------------------------------------------------------------------------------
// Comparators

type Compare = (actual: FieldValue | undefined, fields: Fields) => { ok: boolean; shown: string };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function show(v: FieldValue | undefined): string {
  if (v === undefined) return '<absent>';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function normIp(s: string): string {
  const v = s.trim().toLowerCase();
  return v.startsWith('::ffff:') && v.indexOf('.') > 0 ? v.slice(7) : v;
}

/** Minutes east of UTC of an `event.timezone` value (`+02:00`, `-0700`), or 0. */
function zoneMinutes(fields: Fields): number {
  const tz = fields['event.timezone'];
  if (typeof tz !== 'string') return 0;
  const m = /^([+-])(\d\d):?(\d\d)$/.exec(tz);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** The event's wall-clock time in its own zone: [month(0-11), day, h, m, s, year]. */
function wallClock(fields: Fields, field = '@timestamp'): number[] | null {
  const ts = fields[field];
  if (typeof ts !== 'string') return null;
  const ms = Date.parse(ts);
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms + zoneMinutes(fields) * 60_000);
  return [d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCFullYear()];
}

const cmp = {
  /** Same text (both trimmed). */
  text: (expected: string): Compare => (a) => ({ ok: a !== undefined && a !== null && String(a).trim() === expected.trim(), shown: show(a) }),
  /** Same text ignoring case. */
  ci: (expected: string): Compare => (a) => ({ ok: a !== undefined && a !== null && String(a).trim().toLowerCase() === expected.trim().toLowerCase(), shown: show(a) }),
  /** Same number. */
  num: (expected: string): Compare => (a) => ({ ok: a !== undefined && a !== null && Number(a) === Number(expected) && expected.trim() !== '', shown: show(a) }),
  /** Same IP address (IPv4-mapped IPv6 and case folded). */
  ip: (expected: string): Compare => (a) => ({ ok: typeof a === 'string' && normIp(a) === normIp(expected), shown: show(a) }),
  /** The field must be absent (the expected value says "nothing here"). */
  absent: (): Compare => (a) => ({ ok: a === undefined || a === '' || a === null, shown: show(a) }),
  /** Same instant (to the millisecond); an expected value without zone is UTC. */
  instant: (expected: string): Compare => (a) => {
    const e = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(expected) ? expected : `${expected}Z`);
    const v = typeof a === 'string' ? Date.parse(a) : NaN;
    return { ok: !Number.isNaN(e) && Math.floor(e) === Math.floor(v), shown: show(a) };
  },
  /** Same wall-clock month, day and time of day (year not written in the source) in the event's zone. */
  wall: (month: number, day: number, h: number, m: number, s: number, field = '@timestamp'): Compare => (_a, fields) => {
    const w = wallClock(fields, field);
    const ok = w !== null && w[0] === month && w[1] === day && w[2] === h && w[3] === m && w[4] === s;
    return { ok, shown: w ? `${MONTHS[w[0]!]} ${w[1]} ${String(w[2]).padStart(2, '0')}:${String(w[3]).padStart(2, '0')}:${String(w[4]).padStart(2, '0')}` : '<none>' };
  },
  /** A predicate on the whole event (classification checks such as "dataset is sshd and outcome failure"). */
  pred: (test: (f: Fields) => boolean, describe: (f: Fields) => string): Compare => (_a, fields) => ({ ok: test(fields), shown: describe(fields) }),
  /** The value contains the expected text. */
  contains: (expected: string): Compare => (a) => ({ ok: typeof a === 'string' && expected.trim() !== '' && a.includes(expected.trim()), shown: show(a) }),
  /** The expected text contains the value (used where the source's field is a superset, documented at use). */
  within: (expected: string): Compare => (a) => ({ ok: typeof a === 'string' && a.trim() !== '' && expected.includes(a.trim()), shown: show(a) }),
};

/** Reads `Mmm dd hh:mm:ss` / `Mmm  d hh:mm:ss` into a wall comparator; null when not that shape. */
function bsdWall(text: string, field = '@timestamp'): Compare | null {
  const m = /^([A-Za-z]{3})\s+(\d{1,2})\s+(?:\d{4}\s+)?(\d{1,2}):(\d\d):(\d\d)/.exec(text.trim());
  if (!m) return null;
  const month = MONTHS.findIndex((x) => x.toLowerCase() === m[1]!.toLowerCase());
  if (month < 0) return null;
  return cmp.wall(month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), field);
}

/** An ISO timestamp compared as wall clock (CrowdSec writes local times with a `Z`) or, when it carries a real offset, as an instant. */
function isoCompare(text: string, yearKnown: boolean): Compare {
  const m = /^(\d{4})?-?(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.\d+)?(Z|[+-]\d\d:?\d\d)?$/.exec(text.trim());
  if (m && (m[7] === 'Z' || m[7] === undefined || !yearKnown)) {
    const wall = cmp.wall(Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
    if (!yearKnown || !m[1]) return wall;
    const year = Number(m[1]);
    return (a, f) => {
      const w = wall(a, f);
      const clock = wallClock(f);
      return { ok: w.ok && clock !== null && clock[5] === year, shown: `${clock?.[5] ?? '?'} ${w.shown}` };
    };
  }
  return cmp.instant(text);
}

// ---------------------------------------------------------------------------------------------
// Key mappings

interface Expectation {
  key: string;
  field: string;
  expected: string;
  compare: Compare;
}

/** Keys never compared, with the reason (counted and printed in the summary). */
export const EXCLUDED_KEYS: Record<string, string> = {
  'Meta.datasource_path': 'CrowdSec acquisition metadata (which file the test read), not in the line',
  'Meta.datasource_type': 'CrowdSec acquisition metadata, not in the line',
  'Meta.http_args_len': 'computed by the CrowdSec http-logs enricher (length of the query), not read from the line',
  'Parsed.static_ressource': 'computed by the CrowdSec http-logs enricher from the URL extension',
  'Parsed.impact_completion': 'computed by the CrowdSec http-logs enricher',
  'Parsed.file_dir': 'computed by the CrowdSec http-logs enricher from the URL path',
  'Parsed.file_name': 'computed by the CrowdSec http-logs enricher from the URL path',
  'Parsed.file_ext': 'computed by the CrowdSec http-logs enricher from the URL path',
  'Parsed.file_frag': 'computed by the CrowdSec http-logs enricher from the URL path',
  'Parsed.http_args': 'computed by the CrowdSec http-logs enricher from the URL query',
  'Parsed.ident': 'the RFC 1413 identd column, "-" in every sample; not an ECS field',
  'Parsed.unparsed_data': 'the columns CrowdSec\'s palo-alto grok did not name (a parser artefact)',
  'Parsed.pan_unknown': 'a column CrowdSec\'s palo-alto grok could not name (a parser artefact)',
  'Parsed.pan_reserved': 'the PAN-OS FUTURE_USE column (a parser artefact)',
  'Parsed.sshd_trail': 'the unparsed rest of the line in CrowdSec\'s grok (a parser artefact)',
  'Meta.source_location': 'GeoIP country from the PAN-OS srcloc column; compared as Parsed.src_country',
  'Meta.destination_location': 'GeoIP country from the PAN-OS dstloc column; compared as Parsed.dst_country',
  'Meta.threat_type': 'duplicate of Meta.threat_id',
};

/** Per CrowdSec parser: keys whose meaning differs from the generic table. `null` = excluded with reason. */
const CROWDSEC_PARSER_KEYS: Record<string, Record<string, string | null>> = {
  'crowdsecurity/cef-logs': {
    'Parsed.message': null,
    'Parsed.program': 'observer.vendor',
  },
  'crowdsecurity/palo-alto-threat-log': {
    'Parsed.message': null,
    'Parsed.program': 'dataset:paloalto.threat',
    'Parsed.log_type': 'paloalto.type',
    'Parsed.severity': 'paloalto.severity',
    'Meta.severity': 'paloalto.severity',
    'Parsed.action': 'event.action',
  },
  'a1ad/mikrotik-logs': {
    'Parsed.program': 'dataset:mikrotik',
  },
  'aderumier/proxmox-iptables-logs': {
    'Parsed.program': null,
    'Parsed.action': 'proxmox.action',
    // CrowdSec's "int_eth" is the firewall chain without its -IN/-OUT suffix (PVEFW-HOST, tap101i0).
    'Parsed.int_eth': 'proxmox.target',
    'Parsed.loglevel': 'proxmox.loglevel',
  },
  'crowdsecurity/unifi-cef': {
    'Meta.action': 'event.action',
    // CEF "app" is the application-layer protocol.
    'Meta.application': 'network.protocol',
  },
  'crowdsecurity/nginx-logs': {
    // nginx-logs splits the target into request (path) and http_args; a malformed request is kept whole.
    'Parsed.request': 'pathorraw',
  },
  'crowdsecurity/apache2-logs': {
    'Parsed.module': 'apache.error.module',
  },
};

const CROWDSEC_PARSER_REASONS: Record<string, string> = {
  'crowdsecurity/cef-logs:Parsed.message': 'CrowdSec puts the raw CEF extension text in message; Vigil splits it into fields',
  'crowdsecurity/palo-alto-threat-log:Parsed.message': 'CrowdSec keeps the whole line; compared as event.original would be trivially equal',
  'aderumier/proxmox-iptables-logs:Parsed.program': 'set from the CrowdSec acquisition label (type: pve-firewall), not in the line',
};

/** Generic CrowdSec key → Vigil field. Values with a prefix are special: `dataset:` / `pred:`. */
const CROWDSEC_KEYS: Record<string, string> = {
  'Parsed.pid': 'num:process.pid',
  'Parsed.syslog_priority': 'num:log.syslog.priority',
  'Parsed.syslog_version': 'log.syslog.version',
  'Parsed.seq_id': 'sd:meta.sequenceId',
  'Parsed.hostname': 'host.name',
  'Parsed.syslog_hostname': 'host.name',
  'Meta.machine': 'syshost',
  'Meta.source_ip': 'ip:source.ip',
  'Parsed.source_ip': 'ip:source.ip',
  'Parsed.sshd_client_ip': 'ip:source.ip',
  'Parsed.sshd_client_port': 'num:source.port',
  'Parsed.sshd_port': 'num:source.port',
  'Parsed.sshd_invalid_user': 'user.name',
  'Parsed.sshd_auth_user': 'user.name',
  'Parsed.invalid_user': 'user.name',
  'Meta.target_user': 'ua:user.name',
  'Meta.username': 'user.name',
  'Meta.user': 'user.name',
  'Parsed.username': 'user.name',
  'Parsed.logname': 'ua:pam.logname',
  'Parsed.ruser': 'ua:pam.ruser',
  'Parsed.tty': 'pam.tty',
  'Parsed.uid': 'pam.uid',
  'Parsed.euid': 'pam.euid',
  // CrowdSec's pam_type is the module name without "pam_" (pam_unix → unix).
  'Parsed.pam_type': 'pammodule:pam.module',
  'Parsed.sshd_protocol': 'sshd.protocol',
  'Parsed.loglevel': 'ci:log.level',
  'Parsed.proxy_errorcode': 'apache.error.apr_status',
  'Parsed.module': 'pam.module',
  'Meta.http_path': 'url.original',
  'Parsed.request': 'url.original',
  'Parsed.rawrequest': 'url.original',
  'Parsed.target_uri': 'url.original',
  'Meta.http_status': 'num:http.response.status_code',
  'Parsed.status': 'num:http.response.status_code',
  'Parsed.response': 'num:http.response.status_code',
  'Meta.http_verb': 'http.request.method',
  'Parsed.verb': 'http.request.method',
  'Parsed.http_version': 'http.version',
  'Parsed.httpversion': 'http.version',
  'Meta.http_user_agent': 'ua:user_agent.original',
  'Parsed.http_user_agent': 'ua:user_agent.original',
  'Parsed.http_referer': 'ua:http.request.referrer',
  'Parsed.referrer': 'ua:http.request.referrer',
  'Parsed.body_bytes_sent': 'num:http.response.body.bytes',
  'Parsed.bytes': 'num:http.response.body.bytes',
  'Parsed.remote_addr': 'ip:source.ip',
  'Parsed.clientip': 'ip:source.ip',
  'Parsed.client': 'ip:source.ip',
  'Parsed.remote_user': 'ua:user.name',
  'Parsed.auth': 'ua:user.name',
  'Parsed.target_fqdn': 'url.domain',
  'Meta.target_fqdn': 'url.domain',
  'Parsed.clientport': 'num:source.port',
  // The vhost port written before the client address ("site:443 1.2.3.4 - -").
  'Parsed.port': 'num:destination.port',
  'Parsed.errorcode': 'error.code',
  'Parsed.proxy_errormessage': 'messagecontains',
  'Parsed.tid': 'num:process.thread.id',
  'Parsed.cid': 'num:nginx.error.connection_id',
  'Parsed.time_local': 'httptime',
  'Parsed.src_ip': 'ip:source.ip',
  'Parsed.dst_ip': 'ip:destination.ip',
  'Meta.destination_ip': 'ip:destination.ip',
  'Parsed.src_port': 'num:source.port',
  'Parsed.dst_port': 'num:destination.port',
  'Meta.dst_port': 'num:destination.port',
  'Meta.source_port': 'num:source.port',
  'Meta.destination_port': 'num:destination.port',
  'Parsed.proto': 'ci:network.transport',
  'Meta.protocol': 'ci:network.transport',
  'Parsed.ip_proto': 'ci:network.transport',
  'Parsed.length': 'num:network.bytes',
  'Parsed.int_eth': 'observer.ingress.interface.name',
  'Parsed.iface': 'observer.ingress.interface.name',
  'Parsed.oface': 'observer.egress.interface.name',
  'Parsed.if_in': 'observer.ingress.interface.name',
  'Parsed.if_out': 'observer.egress.interface.name',
  'Parsed.physin': 'iptables.PHYSIN',
  'Parsed.physout': 'iptables.PHYSOUT',
  'Parsed.src_mac': 'source.mac',
  'Parsed.dst_mac': 'destination.mac',
  'Parsed.ttl': 'iptables.TTL',
  'Parsed.id': 'iptables.ID',
  'Parsed.tos': 'hex:iptables.TOS',
  'Parsed.prec': 'hex:iptables.PREC',
  'Parsed.data_length': 'iptables.LEN_2',
  'Parsed.tcp_flags': 'flags:iptables.flags',
  'Parsed.ack': 'iptables.ACK',
  'Parsed.vmid': 'proxmox.vmid',
  'Parsed.logdate': 'httpinstant',
  'Parsed.tag': 'mikrotik.prefix',
  'Parsed.topics': 'mikrotik.topics',
  'Parsed.chain': 'mikrotik.chain',
  'Parsed.connection_state': 'mikrotik.connection_state',
  'Parsed.cef_device_vendor': 'observer.vendor',
  'Parsed.cef_device_product': 'observer.product',
  'Parsed.cef_device_version': 'observer.version',
  'Parsed.cef_event_name': 'cef.name',
  'Parsed.cef_severity': 'cef.severity',
  'Parsed.cef_signature_id': 'event.code',
  'Parsed.cef_version': 'cef.version',
  'Parsed.Channel': 'winlog.channel',
  'Parsed.Computer': 'host.name',
  'Parsed.EventID': 'event.code',
  'Parsed.Source': 'winlog.provider_name',
  // Palo Alto (CrowdSec column names → PAN-OS documented names)
  'Parsed.fwd_to_panorama': 'paloalto.actionflags',
  'Parsed.nat_src_port': 'num:source.nat.port',
  'Parsed.nat_dst_port': 'num:destination.nat.port',
  'Parsed.nat_src_ip': 'ip:source.nat.ip',
  'Parsed.nat_dst_ip': 'ip:destination.nat.ip',
  'Parsed.pan_log_flags': 'paloalto.flags',
  'Parsed.repeat_count': 'paloalto.repeatcnt',
  'Parsed.src_zone': 'observer.ingress.zone',
  'Parsed.dst_zone': 'observer.egress.zone',
  'Parsed.threat_id': 'paloalto.threatid',
  'Meta.threat_id': 'paloalto.threatid',
  'Parsed.session_id': 'paloalto.sessionid',
  'Parsed.vsys': 'paloalto.vsys',
  'Parsed.direction': 'paloalto.direction',
  'Parsed.log_seq_num': 'paloalto.seqno',
  'Parsed.log_subtype': 'paloalto.subtype',
  'Parsed.rule': 'rule.name',
  'Meta.rule_name': 'rule.name',
  'Parsed.url_category_or_wildfire_verdict': 'paloalto.category',
  'Parsed.ingress_int': 'observer.ingress.interface.name',
  'Parsed.egress_int': 'observer.egress.interface.name',
  'Parsed.log_fwd_profile': 'paloalto.logset',
  'Parsed.file_hash': 'paloalto.pcap_id',
  'Parsed.serial_number': 'observer.serial_number',
  'Parsed.src_country': 'paloalto.srcloc',
  'Parsed.dst_country': 'paloalto.dstloc',
  'Parsed.generation_timestamp': 'paloalto.generated_time',
  'Parsed.syslog_timestamp': 'instant',
  'Parsed.app': 'network.application',
  'Meta.application': 'network.application',
  'Parsed.url_or_filename': 'url.original',
  // FortiGate meta copies
  'Meta.action': 'event.action',
  'Meta.sub_type': 'fortinet.subtype',
  'Meta.tunnel_type': 'fortinet.tunneltype',
  'Meta.reason': 'fortinet.reason',
  'Meta.msg': 'message',
  // UniFi CEF meta copies (CEF header and UNIFI* extension keys)
  'Meta.vendor': 'observer.vendor',
  'Meta.product': 'observer.product',
  'Meta.device_version': 'observer.version',
  'Meta.event_signature_id': 'event.code',
  'Meta.event_severity': 'cef.severity',
  'Meta.message': 'message',
  'Meta.category': 'cef.extensions.UNIFIcategory',
  'Meta.subcategory': 'cef.extensions.UNIFIsubCategory',
  'Meta.host': 'cef.extensions.UNIFIhost',
  'Meta.access_method': 'cef.extensions.UNIFIaccessMethod',
  'Meta.admin_user': 'cef.extensions.UNIFIadmin',
  'Meta.device_name': 'cef.extensions.UNIFIdeviceName',
  'Meta.device_model': 'cef.extensions.UNIFIdeviceModel',
  'Meta.device_mac': 'cef.extensions.UNIFIdeviceMac',
  'Meta.device_ip': 'cef.extensions.UNIFIdeviceIp',
  'Meta.device_firmware_version': 'cef.extensions.UNIFIdeviceVersion',
  'Meta.risk_level': 'cef.extensions.UNIFIrisk',
  'Meta.ips_session_id': 'cef.extensions.UNIFIipsSessionId',
  'Meta.ips_signature': 'cef.extensions.UNIFIipsSignature',
  'Meta.ips_signature_id': 'cef.extensions.UNIFIipsSignatureId',
  'Meta.source_zone': 'cef.extensions.UNIFIsrcZone',
  'Meta.source_region': 'cef.extensions.UNIFIsrcRegion',
  'Meta.destination_zone': 'cef.extensions.UNIFIdstZone',
  'Meta.policy_name': 'cef.extensions.UNIFIpolicyName',
  'Meta.policy_type': 'cef.extensions.UNIFIpolicyType',
  'Meta.direction': 'cef.extensions.UNIFIdirection',
  'Meta.device_interface': 'observer.ingress.interface.name',
  'Meta.destination_client_mac': 'cef.extensions.UNIFIdstClientMac',
  'Meta.destination_client_alias': 'cef.extensions.UNIFIdstClientAlias',
};

/** CrowdSec `Meta.log_type` → what it means in Vigil's terms. */
const LOG_TYPES: Record<string, [string, (f: Fields) => boolean]> = {
  'ssh_failed-auth': ['sshd failure', (f) => f['event.dataset'] === 'sshd' && f['event.outcome'] === 'failure'],
  auth_success: ['ssh_login success', (f) => f['event.action'] === 'ssh_login' && f['event.outcome'] === 'success'],
  ssh_bad_keyexchange: ['ssh_key_exchange_failed', (f) => f['event.action'] === 'ssh_key_exchange_failed'],
  ssh_auth_timeout: ['ssh_auth_timeout', (f) => f['event.action'] === 'ssh_auth_timeout'],
  ssh_dispatch_fatal: ['ssh_protocol_error', (f) => f['event.action'] === 'ssh_protocol_error'],
  ssh_refused_conn: ['ssh_connection_refused', (f) => f['event.action'] === 'ssh_connection_refused'],
  'http_access-log': ['*.access', (f) => String(f['event.dataset'] ?? '').endsWith('.access')],
  'http_error-log': ['*.error', (f) => String(f['event.dataset'] ?? '').endsWith('.error')],
  // CrowdSec labels every netfilter LOG line a drop; Vigil records a verdict only when the log prefix
  // states one, so agreement is "a netfilter record not marked as accepted".
  iptables_drop: ['iptables, not accepted', (f) => f['event.dataset'] === 'iptables' && f['event.outcome'] !== 'success'],
  // As for iptables: CrowdSec calls every logged RouterOS firewall packet a drop.
  mikrotik_drop: ['mikrotik firewall, not accepted', (f) => f['event.dataset'] === 'mikrotik' && f['event.category'] === 'network' && f['event.outcome'] !== 'success'],
  mikrotik_failed_auth: ['mikrotik login failure', (f) => f['event.dataset'] === 'mikrotik' && f['event.outcome'] === 'failure' && f['event.category'] === 'authentication'],
  'opnsense-gui-failed-auth': ['opnsense.gui failure', (f) => f['event.dataset'] === 'opnsense.gui' && f['event.outcome'] === 'failure'],
  'pfsense-gui-failed-auth': ['pfsense.gui failure', (f) => f['event.dataset'] === 'pfsense.gui' && f['event.outcome'] === 'failure'],
  palo_alto: ['paloalto.*', (f) => String(f['event.dataset'] ?? '').startsWith('paloalto.')],
  pam_failed_auth: ['authentication failure', (f) => f['event.outcome'] === 'failure' && f['event.category'] === 'authentication'],
  pam_user_lock: ['user_locked', (f) => f['event.action'] === 'user_locked'],
};

/** CrowdSec apache2-logs `Meta.sub_type` → what it means in Vigil's terms. */
const APACHE_SUBTYPES: Record<string, [string, (f: Fields) => boolean]> = {
  auth_fail: ['authentication failure', (f) => f['event.category'] === 'authentication' && f['event.outcome'] === 'failure'],
};

/** CrowdSec `Meta.service` → what it means in Vigil's terms. */
const SERVICES: Record<string, [string, (f: Fields) => boolean]> = {
  ssh: ['dataset sshd', (f) => f['event.dataset'] === 'sshd'],
  http: ['web server dataset', (f) => /^(apache|nginx|iis)\./.test(String(f['event.dataset'] ?? ''))],
  pam: ['PAM message', (f) => f['pam.module'] !== undefined],
  fortinet: ['fortigate.*', (f) => String(f['event.dataset'] ?? '').startsWith('fortigate.')],
  'pfsense-gui': ['pfsense.gui', (f) => f['event.dataset'] === 'pfsense.gui'],
  'opnsense-gui': ['opnsense.gui', (f) => f['event.dataset'] === 'opnsense.gui'],
  tcp: ['network event', (f) => f['event.category'] === 'network'],
  udp: ['network event', (f) => f['event.category'] === 'network'],
  tcp_udp: ['network event', (f) => f['event.category'] === 'network'],
  mikrotik: ['dataset mikrotik', (f) => f['event.dataset'] === 'mikrotik'],
  unifi: ['UniFi CEF', (f) => f['event.dataset'] === 'cef' && f['observer.vendor'] === 'Ubiquiti'],
};

const describe = (...keys: string[]) => (f: Fields) => keys.map((k) => `${k}=${show(f[k])}`).join(' ');

function valueExpectation(key: string, spec: string, expected: string): Expectation | null {
  const colon = spec.indexOf(':');
  const kind = colon > 0 && !spec.startsWith('cef.') ? spec.slice(0, colon) : '';
  const field = kind ? spec.slice(colon + 1) : spec;
  const isDash = expected.trim() === '-' || expected.trim() === '' || expected.trim() === 'N/A';
  switch (kind) {
    case 'num':
      return { key, field, expected, compare: cmp.num(expected) };
    case 'ip':
      return { key, field, expected, compare: cmp.ip(expected) };
    case 'ci':
      return { key, field, expected, compare: cmp.ci(expected) };
    case 'ua':
      return { key, field, expected, compare: isDash ? cmp.absent() : cmp.text(expected) };
    case 'hex':
      return { key, field, expected, compare: (a) => ({ ok: typeof a === 'string' && a.toLowerCase().replace(/^0x/, '').padStart(2, '0') === expected.toLowerCase().padStart(2, '0'), shown: show(a) }) };
    case 'flags':
      return { key, field, expected, compare: (a) => ({ ok: typeof a === 'string' && expected.split(/\s+/).every((x) => a.split(' ').includes(x)), shown: show(a) }) };
    case 'sd': {
      const [id, param] = field.split('.');
      return {
        key,
        field: `log.syslog.structured_data.${field}`,
        expected,
        compare: (_a, f) => {
          const sd = f['log.syslog.structured_data'] as Record<string, Record<string, FieldValue>> | undefined;
          const v = sd?.[id!]?.[param!];
          return { ok: v === expected, shown: show(v) };
        },
      };
    }
    case 'dataset':
      return { key, field: 'event.dataset', expected: field, compare: cmp.text(field) };
    case 'pammodule':
      return { key, field, expected, compare: (a) => ({ ok: a === `pam_${expected}`, shown: show(a) }) };
    default:
      break;
  }
  if (field === 'instant') return { key, field: '@timestamp', expected, compare: cmp.instant(expected) };
  if (field === 'httptime' || field === 'httpinstant') {
    const m = /^(\d{1,2})\/([A-Za-z]{3})\/(\d{4}):(\d\d):(\d\d):(\d\d) ([+-]\d{4})$/.exec(expected.trim());
    if (!m) return null;
    const iso = `${m[3]}-${String(MONTHS.indexOf(m[2]!) + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}T${m[4]}:${m[5]}:${m[6]}${m[7]!.slice(0, 3)}:${m[7]!.slice(3)}`;
    return { key, field: '@timestamp', expected, compare: cmp.instant(iso) };
  }
  if (field === 'messagecontains') return { key, field: 'message', expected, compare: cmp.contains(expected) };
  if (field === 'pathorraw') {
    return { key, field: 'url.path|url.original', expected, compare: (_a, f) => cmp.text(expected)(f['url.path'] ?? f['url.original'], f) };
  }
  if (field === 'syshost') {
    // The syslog header's hostname (what CrowdSec calls the machine); host.name when the line had no syslog header.
    return { key, field: 'log.syslog.hostname', expected, compare: (_a, f) => cmp.text(expected)(f['log.syslog.hostname'] ?? f['host.name'], f) };
  }
  return { key, field, expected, compare: cmp.text(expected) };
}

// ---------------------------------------------------------------------------------------------
// Source readers

interface Ctx {
  folder: string;
  source: string;
  checks: Check[];
  excluded: Record<string, number>;
}

const BASE_CTX: ParseContext = { receivedAt: Date.UTC(2024, 5, 1, 12, 0, 0), timezoneOffsetMinutes: 0 };

function record(c: Ctx, line: number, fields: Fields, exps: Expectation[]): void {
  for (const e of exps) {
    const r = e.compare(fields[e.field], fields);
    c.checks.push({ folder: c.folder, source: c.source, line, key: e.key, field: e.field, expected: e.expected, actual: r.shown, ok: r.ok });
  }
}

function exclude(c: Ctx, reason: string, n = 1): void {
  c.excluded[reason] = (c.excluded[reason] ?? 0) + n;
}

function readLines(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

// rsyslog .parse1 --------------------------------------------------------------------------------

/** rsyslog's parser-test driver decodes C octal escapes (`\011`) in the input before sending it. */
function decodeOctal(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));
}

/** rsyslog escapes control characters on receive as `#ooo`; the expectation is written that way. */
function decodeHashOctal(s: string): string {
  return s.replace(/#([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));
}

function checkParse1(c: Ctx, file: string): void {
  const lines = readLines(file).filter((l) => !l.startsWith('#'));
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const input = decodeOctal(lines[i]!);
    const expected = lines[i + 1]!;
    const parts = expected.split(',');
    if (parts.length < 8) continue;
    const [pri, fac, sev, ts, host, program] = parts;
    const msg = decodeHashOctal(parts.slice(7).join(','));
    const { fields } = parseLine(input, BASE_CTX);
    const is5424 = /^<\d{1,3}>1 /.test(input);
    const exps: Expectation[] = [
      { key: '%PRI%', field: 'log.syslog.priority', expected: pri!, compare: cmp.num(pri!) },
      { key: '%syslogfacility-text%', field: 'log.syslog.facility.name', expected: fac!, compare: cmp.text(fac!) },
      { key: '%syslogseverity-text%', field: 'log.syslog.severity.name', expected: sev!, compare: cmp.text(sev!) },
      {
        key: '%hostname%',
        field: 'log.syslog.hostname',
        expected: host!,
        // "~H" is rsyslog's placeholder for the receiving host: the line itself names none.
        compare: host === '~H' ? cmp.absent() : cmp.text(host!),
      },
      {
        key: '%msg%',
        field: 'message',
        expected: msg,
        // Vigil's message is the MSG; for formats it understands (Snare) it is the readable part of it.
        compare: (a) => {
          const m = typeof a === 'string' ? a.trim() : '';
          const e = msg.trim();
          return { ok: m === e || (m !== '' && e.includes(m)), shown: show(a) };
        },
      },
    ];
    if (is5424) {
      // rsyslog (2018) leaves %programname% empty for RFC 5424 and prints APP-NAME[PROCID] as the tag.
      const tag = parts[6]!;
      exclude(c, 'rsyslog %programname% of an RFC 5424 line: not populated by rsyslog; %syslogtag% compared instead');
      exps.push({
        key: '%syslogtag%',
        field: 'log.syslog.appname[procid]',
        expected: tag,
        compare: (_a, f) => {
          const v = `${f['log.syslog.appname'] ?? ''}${f['log.syslog.procid'] !== undefined ? `[${f['log.syslog.procid']}]` : ''}`;
          return { ok: v === tag, shown: v };
        },
      });
    } else {
      exclude(c, 'rsyslog %syslogtag%: programname + pid + punctuation, compared separately');
      exps.push({ key: '%programname%', field: 'process.name', expected: program!, compare: program === '' ? cmp.absent() : cmp.text(decodeHashOctal(program!).split('\t')[0]!) });
    }
    // The syslog header's time: event.created when the body carried its own event time.
    const wall = bsdWall(ts!, fields['event.created'] !== undefined ? 'event.created' : '@timestamp');
    if (wall) exps.push({ key: '%timestamp%', field: '@timestamp', expected: ts!, compare: wall });
    record(c, i / 2 + 1, fields, exps);
  }
}

// CrowdSec parser.assert -----------------------------------------------------------------------

interface CsEntry {
  stage: string;
  parser: string;
  index: number;
  success?: boolean;
  values: Map<string, { value: string; slice?: number }>;
}

/** Go string literal → text (`\\`, `\"`, `\n`, `\t`, `\xNN`, `\uNNNN`). */
function goUnquote(lit: string): string {
  const s = lit.slice(1, -1);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const n = s[++i];
    if (n === 'n') out += '\n';
    else if (n === 't') out += '\t';
    else if (n === 'r') out += '\r';
    else if (n === 'x') {
      out += String.fromCharCode(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (n === 'u') {
      out += String.fromCharCode(parseInt(s.slice(i + 1, i + 5), 16));
      i += 4;
    } else out += n ?? '';
  }
  return out;
}

function readAssert(file: string): CsEntry[] {
  const entries = new Map<string, CsEntry>();
  const re = /^(?:basename\()?results\["([^"]+)"\]\["([^"]*)"\]\[(\d+)\]\.(.+?)\)? == (.*)$/;
  for (const line of readLines(file)) {
    const m = re.exec(line.trim());
    if (!m) continue;
    const [, stage, parser, idx, path, raw] = m;
    const id = `${stage}\u0000${parser}\u0000${idx}`;
    let e = entries.get(id);
    if (!e) {
      e = { stage: stage!, parser: parser!, index: Number(idx), values: new Map() };
      entries.set(id, e);
    }
    if (path === 'Success') {
      e.success = raw === 'true';
      continue;
    }
    const p = /^Evt\.(Parsed|Meta|Unmarshaled|Enriched)((?:\["[^"]*"\])+)(?:\[(\d+):\])?$/.exec(path!);
    if (!p) continue;
    const keys = [...p[2]!.matchAll(/\["([^"]*)"\]/g)].map((x) => x[1]);
    if (!raw!.startsWith('"')) continue;
    e.values.set(`${p[1]}.${keys.join('.')}`, { value: goUnquote(raw!), slice: p[3] ? Number(p[3]) : undefined });
  }
  return [...entries.values()];
}

function checkCrowdsec(c: Ctx, assertFile: string, logFile: string): void {
  const lines = readLines(logFile);
  const entries = readAssert(assertFile);
  // Group by stage/parser, in index order, and pair each group's entries with log lines.
  const groups = new Map<string, CsEntry[]>();
  for (const e of entries) {
    const k = `${e.stage}\u0000${e.parser}`;
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(e);
  }
  const perLine = new Map<number, { values: Map<string, { value: string; slice?: number; stage: string; parser: string }>; s00?: string; s00Message?: string; parsers: Set<string> }>();
  const STAGE_ORDER = (s: string) => (s.startsWith('s00') ? 0 : s.startsWith('s01') ? 1 : s.startsWith('s02') ? 2 : 3);
  const sortedGroups = [...groups.values()].sort((a, b) => STAGE_ORDER(a[0]!.stage) - STAGE_ORDER(b[0]!.stage));
  for (const group of sortedGroups) {
    group.sort((a, b) => a.index - b.index);
    const direct = group.length === lines.length;
    let cursor = 0;
    for (const e of group) {
      if (e.success !== true) {
        if (e.values.size) exclude(c, 'CrowdSec result with Success == false (no values to agree with)');
        continue;
      }
      let lineNo = -1;
      if (direct) lineNo = e.index;
      else {
        const probes: string[] = [];
        for (const [k, v] of e.values) if ((k.startsWith('Parsed.') || k.startsWith('Meta.')) && v.value.length >= 2 && v.slice === undefined && lines.some((l) => l.includes(v.value))) probes.push(v.value);
        for (let i = cursor; i < lines.length; i++) {
          if (probes.every((p) => lines[i]!.includes(p))) {
            lineNo = i;
            break;
          }
        }
      }
      if (lineNo < 0) {
        exclude(c, 'CrowdSec result that could not be paired with a log line', e.values.size);
        continue;
      }
      cursor = lineNo + 1;
      let slot = perLine.get(lineNo);
      if (!slot) {
        slot = { values: new Map(), parsers: new Set() };
        perLine.set(lineNo, slot);
      }
      if (e.stage.startsWith('s00')) {
        slot.s00 = e.parser;
        slot.s00Message = e.values.get('Parsed.message')?.value;
      }
      slot.parsers.add(e.parser);
      for (const [k, v] of e.values) slot.values.set(k, { ...v, stage: e.stage, parser: e.parser });
    }
  }
  for (const [lineNo, slot] of [...perLine.entries()].sort((a, b) => a[0] - b[0])) {
    const line = lines[lineNo]!;
    const { fields } = parseLine(line, BASE_CTX);
    const exps: Expectation[] = [];
    const syslogParsed = slot.s00 === 'crowdsecurity/syslog-logs';
    for (const [key, v] of slot.values) {
      if (key.startsWith('Enriched.')) {
        exclude(c, 'CrowdSec Enriched.MarshaledTime: the same value as Meta.timestamp');
        continue;
      }
      if (EXCLUDED_KEYS[key]) {
        exclude(c, `${key}: ${EXCLUDED_KEYS[key]}`);
        continue;
      }
      // Per-parser meaning first.
      let spec: string | null | undefined;
      for (const p of slot.parsers) {
        const table = CROWDSEC_PARSER_KEYS[p];
        if (table && key in table) {
          spec = table[key];
          if (spec === null) exclude(c, `${p} ${key}: ${CROWDSEC_PARSER_REASONS[`${p}:${key}`] ?? 'parser-specific'}`);
          break;
        }
      }
      if (spec === null) continue;
      if (key === 'Parsed.program') {
        if (spec === undefined) {
          if (syslogParsed) spec = 'process.name';
          else {
            exclude(c, 'CrowdSec Parsed.program of a non-syslog line: the acquisition label (type: …), not in the line');
            continue;
          }
        }
      } else if (key === 'Parsed.message' && spec === undefined) {
        // syslog-logs: the MSG after the tag; non-syslog: the whole line — unless a later parser
        // rewrote it to the extracted message text (the s00 value then differs from the final one).
        const fromS00 = slot.s00Message === undefined || slot.s00Message === v.value;
        spec = syslogParsed || !fromS00 ? 'message' : 'event.original';
      } else if (key === 'Parsed.logsource') {
        exps.push({
          key,
          field: 'parser family',
          expected: v.value,
          compare: cmp.pred((f) => (v.value === 'cef' ? f['event.dataset'] === 'cef' : f['log.syslog.priority'] !== undefined), describe('event.dataset', 'log.syslog.priority')),
        });
        continue;
      } else if (key === 'Meta.log_type') {
        const t = LOG_TYPES[v.value];
        if (!t) {
          exclude(c, `CrowdSec log_type "${v.value}" has no Vigil equivalent`);
          continue;
        }
        exps.push({ key, field: t[0], expected: v.value, compare: cmp.pred(t[1], describe('event.dataset', 'event.action', 'event.outcome')) });
        continue;
      } else if (key === 'Meta.sub_type' && slot.parsers.has('crowdsecurity/apache2-logs')) {
        const t = APACHE_SUBTYPES[v.value];
        if (!t) {
          exclude(c, `CrowdSec apache2-logs sub_type "${v.value}" has no Vigil equivalent`);
          continue;
        }
        exps.push({ key, field: t[0], expected: v.value, compare: cmp.pred(t[1], describe('event.category', 'event.outcome')) });
        continue;
      } else if (key === 'Meta.service') {
        const t = SERVICES[v.value];
        if (!t) {
          exclude(c, `CrowdSec service "${v.value}" has no Vigil equivalent`);
          continue;
        }
        exps.push({ key, field: t[0], expected: v.value, compare: cmp.pred(t[1], describe('event.dataset', 'event.category')) });
        continue;
      } else if (key === 'Parsed.timestamp' || key === 'Meta.timestamp' || key === 'Parsed.timestamp8601' || key === 'Parsed.time') {
        const http = valueExpectation(key, 'httptime', v.value);
        if (http) {
          exps.push(http);
          continue;
        }
        // Parsed.timestamp of a syslog line is the header's time (event.created when the body had its own).
        const headerField = (key === 'Parsed.timestamp' || key === 'Parsed.timestamp8601') && fields['event.created'] !== undefined ? 'event.created' : '@timestamp';
        const wall = bsdWall(v.value, headerField);
        const iso = isoCompare(v.value, v.slice === undefined);
        const compare: Compare = wall ?? (headerField === 'event.created' ? (a, f) => iso(a, { ...f, '@timestamp': f['event.created'] as FieldValue }) : iso);
        exps.push({ key: v.slice ? `${key}[${v.slice}:]` : key, field: '@timestamp', expected: v.value, compare });
        continue;
      } else if (key.startsWith('Unmarshaled.')) {
        const [, ns, ...rest] = key.split('.');
        const sub = rest.join('.');
        const prefix = ns === 'unifi' ? 'cef.extensions.' : `${ns}.`;
        // A vendor key whose value went unchanged into an ECS field is kept only there.
        const home = ns === 'fortinet' ? fortigateFieldOf(sub) : ns === 'unifi' ? cefFieldOf(sub) : undefined;
        exps.push({
          key,
          field: `${prefix}${sub}`,
          expected: v.value,
          compare: (_a, f) => {
            const raw = f[`${prefix}${sub}`];
            return cmp.text(v.value)(raw !== undefined || home === undefined ? raw : f[home], f);
          },
        });
        continue;
      }
      if (spec === undefined) spec = CROWDSEC_KEYS[key];
      if (spec === undefined || spec === null) {
        exclude(c, `CrowdSec ${key}: no Vigil equivalent`);
        continue;
      }
      const e = valueExpectation(key, spec, v.value);
      if (e) exps.push(e);
      else exclude(c, `CrowdSec ${key}: value not comparable`);
    }
    record(c, lineNo + 1, fields, exps);
  }
}

// Wazuh .ini -----------------------------------------------------------------------------------

/** Wazuh decoder → the Vigil classification that means the same. */
const WAZUH_DECODERS: Record<string, [string, (f: Fields) => boolean]> = {
  sshd: ['dataset sshd', (f) => f['event.dataset'] === 'sshd'],
  pam: ['dataset pam', (f) => f['event.dataset'] === 'pam'],
  su: ['dataset su', (f) => f['event.dataset'] === 'su'],
  sudo: ['dataset sudo', (f) => f['event.dataset'] === 'sudo'],
  kernel: ['kernel message (iptables)', (f) => f['process.name'] === 'kernel' || f['event.dataset'] === 'iptables'],
  'cisco-asa': ['cisco.asa', (f) => f['event.dataset'] === 'cisco.asa'],
  'cisco-ftd': ['cisco.ftd', (f) => f['event.dataset'] === 'cisco.ftd'],
  pix: ['cisco.asa (PIX)', (f) => f['event.dataset'] === 'cisco.asa' && f['observer.product'] === 'PIX'],
  'cisco-ios': ['cisco.ios', (f) => f['event.dataset'] === 'cisco.ios'],
  'fortigate-firewall-v3': ['fortigate.*', (f) => String(f['event.dataset'] ?? '').startsWith('fortigate.')],
  'fortigate-firewall-v4': ['fortigate.*', (f) => String(f['event.dataset'] ?? '').startsWith('fortigate.')],
  'fortigate-firewall-v5': ['fortigate.*', (f) => String(f['event.dataset'] ?? '').startsWith('fortigate.')],
  'fortigate-firewall-v6': ['fortigate.*', (f) => String(f['event.dataset'] ?? '').startsWith('fortigate.')],
  'junos-ids': ['juniper.srx RT_IDS/RT_SCREEN', (f) => f['event.dataset'] === 'juniper.srx' && f['event.category'] === 'intrusion_detection'],
  'junos-rt-flow': ['juniper.srx RT_FLOW', (f) => f['event.dataset'] === 'juniper.srx' && f['juniper.srx.process'] === 'RT_FLOW'],
  paloalto: ['paloalto.*', (f) => String(f['event.dataset'] ?? '').startsWith('paloalto.')],
  pf: ['pfsense.filterlog', (f) => f['event.dataset'] === 'pfsense.filterlog'],
  'web-accesslog': ['*.access (NCSA)', (f) => f['event.dataset'] === 'apache.access' || f['event.dataset'] === 'nginx.access'],
  'web-accesslog-iis-default': ['iis.access', (f) => f['event.dataset'] === 'iis.access'],
  'web-accesslog-iis6': ['iis.access', (f) => f['event.dataset'] === 'iis.access'],
  'apache-errorlog': ['apache.error', (f) => f['event.dataset'] === 'apache.error'],
  'nginx-errorlog': ['nginx.error', (f) => f['event.dataset'] === 'nginx.error'],
  'cef-fireeye': ['cef from FireEye', (f) => f['event.dataset'] === 'cef' && /fireeye/i.test(String(f['observer.vendor'] ?? ''))],
  paps: ['leef from Panda paps', (f) => f['event.dataset'] === 'leef' && f['observer.product'] === 'paps'],
  json: ['JSON line', (f) => String(f['vigil.parser'] ?? '').includes('json')],
  sonicwall: ['sonicwall.firewall', (f) => f['event.dataset'] === 'sonicwall.firewall'],
  'sophos-fw': ['sophos.xg', (f) => f['event.dataset'] === 'sophos.xg'],
  'checkpoint-smart1': ['checkpoint.firewall', (f) => f['event.dataset'] === 'checkpoint.firewall'],
  'huawei-usg': ['huawei.vrp', (f) => f['event.dataset'] === 'huawei.vrp'],
  netscreenfw: ['juniper.netscreen', (f) => f['event.dataset'] === 'juniper.netscreen'],
  NetworkManager: ['process NetworkManager', (f) => f['process.name'] === 'NetworkManager'],
};

function checkWazuh(c: Ctx, file: string): void {
  const text = readLines(file);
  let pending: { n: number; line: string; pass: boolean }[] = [];
  let lineNo = 0;
  const flush = (decoder: string) => {
    for (const p of pending) {
      if (!p.pass) {
        exclude(c, 'Wazuh "log N fail" line: asserts that a rule does not fire, not a decoder');
        continue;
      }
      lineNo++;
      const t = WAZUH_DECODERS[decoder];
      if (!t) {
        exclude(c, `Wazuh decoder "${decoder}" has no Vigil equivalent`);
        continue;
      }
      const { fields } = parseLine(p.line, BASE_CTX);
      record(c, lineNo, fields, [{ key: `decoder=${decoder}`, field: t[0], expected: decoder, compare: cmp.pred(t[1], describe('event.dataset', 'observer.product')) }]);
    }
    pending = [];
  };
  for (const l of text) {
    const m = /^log (\d+) (pass|fail) = (.*)$/.exec(l);
    if (m) {
      pending.push({ n: Number(m[1]), pass: m[2] === 'pass', line: m[3]! });
      continue;
    }
    const d = /^decoder\s*=\s*(.*?)\s*(?:;.*)?$/.exec(l);
    if (d) flush(d[1]!);
    else if (l.startsWith('[') && pending.length) {
      exclude(c, 'Wazuh test section without a decoder line', pending.length);
      pending = [];
    }
  }
}

// Elastic -expected.json -------------------------------------------------------------------------

const ELASTIC_SKIP: Record<string, string> = {
  'ecs.version': 'Elastic: ECS version stamp',
  'event.ingested': 'Elastic: pipeline ingest time',
  'event.timezone': 'Elastic: echo of the pipeline\'s timezone setting',
  'event.type': 'Elastic: legacy values (authentication_success, …) outside the ECS allowed list',
  'input.type': 'Elastic: Filebeat input',
  'event.original': 'Elastic: echo of the input',
};

function flattenJson(o: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(o)) {
    const name = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) flattenJson(v as Record<string, unknown>, name, out);
    else out[name] = v;
  }
  return out;
}

function checkElastic(c: Ctx, expectedFile: string, logFile: string): void {
  const lines = readLines(logFile);
  const doc = JSON.parse(readFileSync(expectedFile, 'utf8')) as { expected: Record<string, unknown>[] };
  doc.expected.forEach((exp, i) => {
    const line = lines[i];
    if (line === undefined) return;
    const flat = flattenJson(exp);
    const ingested = Date.parse(String(flat['event.ingested'] ?? ''));
    const tz = /^([+-])(\d\d):?(\d\d)$/.exec(String(flat['event.timezone'] ?? ''));
    const ctx: ParseContext = {
      receivedAt: Number.isNaN(ingested) ? BASE_CTX.receivedAt : ingested,
      timezoneOffsetMinutes: tz ? (tz[1] === '-' ? -1 : 1) * (Number(tz[2]) * 60 + Number(tz[3])) : 0,
    };
    const { fields } = parseLine(line, ctx);
    const exps: Expectation[] = [];
    for (const [key, raw] of Object.entries(flat)) {
      if (ELASTIC_SKIP[key]) {
        exclude(c, `${key}: ${ELASTIC_SKIP[key]}`);
        continue;
      }
      if (key.startsWith('related.') || key.startsWith('system.') || key.startsWith('source.geo.') || key.startsWith('source.as.') || key.startsWith('tags')) {
        exclude(c, `${key.split('.').slice(0, key.startsWith('source.') ? 2 : 1).join('.')}.*: ${key.startsWith('related.') ? 'Elastic index helper derived from other fields' : key.startsWith('system.') ? 'Elastic module namespace (Vigil keeps vendor fields under its own names)' : key.startsWith('tags') ? 'Elastic tags' : 'GeoIP / ASN enrichment, a later pipeline stage'}`);
        continue;
      }
      const field = key === 'host.hostname' ? 'host.name' : key;
      if (Array.isArray(raw)) {
        exps.push({ key, field, expected: JSON.stringify(raw), compare: (a) => ({ ok: a !== undefined && (Array.isArray(a) ? raw.every((x) => (a as FieldValue[]).includes(x as FieldValue)) : raw.includes(a)), shown: show(a) }) });
        continue;
      }
      const expected = String(raw);
      if (key === '@timestamp') exps.push({ key, field, expected, compare: cmp.instant(expected) });
      else if (typeof raw === 'number') exps.push({ key, field, expected, compare: cmp.num(expected) });
      else if (field.endsWith('.ip')) exps.push({ key, field, expected, compare: cmp.ip(expected) });
      else exps.push({ key, field, expected, compare: cmp.text(expected) });
    }
    record(c, i + 1, fields, exps);
  });
  if (lines.length > doc.expected.length) exclude(c, 'Elastic log lines without an expected document (older expected file)', lines.length - doc.expected.length);
}

// loghub _structured.csv -----------------------------------------------------------------------

function splitCsvLine(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (q) {
      if (ch === '"' && s[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** loghub column → Vigil field, per dataset (the column names are loghub's; some are mislabelled, noted). */
const LOGHUB: Record<string, (row: Record<string, string>) => Expectation[]> = {
  Linux: (r) => [
    ...wallExp(`${r.Month} ${r.Date} ${r.Time}`),
    // loghub calls the hostname column "Level".
    { key: 'Level(host)', field: 'host.name', expected: r.Level!, compare: cmp.text(r.Level!) },
    { key: 'Component', field: 'process.name', expected: r.Component!, compare: cmp.text(r.Component!) },
    pidExp(r.PID),
    { key: 'Content', field: 'message', expected: r.Content!, compare: cmp.text(r.Content!) },
  ],
  OpenSSH: (r) => [
    ...wallExp(`${r.Date} ${r.Day} ${r.Time}`),
    // loghub calls the hostname column "Component".
    { key: 'Component(host)', field: 'host.name', expected: r.Component!, compare: cmp.text(r.Component!) },
    pidExp(r.Pid),
    { key: 'Content', field: 'message', expected: r.Content!, compare: cmp.text(r.Content!) },
  ],
  Thunderbird: (r) => [
    { key: 'Timestamp', field: '@timestamp', expected: r.Timestamp!, compare: cmp.instant(new Date(Number(r.Timestamp) * 1000).toISOString()) },
    { key: 'Label', field: 'hpc.alert_tag', expected: r.Label!, compare: r.Label === '-' ? cmp.absent() : cmp.text(r.Label!) },
    { key: 'User(node)', field: 'host.name', expected: r.User!, compare: cmp.text(r.User!) },
    { key: 'Location', field: 'hpc.location', expected: r.Location!, compare: cmp.text(r.Location!) },
    { key: 'Component', field: 'process.name', expected: r.Component!, compare: r.Component === '' ? cmp.absent() : cmp.text(r.Component!) },
    pidExp(r.PID),
    { key: 'Content', field: 'message', expected: r.Content!, compare: cmp.text(r.Content!) },
  ],
  HDFS: (r) => {
    const d = r.Date!.padStart(6, '0');
    const t = r.Time!.padStart(6, '0');
    return [
      { key: 'Date+Time', field: '@timestamp', expected: `${d} ${t}`, compare: cmp.instant(`20${d.slice(0, 2)}-${d.slice(2, 4)}-${d.slice(4, 6)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}Z`) },
      pidExp(r.Pid),
      { key: 'Level', field: 'log.level', expected: r.Level!, compare: cmp.text(r.Level!) },
      { key: 'Component', field: 'log.logger', expected: r.Component!, compare: cmp.text(r.Component!) },
      { key: 'Content', field: 'message', expected: r.Content!, compare: cmp.text(r.Content!) },
    ];
  },
  Windows: (r) => [
    { key: 'Date+Time', field: '@timestamp', expected: `${r.Date} ${r.Time}`, compare: cmp.instant(`${r.Date}T${r.Time}Z`) },
    { key: 'Level', field: 'log.level', expected: r.Level!, compare: cmp.text(r.Level!) },
    { key: 'Component', field: 'log.logger', expected: r.Component!, compare: cmp.text(r.Component!) },
    { key: 'Content', field: 'message', expected: r.Content!, compare: cmp.text(r.Content!) },
  ],
  Apache: (r) => {
    const m = /^\w{3} (\w{3}) (\d\d) (\d\d):(\d\d):(\d\d) (\d{4})$/.exec(r.Time!);
    const iso = m ? `${m[6]}-${String(MONTHS.indexOf(m[1]!) + 1).padStart(2, '0')}-${m[2]}T${m[3]}:${m[4]}:${m[5]}Z` : '';
    return [
      { key: 'Time', field: '@timestamp', expected: r.Time!, compare: cmp.instant(iso) },
      { key: 'Level', field: 'log.level', expected: r.Level!, compare: cmp.text(r.Level!) },
      { key: 'Content', field: 'message', expected: r.Content!, compare: cmp.text(r.Content!) },
    ];
  },
};

function wallExp(text: string): Expectation[] {
  const w = bsdWall(text);
  return w ? [{ key: 'Month/Date/Time', field: '@timestamp', expected: text, compare: w }] : [];
}

function pidExp(pid: string | undefined): Expectation {
  return { key: 'PID', field: 'process.pid', expected: pid ?? '', compare: pid ? cmp.num(pid) : cmp.absent() };
}

function checkLoghub(c: Ctx, csvFile: string, logFile: string): void {
  const name = basename(csvFile).replace(/_2k\.log_structured\.csv$/, '');
  const mapper = LOGHUB[name];
  if (!mapper) {
    exclude(c, `loghub ${name}: no mapping`);
    return;
  }
  const rows = readLines(csvFile);
  const header = splitCsvLine(rows[0]!);
  const lines = readLines(logFile);
  for (let i = 1; i < rows.length; i++) {
    const cols = splitCsvLine(rows[i]!);
    const row: Record<string, string> = {};
    header.forEach((h, k) => (row[h] = cols[k] ?? ''));
    const line = lines[Number(row.LineId) - 1];
    if (line === undefined) continue;
    exclude(c, 'loghub EventId / EventTemplate: template-mining labels, not fields', 2);
    if (name === 'Thunderbird') exclude(c, 'loghub Thunderbird Month/Day/Time/Date: the Timestamp instant in an unstated local zone', 4);
    const { fields } = parseLine(line, BASE_CTX);
    record(c, i, fields, mapper(row));
  }
}

// ---------------------------------------------------------------------------------------------
// Driver

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out.sort();
}

const NO_EXPECTATION = new Set(['snmp-trap', 'sigma']);

/** Runs every comparison; pure apart from reading the corpus. */
export function runCorpus(root: string = defaultCorpusDir(), only?: string): CorpusReport {
  const checks: Check[] = [];
  const excluded: Record<string, number> = {};
  const unparsed: CorpusReport['unparsed'] = [];
  const files = walk(root);
  for (const file of files) {
    const rel = relative(root, file);
    const folder = rel.split('/')[0]!;
    if (only && folder !== only) continue;
    if (NO_EXPECTATION.has(folder)) continue;
    const c: Ctx = { folder, source: rel, checks, excluded };
    if (file.endsWith('.parse1')) checkParse1(c, file);
    else if (file.endsWith('.parser.assert')) {
      const log = file.replace(/\.parser\.assert$/, '.log');
      if (existsSync(log)) checkCrowdsec(c, file, log);
    } else if (file.endsWith('.ini') && rel.includes('/wazuh/')) checkWazuh(c, file);
    else if (file.endsWith('-expected.json')) {
      const log = file.replace(/-expected\.json$/, '');
      if (existsSync(log)) checkElastic(c, file, log);
    } else if (file.endsWith('_structured.csv')) {
      const log = file.replace(/_structured\.csv$/, '');
      if (existsSync(log)) checkLoghub(c, file, log);
    } else if (/\.(log|data)$/.test(file) && !rel.includes('/wazuh/')) {
      // Samples: parsed for the "nothing falls back" report.
      readLines(file).forEach((line, i) => {
        if (line === '') return;
        const r = parseLine(line, BASE_CTX);
        if (!r.ok) unparsed.push({ source: rel, line: i + 1, text: line.slice(0, 160) });
      });
    }
  }
  const folders: Record<string, FolderStats> = {};
  for (const ch of checks) {
    const s = (folders[ch.folder] ??= { checked: 0, agreed: 0, rate: 0 });
    s.checked++;
    if (ch.ok) s.agreed++;
  }
  let total = 0;
  let agreed = 0;
  for (const s of Object.values(folders)) {
    s.rate = s.checked ? Math.round((s.agreed / s.checked) * 10000) / 10000 : 0;
    total += s.checked;
    agreed += s.agreed;
  }
  return {
    overall: total ? Math.round((agreed / total) * 10000) / 10000 : 0,
    folders: Object.fromEntries(Object.entries(folders).sort()),
    generatedAt: new Date().toISOString(),
    checks,
    excluded,
    unparsed,
  };
}

function pct(n: number): string {
  return `${(n * 100).toFixed(1)}%`;
}

function main(): void {
  const args = process.argv.slice(2);
  const dirArg = args.indexOf('--corpus');
  const root = dirArg >= 0 ? resolve(args[dirArg + 1]!) : defaultCorpusDir();
  const folderArg = args.indexOf('--folder');
  const only = folderArg >= 0 ? args[folderArg + 1] : undefined;
  if (!existsSync(root)) {
    console.error(`corpus not found at ${root} (it lives in ../shared/corpus beside the repository); nothing to check`);
    process.exit(process.env.CI ? 1 : 0);
  }
  const report = runCorpus(root, only);
  const rows = Object.entries(report.folders);
  const w = Math.max(8, ...rows.map(([n]) => n.length));
  console.log(`${'folder'.padEnd(w)}  checked  agreed    rate`);
  for (const [name, s] of rows) console.log(`${name.padEnd(w)}  ${String(s.checked).padStart(7)}  ${String(s.agreed).padStart(6)}  ${pct(s.rate).padStart(6)}`);
  const total = rows.reduce((a, [, s]) => a + s.checked, 0);
  const agreed = rows.reduce((a, [, s]) => a + s.agreed, 0);
  console.log(`${'overall'.padEnd(w)}  ${String(total).padStart(7)}  ${String(agreed).padStart(6)}  ${pct(report.overall).padStart(6)}`);
  console.log('\nnot compared (reason: count):');
  for (const [reason, n] of Object.entries(report.excluded).sort((a, b) => b[1] - a[1])) console.log(`  ${n}\t${reason}`);
  if (report.unparsed.length) {
    console.log(`\nsample lines without expectations that fell back to "unknown": ${report.unparsed.length}`);
    for (const u of report.unparsed.slice(0, 20)) console.log(`  ${u.source}:${u.line}  ${u.text}`);
  }
  if (args.includes('--verbose')) {
    console.log('\ndisagreements:');
    for (const ch of report.checks.filter((x) => !x.ok)) console.log(`  ${ch.source}:${ch.line} ${ch.key} -> ${ch.field}: expected ${JSON.stringify(ch.expected).slice(0, 120)} got ${ch.actual.slice(0, 120)}`);
  }
  if (!args.includes('--no-write') && !only) {
    const out = join(REPO_ROOT, 'bench', 'corpus.json');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify({ overall: report.overall, folders: report.folders, generatedAt: report.generatedAt }, null, 2)}\n`);
    console.log(`\nwrote ${relative(process.cwd(), out)}`);
  }
  if (!only) sigmaReportMain(root, !args.includes('--no-write'));
  if (!only) crowdsecConformanceMain(root, !args.includes('--no-write'));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
