import { describe, it, expect } from 'vitest';
import { pollMetrics, counterDelta, type PollRaw } from '../../src/snmp/index.ts';

const raw = (ts: number, inOctets: number, oper: number, uptime = 1000 + ts / 10): PollRaw => ({
  ts,
  scalars: { sysUpTime: uptime, sysName: 'sw1', memTotalReal: 1000, memAvailReal: 250, memBuffer: 50, memCached: 100 },
  columns: {
    ifDescr: { '1': 'ge-0/0/1', '2': 'ge-0/0/2' },
    ifName: { '1': 'ge1' },
    ifOperStatus: { '1': oper, '2': 1 },
    ifAdminStatus: { '1': 1, '2': 1 },
    ifInOctets: { '1': inOctets, '2': 0 },
    ifHCOutOctets: { '1': 2_000_000, '2': 0 },
    ifHighSpeed: { '1': 1000 },
    hrProcessorLoad: { '196608': 10, '196609': 30 },
    hrStorageType: { '1': '1.3.6.1.2.1.25.2.1.4' },
    hrStorageDescr: { '1': '/' },
    hrStorageAllocationUnits: { '1': 4096 },
    hrStorageSize: { '1': 100 },
    hrStorageUsed: { '1': 25 },
  },
});

const value = (r: ReturnType<typeof pollMetrics>, name: string, ifIndex?: string) => r.samples.find((s) => s.name === name && (ifIndex === undefined || s.labels.ifIndex === ifIndex))?.value;

describe('pollMetrics', () => {
  it('gives no rates on the first poll, then octets as bits/s', () => {
    const first = pollMetrics(raw(0, 1000, 1), undefined);
    expect(value(first, 'if.in_bps', '1')).toBeUndefined();
    expect(value(first, 'cpu.load_pct')).toBe(20);
    expect(value(first, 'memory.used_pct')).toBe(60);
    expect(value(first, 'storage.used_pct')).toBe(25);
    expect(value(first, 'if.speed_bps', '1')).toBe(1e9);
    const second = pollMetrics(raw(10_000, 11_000, 1), first.state);
    expect(value(second, 'if.in_bps', '1')).toBe(8000);
    expect(value(second, 'if.out_bps', '1')).toBe(0);
    expect(second.interfaces[0]).toMatchObject({ ifIndex: '1', name: 'ge1', descr: 'ge-0/0/1', operStatus: 'up', inBps: 8000, speedBps: 1e9 });
    expect(second.interfaces[1]!.name).toBe('ge-0/0/2');
  });

  it('handles a 32-bit wrap and ignores counters across an agent restart', () => {
    const a = pollMetrics(raw(0, 2 ** 32 - 1000, 1), undefined);
    const b = pollMetrics(raw(1000, 1000, 1), a.state);
    expect(value(b, 'if.in_bps', '1')).toBe(2000 * 8);
    const restarted = pollMetrics(raw(2000, 5, 1, 10), b.state);
    expect(value(restarted, 'if.in_bps', '1')).toBeUndefined();
    expect(counterDelta(10, 5, 64)).toBeUndefined();
  });

  it('reports oper-status changes', () => {
    const a = pollMetrics(raw(0, 0, 1), undefined);
    const b = pollMetrics(raw(1000, 0, 2), a.state);
    expect(b.changes).toEqual([{ ifIndex: '1', name: 'ge1', from: 'up', to: 'down' }]);
    expect(pollMetrics(raw(2000, 0, 2), b.state).changes).toEqual([]);
  });
});
