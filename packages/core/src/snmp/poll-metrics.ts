/**
 * @module snmp/poll-metrics
 * One poll's raw answers to metrics: counters to per-second rates (octets to bits/s) against the
 * previous poll, with 32/64-bit wrap and agent-restart handling; CPU, memory, storage and load from
 * HOST-RESOURCES-MIB or UCD-SNMP-MIB; the interface table; oper-status changes. Pure: the caller
 * keeps the returned state for the next poll.
 */

/** Raw answers by object name: scalars, and columns by row index. */
export interface PollRaw {
  ts: number;
  scalars: Readonly<Record<string, string | number | null>>;
  columns: Readonly<Record<string, Readonly<Record<string, string | number | null>>>>;
}

/** What is carried from one poll to the next. */
export interface PollState {
  ts: number;
  uptime?: number;
  counters: Record<string, number>;
  operStatus: Record<string, number>;
}

/** One row of the interface table as the UI shows it. */
export interface InterfaceRow {
  ifIndex: string;
  name: string;
  descr: string;
  alias?: string;
  speedBps?: number;
  adminStatus?: string;
  operStatus?: string;
  inBps?: number;
  outBps?: number;
  inErrors?: number;
  outErrors?: number;
  inDiscards?: number;
  outDiscards?: number;
}

/** A computed sample (the caller adds tenant, source and time). */
export interface PollSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** An interface whose oper status changed since the last poll. */
export interface OperChange {
  ifIndex: string;
  name: string;
  from: string;
  to: string;
}

/** One poll's samples, interface table, oper-status changes, system identity and the state for the next poll. */
export interface PollResult {
  samples: PollSample[];
  interfaces: InterfaceRow[];
  changes: OperChange[];
  system: { name?: string; descr?: string; uptimeS?: number; objectId?: string; location?: string };
  state: PollState;
}

/** IF-MIB ifOperStatus / ifAdminStatus values. */
export const IF_STATUS = ['', 'up', 'down', 'testing', 'unknown', 'dormant', 'notPresent', 'lowerLayerDown'];
const HR_STORAGE_RAM = '1.3.6.1.2.1.25.2.1.2';
const HR_DISKS = new Set(['1.3.6.1.2.1.25.2.1.4', '1.3.6.1.2.1.25.2.1.5', '1.3.6.1.2.1.25.2.1.9', '1.3.6.1.2.1.25.2.1.10']);

const num = (v: unknown): number | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
};
const text = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));
const status = (v: unknown): string | undefined => {
  const n = num(v);
  return n === undefined ? undefined : (IF_STATUS[n] ?? String(n));
};
const round = (v: number, digits = 3): number => Math.round(v * 10 ** digits) / 10 ** digits;

/** Increase of a counter since the previous value, or undefined when it cannot be trusted. */
export function counterDelta(prev: number | undefined, cur: number | undefined, bits: 32 | 64): number | undefined {
  if (prev === undefined || cur === undefined) return undefined;
  if (cur >= prev) return cur - prev;
  // A 32-bit counter that was in its upper half wrapped; anything else is a reset (device restarted).
  if (bits === 32 && prev > 2 ** 31) return cur + 2 ** 32 - prev;
  return undefined;
}

