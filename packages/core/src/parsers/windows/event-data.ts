/**
 * @module parsers/windows/event-data
 * Windows EventData names (`TargetUserName`, `IpAddress`, …) → ECS fields, applied the same way
 * whichever transport (Snare, XML, NXLog or Wazuh JSON) carried the event.
 */
import type { FieldValue } from '@vigil/contracts';
import { isIP, normalizeIP, toInt, toPort } from '../shared/net.ts';
import { WINDOWS_EVENT_IDS } from './event-ids.ts';
import { prefixed } from '../shared/prefixed.ts';
import { dict, own } from '../shared/own.ts';

/** The parts of a Windows event every transport yields. */
export interface WindowsEvent {
  eventId?: string;
  channel?: string;
  provider?: string;
  computer?: string;
  recordId?: string;
  keywordsOutcome?: 'success' | 'failure';
  level?: string;
  /** EventData (or description fields), by their Windows names (first letter any case); a Map because the names come from the sender. */
  data: ReadonlyMap<string, string>;
  message?: string;
}

const EMPTY = new Set(['', '-', 'N/A', '%%1793', '%%1794', 'NULL SID']);

/** Event IDs whose subject is the actor and whose target user is someone else. */
const TARGET_IS_OBJECT = new Set(['4720', '4722', '4723', '4724', '4725', '4726', '4738', '4740', '4767', '4728', '4729', '4732', '4733', '4756', '4757', '4798']);

/** The value of an EventData name with a meaning (`d` holds trimmed values, none of them EMPTY). */
function get(d: ReadonlyMap<string, string>, name: string): string | undefined {
  return d.get(name);
}

const CAPITALISED = new Map<string, string>();

/** `targetUserName` → `TargetUserName` (Wazuh lower-cases the first letter), cached. */
function capitalise(key: string): string {
  let c = CAPITALISED.get(key);
  if (c === undefined) {
    c = key.charAt(0).toUpperCase() + key.slice(1);
    if (CAPITALISED.size < 4096) CAPITALISED.set(key, c);
  }
  return c;
}

/** The dataset of a Windows event: `windows.<channel>` in lower case (`windows.security`, `windows.system`). */
export function windowsDataset(channel: string | undefined): string {
  if (!channel) return 'windows.eventlog';
  const c = channel.toLowerCase();
  if (c === 'security' || c === 'system' || c === 'application') return `windows.${c}`;
  if (c.includes('sysmon')) return 'windows.sysmon';
  if (c.includes('powershell')) return 'windows.powershell';
  return 'windows.eventlog';
}

