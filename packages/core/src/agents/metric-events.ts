/**
 * @module agents/metric-events
 * Host metrics as events, so detection's `metric` rules (built-in `high-cpu`, `high-disk`) see them:
 * one `agent.metrics` event per sample time with the host-wide values, and one per file system.
 * Field names follow Metricbeat's `system.*` (ECS-style), percentages 0-100.
 */
import type { FieldValue } from '@vigil/contracts';

/** One metric sample as the agent sends it. */
export interface HostMetricSample {
  name: string;
  labels?: Readonly<Record<string, string>>;
  ts: number;
  value: number;
}

/** Host-wide metric name -> event field. */
const HOST_FIELDS: Readonly<Record<string, string>> = {
  'cpu.load_pct': 'system.cpu.pct',
  'cpu.cores': 'system.cpu.cores',
  'memory.used_pct': 'system.memory.used.pct',
  'memory.used_bytes': 'system.memory.used.bytes',
  'memory.total_bytes': 'system.memory.total',
  'swap.used_pct': 'system.swap.used.pct',
  'load.1m': 'system.load.1',
  'load.5m': 'system.load.5',
  'load.15m': 'system.load.15',
  'processes.count': 'system.process.count',
  'system.uptime_s': 'system.uptime.duration.s',
};

/** Per-file-system metric name -> event field (the event also names the mount point). */
const DISK_FIELDS: Readonly<Record<string, string>> = {
  'disk.used_pct': 'system.filesystem.used.pct',
  'disk.used_bytes': 'system.filesystem.used.bytes',
  'disk.size_bytes': 'system.filesystem.total',
};

/** The `agent.metrics` events of a batch's samples (field values only; the caller stamps host identity). */
export function metricEvents(samples: readonly HostMetricSample[]): Record<string, FieldValue>[] {
  const host = new Map<number, Record<string, FieldValue>>();
  const disks = new Map<string, Record<string, FieldValue>>();
  for (const s of samples) {
    if (!Number.isFinite(s.value) || !Number.isFinite(s.ts)) continue;
    const hf = HOST_FIELDS[s.name];
    if (hf) {
      let e = host.get(s.ts);
      if (!e) host.set(s.ts, (e = base(s.ts)));
      e[hf] = s.value;
      continue;
    }
    const df = DISK_FIELDS[s.name];
    const mount = s.labels?.mount;
    if (df && mount) {
      const k = `${s.ts}\u0000${mount}`;
      let e = disks.get(k);
      if (!e) disks.set(k, (e = { ...base(s.ts), 'system.filesystem.mount_point': mount, ...(s.labels?.device ? { 'system.filesystem.device_name': s.labels.device } : {}), ...(s.labels?.fstype ? { 'system.filesystem.type': s.labels.fstype } : {}) }));
      e[df] = s.value;
    }
  }
  return [...host.values(), ...disks.values()];
}

function base(ts: number): Record<string, FieldValue> {
  return { '@timestamp': new Date(ts).toISOString(), 'event.dataset': 'agent.metrics', 'event.kind': 'metric', 'event.module': 'agent' };
}