/** Computes one poll's metrics against the previous state. */
export function pollMetrics(raw: PollRaw, prev: PollState | undefined, customNames: readonly string[] = []): PollResult {
  const s = raw.scalars;
  const samples: PollSample[] = [];
  const uptimeTicks = num(s.sysUpTime);
  const uptime = uptimeTicks === undefined ? undefined : uptimeTicks / 100;
  // A restarted agent resets its counters: no rates from the previous poll then.
  const restarted = prev?.uptime !== undefined && uptime !== undefined && uptime < prev.uptime;
  const dt = prev && !restarted ? (raw.ts - prev.ts) / 1000 : 0;
  const state: PollState = { ts: raw.ts, uptime, counters: {}, operStatus: {} };
  const rate = (key: string, cur: number | undefined, bits: 32 | 64, factor = 1): number | undefined => {
    if (cur === undefined) return undefined;
    state.counters[key] = cur;
    if (dt <= 0) return undefined;
    const d = counterDelta(prev!.counters[key], cur, bits);
    return d === undefined ? undefined : round((d * factor) / dt);
  };
  if (uptime !== undefined) samples.push({ name: 'system.uptime_s', labels: {}, value: uptime });

  // Interfaces.
  const c = raw.columns;
  const interfaces: InterfaceRow[] = [];
  const changes: OperChange[] = [];
  const indexes = new Set<string>([...Object.keys(c.ifDescr ?? {}), ...Object.keys(c.ifOperStatus ?? {})]);
  for (const i of [...indexes].sort((a, b) => Number(a) - Number(b))) {
    const descr = text(c.ifDescr?.[i]) ?? `if${i}`;
    const name = text(c.ifName?.[i]) || descr;
    const labels = { ifIndex: i, ifName: name };
    const hcIn = num(c.ifHCInOctets?.[i]);
    const hcOut = num(c.ifHCOutOctets?.[i]);
    const inBps = hcIn !== undefined ? rate(`in:${i}:64`, hcIn, 64, 8) : rate(`in:${i}:32`, num(c.ifInOctets?.[i]), 32, 8);
    const outBps = hcOut !== undefined ? rate(`out:${i}:64`, hcOut, 64, 8) : rate(`out:${i}:32`, num(c.ifOutOctets?.[i]), 32, 8);
    const row: InterfaceRow = { ifIndex: i, name, descr };
    const alias = text(c.ifAlias?.[i]);
    if (alias) row.alias = alias;
    const high = num(c.ifHighSpeed?.[i]);
    const speed = high ? high * 1e6 : num(c.ifSpeed?.[i]);
    if (speed !== undefined) row.speedBps = speed;
    row.adminStatus = status(c.ifAdminStatus?.[i]);
    row.operStatus = status(c.ifOperStatus?.[i]);
    const oper = num(c.ifOperStatus?.[i]);
    if (oper !== undefined) {
      state.operStatus[i] = oper;
      samples.push({ name: 'if.oper_status', labels, value: oper });
      const before = prev?.operStatus[i];
      if (before !== undefined && before !== oper) changes.push({ ifIndex: i, name, from: IF_STATUS[before] ?? String(before), to: IF_STATUS[oper] ?? String(oper) });
    }
    if (inBps !== undefined) samples.push({ name: 'if.in_bps', labels, value: (row.inBps = inBps) });
    if (outBps !== undefined) samples.push({ name: 'if.out_bps', labels, value: (row.outBps = outBps) });
    for (const [col, metric, key] of [['ifInErrors', 'if.in_errors', 'inErrors'], ['ifOutErrors', 'if.out_errors', 'outErrors'], ['ifInDiscards', 'if.in_discards', 'inDiscards'], ['ifOutDiscards', 'if.out_discards', 'outDiscards']] as const) {
      const r = rate(`${col}:${i}`, num(c[col]?.[i]), 32);
      if (r !== undefined) samples.push({ name: metric, labels, value: (row[key] = r) });
    }
    if (speed !== undefined) samples.push({ name: 'if.speed_bps', labels, value: speed });
    interfaces.push(row);
  }

  // CPU: HOST-RESOURCES per-processor load when the agent has it, else UCD raw tick counters.
  const loads = Object.values(c.hrProcessorLoad ?? {}).map(num).filter((v): v is number => v !== undefined);
  const cisco = Object.values(c.cpmCPUTotal1minRev ?? {}).map(num).filter((v): v is number => v !== undefined);
  if (loads.length) samples.push({ name: 'cpu.load_pct', labels: {}, value: round(loads.reduce((a, b) => a + b, 0) / loads.length, 2) });
  else if (cisco.length) samples.push({ name: 'cpu.load_pct', labels: {}, value: round(cisco.reduce((a, b) => a + b, 0) / cisco.length, 2) });
  else {
    const busyNames = ['ssCpuRawUser', 'ssCpuRawNice', 'ssCpuRawSystem', 'ssCpuRawWait', 'ssCpuRawInterrupt', 'ssCpuRawSoftIRQ', 'ssCpuRawSteal'];
    const idle = num(s.ssCpuRawIdle);
    if (idle !== undefined) {
      let busy = 0;
      for (const n of busyNames) busy += num(s[n]) ?? 0;
      state.counters['cpu:busy'] = busy;
      state.counters['cpu:idle'] = idle;
      if (dt > 0) {
        const db = counterDelta(prev!.counters['cpu:busy'], busy, 32);
        const di = counterDelta(prev!.counters['cpu:idle'], idle, 32);
        if (db !== undefined && di !== undefined && db + di > 0) samples.push({ name: 'cpu.load_pct', labels: {}, value: round((100 * db) / (db + di), 2) });
      }
    }
  }

  // Memory: UCD (kB, with buffers and cache as free) or the HOST-RESOURCES RAM entry.
  const total = num(s.memTotalReal);
  const avail = num(s.memAvailReal);
  let memDone = false;
  if (total && avail !== undefined) {
    const used = Math.max(0, total - avail - (num(s.memBuffer) ?? 0) - (num(s.memCached) ?? 0)) * 1024;
    samples.push({ name: 'memory.total_bytes', labels: {}, value: total * 1024 }, { name: 'memory.used_bytes', labels: {}, value: used }, { name: 'memory.used_pct', labels: {}, value: round((100 * used) / (total * 1024), 2) });
    memDone = true;
  }
  for (const i of Object.keys(c.hrStorageType ?? {})) {
    const type = text(c.hrStorageType?.[i]);
    const units = num(c.hrStorageAllocationUnits?.[i]) ?? 1;
    const size = (num(c.hrStorageSize?.[i]) ?? 0) * units;
    const used = (num(c.hrStorageUsed?.[i]) ?? 0) * units;
    if (!size) continue;
    if (type === HR_STORAGE_RAM && !memDone) {
      samples.push({ name: 'memory.total_bytes', labels: {}, value: size }, { name: 'memory.used_bytes', labels: {}, value: used }, { name: 'memory.used_pct', labels: {}, value: round((100 * used) / size, 2) });
      memDone = true;
    } else if (type && HR_DISKS.has(type)) {
      const labels = { storage: text(c.hrStorageDescr?.[i]) ?? i };
      samples.push({ name: 'storage.size_bytes', labels, value: size }, { name: 'storage.used_bytes', labels, value: used }, { name: 'storage.used_pct', labels, value: round((100 * used) / size, 2) });
    }
  }

  // Load averages (UCD laLoad rows 1-3 are 1, 5 and 15 minutes).
  for (const [i, n] of [['1', 'load.1m'], ['2', 'load.5m'], ['3', 'load.15m']] as const) {
    const v = num(c.laLoad?.[i]);
    if (v !== undefined) samples.push({ name: n, labels: {}, value: v });
  }
  for (const n of customNames) {
    const v = num(s[n]);
    if (v !== undefined) samples.push({ name: `custom.${n}`, labels: {}, value: v });
  }

  return {
    samples,
    interfaces,
    changes,
    system: { name: text(s.sysName), descr: text(s.sysDescr), uptimeS: uptime, objectId: text(s.sysObjectID), location: text(s.sysLocation) },
    state,
  };
}