/** ECS fields of a Windows event (`event.code`, `event.action`, `user.name`, `source.ip`, `winlog.*`, …). */
export function windowsFields(ev: WindowsEvent): Record<string, FieldValue> {
  // Dictionary mode from the start (~30 fields; see dict()).
  const f: Record<string, FieldValue> = dict();
  f['event.dataset'] = windowsDataset(ev.channel);
  f['event.kind'] = 'event';
  f['observer.vendor'] = 'Microsoft';
  f['observer.product'] = 'Windows';
  if (ev.eventId) f['event.code'] = ev.eventId;
  if (ev.channel) f['winlog.channel'] = ev.channel;
  if (ev.provider) f['winlog.provider_name'] = ev.provider;
  if (ev.computer) {
    f['host.name'] = ev.computer;
    f['winlog.computer_name'] = ev.computer;
  }
  if (ev.recordId) f['winlog.record_id'] = ev.recordId;
  const meaning = ev.eventId ? own(WINDOWS_EVENT_IDS, ev.eventId) : undefined;
  if (meaning) {
    f['event.action'] = meaning.action;
    f['event.category'] = meaning.category;
    if (meaning.outcome) f['event.outcome'] = meaning.outcome;
  }
  if (ev.keywordsOutcome) f['event.outcome'] = ev.keywordsOutcome;
  // The names come from the sender (XML EventData): a Map, with each value trimmed once and the
  // placeholders (`-`, `N/A`, `NULL SID` …) left out.
  const d = new Map<string, string>();
  for (const [key, v] of ev.data) {
    const name = capitalise(key);
    const t = v.trim();
    if (EMPTY.has(t)) {
      d.delete(name);
      continue;
    }
    d.set(name, t);
    f[prefixed('winlog.event_data.', name)] = v;
  }
  const subject = get(d, 'SubjectUserName');
  const target = get(d, 'TargetUserName');
  if (ev.eventId && TARGET_IS_OBJECT.has(ev.eventId)) {
    if (subject) f['user.name'] = subject;
    if (target) f['user.target.name'] = target;
    const member = get(d, 'MemberName');
    if (member) f['user.target.name'] = member;
  } else if (target) {
    f['user.name'] = target;
    const dom = get(d, 'TargetDomainName');
    if (dom) f['user.domain'] = dom;
  } else if (subject) {
    f['user.name'] = subject;
    const dom = get(d, 'SubjectDomainName');
    if (dom) f['user.domain'] = dom;
  }
  const group = get(d, 'GroupName') ?? (ev.eventId && /^47(2[7-9]|3[1-7]|5[6-7])$/.test(ev.eventId) ? get(d, 'TargetUserName') : undefined);
  if (group) f['group.name'] = group;
  const ip = get(d, 'IpAddress') ?? get(d, 'SourceAddress') ?? get(d, 'SourceNetworkAddress');
  if (ip) {
    const a = normalizeIP(ip);
    if (isIP(a)) f['source.ip'] = a;
  }
  const port = toPort(get(d, 'IpPort') ?? get(d, 'SourcePort'));
  if (port !== undefined && port > 0) f['source.port'] = port;
  const dest = get(d, 'DestAddress');
  if (dest && isIP(normalizeIP(dest))) f['destination.ip'] = normalizeIP(dest);
  const dport = toPort(get(d, 'DestPort'));
  if (dport !== undefined) f['destination.port'] = dport;
  const logonType = toInt(get(d, 'LogonType'));
  if (logonType !== undefined) f['winlog.logon.type'] = logonType;
  const ws = get(d, 'WorkstationName');
  if (ws) f['source.domain'] = ws;
  const proc = get(d, 'NewProcessName') ?? get(d, 'ProcessName') ?? get(d, 'Application');
  if (proc) setExecutable(f, 'process', proc);
  const cmd = get(d, 'CommandLine');
  if (cmd) f['process.command_line'] = cmd;
  const parent = get(d, 'ParentProcessName');
  if (parent) setExecutable(f, 'process.parent', parent);
  if (isSysmon(ev)) sysmonFields(d, f);
  if (ev.message) f.message = ev.message;
  return f;
}

function setExecutable(f: Record<string, FieldValue>, prefix: 'process' | 'process.parent', path: string): void {
  f[`${prefix}.executable`] = path;
  const slash = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  f[`${prefix}.name`] = path.slice(slash + 1);
}

const SYSMON = /sysmon/i;

function isSysmon(ev: WindowsEvent): boolean {
  return SYSMON.test(ev.provider ?? '') || SYSMON.test(ev.channel ?? '');
}

/** Sysmon EventData names with an ECS name (the Windows names stay under `winlog.event_data.*`). */
const SYSMON_ECS: readonly (readonly [string, string, 'text' | 'int' | 'ip' | 'port'])[] = [
  ['CommandLine', 'process.command_line', 'text'],
  ['ParentCommandLine', 'process.parent.command_line', 'text'],
  ['ProcessId', 'process.pid', 'int'],
  ['ParentProcessId', 'process.parent.pid', 'int'],
  ['CurrentDirectory', 'process.working_directory', 'text'],
  ['OriginalFileName', 'process.pe.original_file_name', 'text'],
  ['TargetFilename', 'file.path', 'text'],
  ['TargetObject', 'registry.path', 'text'],
  ['ImageLoaded', 'dll.path', 'text'],
  ['QueryName', 'dns.question.name', 'text'],
  ['DestinationHostname', 'destination.domain', 'text'],
  ['DestinationIp', 'destination.ip', 'ip'],
  ['DestinationPort', 'destination.port', 'port'],
  ['SourceIp', 'source.ip', 'ip'],
  ['SourcePort', 'source.port', 'port'],
  ['PipeName', 'file.name', 'text'],
];

function sysmonFields(d: ReadonlyMap<string, string>, f: Record<string, FieldValue>): void {
  const image = get(d, 'Image');
  if (image) setExecutable(f, 'process', image);
  const parentImage = get(d, 'ParentImage');
  if (parentImage) setExecutable(f, 'process.parent', parentImage);
  for (const [name, field, kind] of SYSMON_ECS) {
    const v = get(d, name);
    if (v === undefined) continue;
    if (kind === 'text') f[field] = v;
    else if (kind === 'int') {
      const n = toInt(v);
      if (n !== undefined) f[field] = n;
    } else if (kind === 'port') {
      const n = toPort(v);
      if (n !== undefined) f[field] = n;
    } else {
      const a = normalizeIP(v);
      if (isIP(a)) f[field] = a;
    }
  }
}
