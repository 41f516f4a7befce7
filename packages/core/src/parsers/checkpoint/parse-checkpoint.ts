/**
 * @module parsers/checkpoint/parse-checkpoint
 * Check Point Log Exporter, syslog flavour: `[<PRI>]1 TIME HOST CheckPoint PID - [key:"value"; key:"value"; …]`.
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { isIP, toPort, transportName } from '../shared/net.ts';
import { parseIsoAt, toIso } from '../shared/time.ts';
import { severityFromWord } from '../shared/severity.ts';
import { prefixed } from '../shared/prefixed.ts';
import { dict, internKey } from '../shared/own.ts';

/** Reads `key:"value";` pairs from a bracketed Check Point record starting at `open` (`[`). */
export function parseCheckpointPairs(s: string, open: number): Record<string, string> {
  const out: Record<string, string> = dict();
  let i = open + 1;
  const n = s.length;
  while (i < n) {
    while (i < n && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 59)) i++;
    if (i >= n || s.charCodeAt(i) === 93) break;
    const colon = s.indexOf(':', i);
    if (colon < 0) break;
    const key = internKey(s.slice(i, colon).trim());
    let j = colon + 1;
    let value = '';
    if (s.charCodeAt(j) === 34) {
      j++;
      let chunk = j;
      while (j < n) {
        const c = s.charCodeAt(j);
        if (c === 92 && j + 1 < n) {
          value += s.slice(chunk, j);
          chunk = j + 1;
          j += 2;
          continue;
        }
        if (c === 34) break;
        j++;
      }
      value += s.slice(chunk, j);
      j++;
    } else {
      const end = s.indexOf(';', j);
      value = s.slice(j, end < 0 ? n : end);
      j = end < 0 ? n : end;
    }
    if (key) out[key] = value;
    i = j;
  }
  return out;
}

/** Where the Check Point record starts (`CheckPoint … [`), or -1. */
export function checkpointStart(s: string): number {
  const at = s.indexOf('CheckPoint ');
  if (at < 0 || at > 160) return -1;
  const open = s.indexOf(' [', at);
  return open < 0 ? -1 : open + 1;
}

/** Parses a Check Point record found in the text or the syslog content; null when there is none. */
export function parseCheckpoint(text: string, ctx: ParseContext): ParseResult | null {
  let source = text;
  let open = checkpointStart(text);
  if (open < 0 && ctx.envelope) {
    source = ctx.envelope.content;
    open = source.indexOf('[') === 0 && ctx.envelope.appname === 'CheckPoint' ? 0 : checkpointStart(source);
  }
  if (open < 0) return null;
  const kv = parseCheckpointPairs(source, open);
  const f: Record<string, FieldValue> = {
    'event.dataset': 'checkpoint.firewall',
    'event.kind': 'event',
    'observer.vendor': 'Check Point',
    'observer.type': 'firewall',
  };
  for (const k in kv) f[prefixed('checkpoint.', k)] = kv[k]!;
  if (kv.product) f['observer.product'] = kv.product;
  if (kv.origin && isIP(kv.origin)) f['observer.ip'] = kv.origin;
  if (kv.src && isIP(kv.src)) f['source.ip'] = kv.src;
  if (kv.dst && isIP(kv.dst)) f['destination.ip'] = kv.dst;
  const sp = toPort(kv.s_port);
  if (sp !== undefined) f['source.port'] = sp;
  const dp = toPort(kv.service);
  if (dp !== undefined) f['destination.port'] = dp;
  if (kv.proto) f['network.transport'] = transportName(kv.proto) ?? kv.proto;
  if (kv.ifname) f['observer.ingress.interface.name'] = kv.ifname;
  if (kv.rule_name ?? kv.layer_name) f['rule.name'] = (kv.rule_name ?? kv.layer_name)!;
  if (kv.rule_uid) f['rule.id'] = kv.rule_uid;
  const user = kv.src_user_name ?? kv.user ?? kv.administrator;
  if (user) f['user.name'] = user;
  const action = kv.action;
  if (action) {
    f['event.action'] = action.toLowerCase();
    const a = action.toLowerCase();
    if (a === 'drop' || a === 'reject' || a === 'block' || a === 'prevent') f['event.outcome'] = 'failure';
    else if (a === 'accept' || a === 'allow' || a === 'encrypt' || a === 'decrypt') f['event.outcome'] = 'success';
  }
  const sev = severityFromWord(kv.severity);
  if (sev) f['vigil.severity'] = sev;
  // A bare "1 2019-05-15T16:25:50Z HOST CheckPoint …" line: RFC 5424 without its PRI.
  if (!ctx.envelope) {
    const m = /^\s*\d+ (\S+) (\S+) CheckPoint /.exec(source);
    if (m) {
      const iso = parseIsoAt(m[1] ?? '', 0, ctx.timezoneOffsetMinutes ?? 0);
      if (iso) f['@timestamp'] = toIso(iso.ms);
      if (m[2] && m[2] !== '-') f['host.name'] = m[2];
    }
  }
  f.message = kv.msg ?? kv.description ?? `${kv.action ?? ''} ${kv.src ?? ''} -> ${kv.dst ?? ''}`.trim();
  return { fields: f, parser: 'checkpoint', ok: true };
}
