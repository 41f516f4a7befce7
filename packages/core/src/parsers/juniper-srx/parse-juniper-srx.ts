/**
 * @module parsers/juniper-srx/parse-juniper-srx
 * Juniper SRX security logs in structured form (`RT_FLOW - RT_FLOW_SESSION_CREATE [junos@2636.… source-address="…" …]`,
 * as RFC 5424 or inside a BSD syslog line) and in the brief text form
 * (`RT_FLOW_SESSION_CREATE: session created 10.0.0.1/1234->1.2.3.4/80 junos-http …`).
 * Covers RT_FLOW, RT_IDS / RT_SCREEN, APPTRACK and RT_UTM.
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { parseStructuredData } from '../rfc5424/structured-data.ts';
import { isIP, normalizeIP, toInt, toPort, transportName } from '../shared/net.ts';
import { parseIsoAt, toIso } from '../shared/time.ts';

const ACTIONS: Record<string, { action: string; outcome: 'success' | 'failure' | 'unknown'; kind?: string }> = {
  RT_FLOW_SESSION_CREATE: { action: 'flow_started', outcome: 'success' },
  RT_FLOW_SESSION_CLOSE: { action: 'flow_close', outcome: 'success' },
  RT_FLOW_SESSION_DENY: { action: 'flow_deny', outcome: 'failure' },
  APPTRACK_SESSION_CREATE: { action: 'apptrack_session_create', outcome: 'success' },
  APPTRACK_SESSION_CLOSE: { action: 'apptrack_session_close', outcome: 'success' },
  APPTRACK_SESSION_VOL_UPDATE: { action: 'apptrack_session_vol_update', outcome: 'success' },
  FLOW_MCAST_RPF_FAIL: { action: 'flow_mcast_rpf_fail', outcome: 'failure' },
};

const FW_FILTER = /FW: (\S+)\s+([ADR]) (\S+) (\S+) (\S+) (\d+) (\d+)(?: \((\d+) packets?\))?/;

/** True when `s` carries a Junos security tag or a firewall-filter (`FW: …`) record. */
export function looksLikeJuniper(s: string): boolean {
  if (s.startsWith('FW: ') || s.indexOf('[junos@') >= 0 || s.indexOf('APPTRACK_') >= 0 || s.indexOf('PFE_FW_SYSLOG') >= 0) return true;
  const rt = s.indexOf('RT_');
  return rt >= 0 && /^RT_(FLOW|IDS|SCREEN|UTM|IDP)/.test(s.slice(rt, rt + 10));
}

function param(p: Record<string, FieldValue>, k: string): string | undefined {
  const v = p[k];
  return typeof v === 'string' && v !== '' && v !== 'N/A' && v !== 'UNKNOWN' && v !== 'None' ? v : undefined;
}

const PARAM_FIELD = new Map<string, string>();

/** `source-address` → `juniper.srx.source_address`, cached. */
function paramField(k: string): string {
  let name = PARAM_FIELD.get(k);
  if (name === undefined) {
    name = `juniper.srx.${k.replace(/-/g, '_')}`;
    if (PARAM_FIELD.size < 4096) PARAM_FIELD.set(k, name);
  }
  return name;
}

/** SD parameters whose value lands unchanged in an ECS field (then not kept as juniper.srx.<param>). */
const PARAM_HOMES: ReadonlyMap<string, readonly ['ip' | 'port' | 'int' | 'text', string]> = new Map([
  ['source-address', ['ip', 'source.ip']],
  ['source-port', ['port', 'source.port']],
  ['destination-address', ['ip', 'destination.ip']],
  ['destination-port', ['port', 'destination.port']],
  ['nat-source-address', ['ip', 'source.nat.ip']],
  ['nat-source-port', ['port', 'source.nat.port']],
  ['nat-destination-address', ['ip', 'destination.nat.ip']],
  ['nat-destination-port', ['port', 'destination.nat.port']],
  ['policy-name', ['text', 'rule.name']],
  ['attack-name', ['text', 'rule.name']],
  ['source-zone-name', ['text', 'observer.ingress.zone']],
  ['destination-zone-name', ['text', 'observer.egress.zone']],
  ['packet-incoming-interface', ['text', 'observer.ingress.interface.name']],
  ['interface-name', ['text', 'observer.ingress.interface.name']],
  ['username', ['text', 'user.name']],
  ['reason', ['text', 'event.reason']],
  ['bytes-from-client', ['int', 'source.bytes']],
  ['bytes-from-server', ['int', 'destination.bytes']],
] as const);

function fromParams(f: Record<string, FieldValue>, p: Record<string, FieldValue>): void {
  for (const k in p) {
    const raw = p[k] as FieldValue;
    const v = param(p, k);
    const home = v === undefined ? undefined : PARAM_HOMES.get(k);
    if (home && v !== undefined && f[home[1]] === undefined) {
      const field = home[1];
      if (home[0] === 'text') {
        f[field] = v;
        continue;
      }
      if (home[0] === 'ip') {
        const a = normalizeIP(v);
        if (isIP(a)) {
          f[field] = a;
          if (a === v) continue;
        }
      } else {
        const x = home[0] === 'port' ? toPort(v) : toInt(v);
        if (x !== undefined) {
          f[field] = x;
          if (String(x) === v) continue;
        }
      }
    }
    f[paramField(k)] = raw;
  }
  const proto = param(p, 'protocol-id') ?? param(p, 'protocol-name') ?? param(p, 'protocol');
  if (proto) f['network.transport'] = transportName(proto) ?? proto;
  const app = param(p, 'application');
  if (app) f['network.application'] = app.toLowerCase();
  const action = param(p, 'action');
  if (action) f['juniper.srx.action'] = action;
}

