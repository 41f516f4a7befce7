/**
 * @module snmp/trap-event
 * A received trap or inform, already decoded by the network shell, to event fields: the trap OID and
 * name, generic/specific trap for v1 (mapped to its SNMPv2 OID per RFC 3584), the varbinds as a list
 * and, for each varbind whose OID is named, `snmp.var.<name>`. Pure: the table is passed in.
 */
import type { FieldValue } from '@vigil/contracts';
import type { OidTable } from './oid-table.ts';
import { trapSeverity } from './trap-severity.ts';

/** One decoded varbind; `type` is the SNMP type name (`OctetString`, `Counter32`, …). */
export interface TrapVarbind {
  oid: string;
  type: string;
  value: string | number | null;
}

/** A trap as the receiver decoded it. Community strings are never part of it. */
export interface DecodedTrap {
  version: '1' | '2c' | '3';
  pdu: 'trap' | 'inform';
  /** Address the datagram came from. */
  sender: string;
  /** v1 only. */
  enterprise?: string;
  agentAddr?: string;
  generic?: number;
  specific?: number;
  /** v1 time-stamp, in hundredths of a second. */
  uptime?: number;
  varbinds: readonly TrapVarbind[];
  /** v3 user (security name). */
  user?: string;
}

const SNMP_TRAPS = '1.3.6.1.6.3.1.1.5';
const SYS_UPTIME = '1.3.6.1.2.1.1.3.0';
const SNMP_TRAP_OID = '1.3.6.1.6.3.1.1.4.1.0';
/** Generic trap numbers 0-5 of SNMPv1. */
const GENERIC_NAMES = ['coldStart', 'warmStart', 'linkDown', 'linkUp', 'authenticationFailure', 'egpNeighborLoss', 'enterpriseSpecific'];

/** The SNMPv2 trap OID of a v1 trap (RFC 3584 §3.1). */
export function v1TrapOid(enterprise: string, generic: number, specific: number): string {
  return generic === 6 ? `${enterprise}.0.${specific}` : `${SNMP_TRAPS}.${generic + 1}`;
}

/** Short printable text of a varbind value for the message. */
function show(v: string | number | null): string {
  if (v === null) return 'null';
  const s = String(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

/** Event fields for one trap. */
export function trapFields(t: DecodedTrap, table: OidTable): Record<string, FieldValue> {
  const f: Record<string, FieldValue> = {
    'event.dataset': 'snmp.trap',
    'event.kind': 'event',
    'event.category': ['network'],
    'event.module': 'snmp',
    'network.protocol': 'snmp',
    'network.transport': 'udp',
    'snmp.version': t.version,
    'snmp.pdu_type': t.pdu,
    'observer.ip': t.sender,
  };
  let trapOid = '';
  let uptime = t.uptime;
  let rest = t.varbinds;
  if (t.version === '1') {
    const enterprise = t.enterprise ?? '';
    const generic = t.generic ?? 6;
    const specific = t.specific ?? 0;
    trapOid = v1TrapOid(enterprise, generic, specific);
    f['snmp.trap.enterprise'] = enterprise;
    f['snmp.trap.enterprise_name'] = table.name(enterprise);
    f['snmp.trap.generic'] = generic;
    f['snmp.trap.generic_name'] = GENERIC_NAMES[generic] ?? String(generic);
    f['snmp.trap.specific'] = specific;
    if (t.agentAddr && t.agentAddr !== '0.0.0.0') f['snmp.agent_address'] = t.agentAddr;
  } else {
    // SNMPv2 notifications start with sysUpTime.0 and snmpTrapOID.0 (RFC 3416 §4.2.6).
    const head: TrapVarbind[] = [];
    for (const vb of t.varbinds.slice(0, 2)) {
      if (vb.oid === SYS_UPTIME && typeof vb.value === 'number') uptime = vb.value;
      else if (vb.oid === SNMP_TRAP_OID && typeof vb.value === 'string') trapOid = vb.value;
      else break;
      head.push(vb);
    }
    rest = t.varbinds.slice(head.length);
  }
  const trapName = trapOid ? table.name(trapOid) : 'unknown';
  f['snmp.trap.oid'] = trapOid;
  f['snmp.trap.name'] = trapName;
  f['event.action'] = trapName;
  if (uptime !== undefined) f['snmp.uptime'] = uptime;
  if (t.user) f['snmp.security_name'] = t.user;
  f['host.ip'] = f['snmp.agent_address'] ?? t.sender;

  const list: FieldValue[] = [];
  const vars: Record<string, FieldValue> = {};
  const parts: string[] = [];
  for (const vb of rest) {
    const m = table.resolve(vb.oid);
    const named = m && m.entry.kind === 'object' ? m.entry.name : undefined;
    const item: Record<string, FieldValue> = { oid: vb.oid, type: vb.type, value: vb.value };
    if (m) item.name = m.instance ? `${m.entry.name}.${m.instance}` : m.entry.name;
    list.push(item);
    if (named) {
      const prev = vars[named];
      // A name seen twice (two interfaces in one trap) becomes a list rather than losing one.
      vars[named] = prev === undefined ? vb.value : Array.isArray(prev) ? [...prev, vb.value] : [prev, vb.value];
      f[`snmp.var.${named}`] = vars[named]!;
    }
    if (parts.length < 8) parts.push(`${(item.name as string | undefined) ?? vb.oid}=${show(vb.value)}`);
  }
  f['snmp.varbinds'] = list;
  f['vigil.severity'] = trapSeverity(trapName, vars);
  f.message = `SNMP ${t.pdu} ${trapName} from ${t.sender}${parts.length ? `: ${parts.join(' ')}` : ''}`;
  if (trapName === 'authenticationFailure') {
    f['event.category'] = ['network', 'authentication'];
    f['event.outcome'] = 'failure';
  }
  return f;
}
