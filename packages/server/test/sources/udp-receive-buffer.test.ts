import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { SyslogUdpSource } from '../../src/sources/syslog-udp-source.ts';
import type { LineSink } from '../../src/sources/line-sink.ts';
import type { TenantRouter } from '../../src/sources/tenant-router.ts';
import { MetricsRegistry, StageCounters } from '../../src/metrics/index.ts';

const rmemMax = (() => {
  try {
    return Number(readFileSync('/proc/sys/net/core/rmem_max', 'utf8'));
  } catch {
    return 0;
  }
})();

const source = (receiveBuffer: number) =>
  new SyslogUdpSource({ host: '127.0.0.1', port: 0, maxBytes: 65536, receiveBuffer }, { busy: false, add: () => undefined, drain: async () => undefined } as unknown as LineSink, { route: () => 't' } as unknown as TenantRouter, new StageCounters(new MetricsRegistry(), 'source.syslog-udp', 'source'));

describe.skipIf(!rmemMax)('syslog.udp_receive_buffer', () => {
  it('asks the kernel for the configured buffer and says when it granted less (net.core.rmem_max)', async () => {
    const small = source(128 * 1024);
    await small.start();
    try {
      // Linux accounts twice the asked size; within rmem_max the whole of it is granted.
      expect(small.receiveBuffer).toBeGreaterThanOrEqual(128 * 1024);
      expect(small.receiveBufferShort).toBe(false);
    } finally {
      await small.stop();
    }
    const huge = source(1024 * 1024 * 1024);
    await huge.start();
    try {
      if (rmemMax * 2 < 1024 * 1024 * 1024) {
        expect(huge.receiveBuffer).toBeLessThanOrEqual(rmemMax * 2);
        expect(huge.receiveBufferShort).toBe(true);
      }
    } finally {
      await huge.stop();
    }
  });
});