/** Parses a Junos security message; null when none is found. */
export function parseJuniperSrx(text: string, ctx: ParseContext): ParseResult | null {
  const env = ctx.envelope;
  const envSd = env?.fields['log.syslog.structured_data'];
  const envApp = env?.appname ?? '';
  const envMsgId = typeof env?.fields['log.syslog.msgid'] === 'string' ? (env.fields['log.syslog.msgid'] as string) : '';
  const f: Record<string, FieldValue> = {
    'event.dataset': 'juniper.srx',
    'event.kind': 'event',
    'event.category': 'network',
    'observer.vendor': 'Juniper',
    'observer.product': 'SRX',
    'observer.type': 'firewall',
  };
  // Firewall filter log: "FW: iface A|D|R proto src dst sport dport [(n packets)]"
  const fw = text.startsWith('FW: ') || text.indexOf('PFE_FW_SYSLOG') >= 0 ? FW_FILTER.exec(text) : null;
  if (fw) {
    const verdict = fw[2];
    f['observer.ingress.interface.name'] = fw[1] ?? '';
    f['event.action'] = verdict === 'A' ? 'accept' : verdict === 'D' ? 'discard' : 'reject';
    f['event.outcome'] = verdict === 'A' ? 'success' : 'failure';
    f['network.transport'] = transportName(fw[3]) ?? fw[3] ?? '';
    if (isIP(fw[4] ?? '')) f['source.ip'] = fw[4] ?? '';
    if (isIP(fw[5] ?? '')) f['destination.ip'] = fw[5] ?? '';
    f['source.port'] = toPort(fw[6]) ?? 0;
    f['destination.port'] = toPort(fw[7]) ?? 0;
    f['juniper.srx.tag'] = 'FW';
    f.message = text;
    return { fields: f, parser: 'juniper-srx', ok: true };
  }
  let tag = '';
  let params: Record<string, FieldValue> | undefined;
  if (envSd && typeof envSd === 'object' && !Array.isArray(envSd)) {
    for (const id in envSd) if (id.startsWith('junos@')) params = (envSd as Record<string, Record<string, FieldValue>>)[id];
    if (params) tag = envMsgId;
  }
  if (!params) {
    // 5424 embedded in a BSD line: "2017-…Z host RT_FLOW - RT_FLOW_SESSION_DENY [junos@… …]"
    const open = text.indexOf('[junos@');
    if (open >= 0) {
      const { sd } = parseStructuredData(text, open);
      for (const id in sd) if (id.startsWith('junos@')) params = sd[id];
      const head = text.slice(0, open).trim().split(/\s+/);
      tag = head[head.length - 1] ?? '';
      if (head.length >= 3) f['juniper.srx.process'] = head[head.length - 3] ?? '';
      if (head.length >= 4) {
        const iso = parseIsoAt(head[0] ?? '', 0, ctx.timezoneOffsetMinutes ?? 0);
        if (iso) f['@timestamp'] = toIso(iso.ms);
        f['observer.hostname'] = head[1] ?? '';
      }
    }
  }
  if (params) {
    fromParams(f, params);
  } else {
    // Brief text form: "RT_FLOW_SESSION_CREATE: session created A/p->B/q service nat-src/p->nat-dst/q …"
    const m = /\b((?:RT_FLOW|APPTRACK)_[A-Z_]+): session (?:created|closed|denied) (?:[^:]*: )?([^\s/]+)\/(\d+)->([^\s/]+)\/(\d+)(?: (\S+))?/.exec(text);
    if (!m) {
      const any = /\b((?:RT_FLOW|RT_IDS|RT_SCREEN|APPTRACK|RT_UTM|RT_IDP)[A-Z_]*)\b/.exec(text);
      if (!any) return null;
      tag = any[1] ?? '';
    } else {
      tag = m[1] ?? '';
      if (isIP(m[2] ?? '')) f['source.ip'] = m[2] ?? '';
      f['source.port'] = toPort(m[3]) ?? 0;
      if (isIP(m[4] ?? '')) f['destination.ip'] = m[4] ?? '';
      f['destination.port'] = toPort(m[5]) ?? 0;
      if (m[6]) f['network.protocol'] = m[6];
    }
  }
  if (!tag) tag = envMsgId || envApp;
  if (f['juniper.srx.process'] === undefined && envApp) f['juniper.srx.process'] = envApp;
  f['juniper.srx.tag'] = tag;
  const meaning = ACTIONS[tag];
  if (meaning) {
    f['event.action'] = meaning.action;
    f['event.outcome'] = meaning.outcome;
  } else if (tag.startsWith('RT_SCREEN') || tag.startsWith('RT_IDS') || tag.startsWith('RT_IDP')) {
    f['event.kind'] = 'alert';
    f['event.category'] = 'intrusion_detection';
    f['event.action'] = tag.toLowerCase();
    const act = String(f['juniper.srx.action'] ?? '').toLowerCase();
    f['event.outcome'] = act === 'drop' || act === 'block' || act === 'close' ? 'failure' : 'unknown';
  } else if (tag) f['event.action'] = tag.toLowerCase();
  if (typeof f.message !== 'string') f.message = text;
  return { fields: f, parser: 'juniper-srx', ok: true };
}
