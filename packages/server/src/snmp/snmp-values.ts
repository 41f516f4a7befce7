/**
 * @module snmp/snmp-values
 * net-snmp varbind values (Buffers for strings and 64-bit counters) to plain JSON values.
 */
import snmp from 'net-snmp';
import type { TrapVarbind } from '@vigil/core';

/** SMI type names as RFC 2578 spells them (net-snmp's ObjectType also has aliases such as "OCTET STRING"). */
const TYPE_NAMES: Record<number, string> = { 1: 'Boolean', 2: 'Integer', 4: 'OctetString', 5: 'Null', 6: 'OID', 64: 'IpAddress', 65: 'Counter32', 66: 'Gauge32', 67: 'TimeTicks', 68: 'Opaque', 70: 'Counter64', 128: 'NoSuchObject', 129: 'NoSuchInstance', 130: 'EndOfMibView' };

/** Printable UTF-8 text, or colon-separated hex for binary (MAC addresses, engine ids). */
export function octetText(b: Buffer): string {
  for (const c of b) if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f) return [...b].map((x) => x.toString(16).padStart(2, '0')).join(':');
  const s = b.toString('utf8');
  return s.includes('\uFFFD') ? b.toString('latin1') : s;
}

/** A 64-bit counter Buffer (big-endian) as a number; loses precision above 2^53, which rates tolerate. */
export function counter64(b: Buffer): number {
  let n = 0;
  for (const c of b) n = n * 256 + c;
  return n;
}

/** One net-snmp varbind to a plain one. */
export function plainVarbind(vb: { oid: string; type?: number; value?: unknown }): TrapVarbind {
  const type = vb.type ?? 0;
  const name = TYPE_NAMES[type] ?? String(type);
  const v = vb.value;
  let value: string | number | null;
  if (type === snmp.ObjectType.Counter64 && Buffer.isBuffer(v)) value = counter64(v);
  else if (Buffer.isBuffer(v)) value = octetText(v);
  else if (typeof v === 'number' || typeof v === 'string') value = v;
  else if (typeof v === 'bigint') value = Number(v);
  else if (typeof v === 'boolean') value = v ? 1 : 0;
  else value = null;
  return { oid: vb.oid, type: name, value };
}
