/**
 * @module parsers/iptables/parse-iptables
 * Linux netfilter LOG target lines (iptables, nftables, UFW, firewalld, Shorewall, SuSEfirewall):
 * `[prefix] IN=… OUT=… [MAC=…] SRC=… DST=… LEN=… … PROTO=TCP SPT=… DPT=… [flags]`.
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { scanKv } from '../shared/kv.ts';
import { isIP, toInt, toPort, transportName } from '../shared/net.ts';
import { toIso } from '../shared/time.ts';
import { parseHttpDate } from '../web-access/http-date.ts';
import { prefixed } from '../shared/prefixed.ts';

/** Where the `IN=` (or, for locally generated packets, `OUT=`) of a netfilter record starts, or -1. */
export function netfilterStart(s: string): number {
  let at = s.indexOf('IN=');
  while (at > 0 && s.charCodeAt(at - 1) !== 32 && s.charCodeAt(at - 1) !== 93 && s.charCodeAt(at - 1) !== 41 && s.charCodeAt(at - 1) !== 58) at = s.indexOf('IN=', at + 3);
  if (at < 0) {
    at = s.indexOf('OUT=');
    if (at > 0 && s.charCodeAt(at - 1) !== 32) return -1;
  }
  if (at < 0 || s.indexOf('SRC=', at) < 0) return -1;
  return at;
}

/** Proxmox VE's pve-firewall prefix: `VMID LOGLEVEL CHAIN dd/Mon/yyyy:hh:mm:ss ±zzzz [policy ]ACTION:`. */
const PROXMOX = /^(\d+) (\d+) (\S+) (\d{1,2}\/[A-Za-z]{3}\/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}) ?(.*)$/;

const DROP_WORDS = /DROP|BLOCK|DENY|DENIED|REJECT|INVALID/i;
const ACCEPT_WORDS = /ACCEPT|ALLOW|PASS/i;

/** Parses a netfilter LOG line; null when it is not one. */
export function parseIptables(text: string, _ctx: ParseContext): ParseResult | null {
  const at = netfilterStart(text);
  if (at < 0) return null;
  const flags: string[] = [];
  const kv = scanKv(text, at, { flags, keepFirst: true });
  if (kv.SRC === undefined) return null;
  const f: Record<string, FieldValue> = {
    'event.dataset': 'iptables',
    'event.kind': 'event',
    'event.category': 'network',
    'observer.product': 'netfilter',
    'observer.type': 'firewall',
  };
  for (const k in kv) f[prefixed('iptables.', k)] = kv[k]!;
  if (flags.length) f['iptables.flags'] = flags.join(' ');
  // The text before IN= is the log prefix (minus a kernel "[12345.678]" uptime stamp).
  let prefix = text.slice(0, at).replace(/^\s*\[\s*\d+\.\d+\]\s*/, '').trim();
  const pve = PROXMOX.exec(prefix);
  if (pve) {
    f['observer.product'] = 'Proxmox VE firewall';
    f['proxmox.vmid'] = pve[1] ?? '';
    f['proxmox.loglevel'] = pve[2] ?? '';
    const chain = pve[3] ?? '';
    f['proxmox.chain'] = chain;
    const dir = /-(IN|OUT)$/.exec(chain);
    if (dir) {
      f['proxmox.target'] = chain.slice(0, -dir[0].length);
      f['network.direction'] = dir[1] === 'IN' ? 'inbound' : 'outbound';
    }
    const ms = parseHttpDate(pve[4] ?? '', 0);
    if (!Number.isNaN(ms)) f['@timestamp'] = toIso(ms);
    prefix = (pve[5] ?? '').replace(/:$/, '').trim();
  }
  if (prefix) f['iptables.prefix'] = prefix;
  if (pve && prefix) f['proxmox.action'] = prefix.slice(prefix.lastIndexOf(' ') + 1);
  if (isIP(kv.SRC)) f['source.ip'] = kv.SRC;
  if (kv.DST && isIP(kv.DST)) f['destination.ip'] = kv.DST;
  const sp = toPort(kv.SPT);
  if (sp !== undefined) f['source.port'] = sp;
  const dp = toPort(kv.DPT);
  if (dp !== undefined) f['destination.port'] = dp;
  if (kv.PROTO) f['network.transport'] = transportName(kv.PROTO) ?? kv.PROTO.toLowerCase();
  if (kv.IN) f['observer.ingress.interface.name'] = kv.IN;
  if (kv.OUT) f['observer.egress.interface.name'] = kv.OUT;
  if (kv.MAC && kv.MAC.length >= 35) {
    f['destination.mac'] = kv.MAC.slice(0, 17);
    f['source.mac'] = kv.MAC.slice(18, 35);
  }
  const len = toInt(kv.LEN);
  if (len !== undefined) f['network.bytes'] = len;
  const verdict = prefix ? DROP_WORDS.exec(prefix) : null;
  if (verdict) {
    const v = verdict[0].toLowerCase();
    f['event.action'] = v === 'denied' ? 'deny' : v === 'invalid' ? 'drop' : v;
    f['event.outcome'] = 'failure';
    f['event.type'] = 'denied';
  } else if (prefix && ACCEPT_WORDS.test(prefix)) {
    f['event.action'] = 'accept';
    f['event.outcome'] = 'success';
    f['event.type'] = 'allowed';
  } else {
    f['event.action'] = 'log';
  }
  return { fields: f, parser: 'iptables', ok: true };
}
