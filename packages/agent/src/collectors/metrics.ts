/**
 * @module collectors/metrics
 * Host metrics from /proc and statfs under a root: CPU (busy % from /proc/stat deltas), load, memory,
 * swap, file systems per mount, network rates per interface, uptime and process count. Names match
 * the SNMP poller's where the meaning is the same (cpu.load_pct, memory.used_pct, load.1m), so charts
 * and rules read both alike. Rates need two samples: the first call returns the counters as state.
 */
import { statfsSync } from 'node:fs';
import { list, pids, readText, under } from './read.ts';

/** One sample (the contract's AgentMetric without its time). */
export interface Sample {
  name: string;
  labels?: Record<string, string>;
  value: number;
}

/** Counters kept between two calls. */
export interface MetricsState {
  ts?: number;
  cpu?: { total: number; idle: number; user: number; system: number; iowait: number };
  net?: Record<string, { rx: number; tx: number; rxErr: number; txErr: number }>;
}

/** File system types whose usage is worth watching (pseudo and network ones are not). */
const REAL_FS = new Set(['ext2', 'ext3', 'ext4', 'xfs', 'btrfs', 'zfs', 'vfat', 'exfat', 'ntfs', 'ntfs3', 'f2fs', 'jfs', 'reiserfs', 'bcachefs']);

const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

/** statfs of a path, the shape collectors use (injected in tests). */
export type StatFs = (path: string) => { bsize: number; blocks: number; bfree: number; bavail: number; files: number; ffree: number };

/** One collection: samples and the state for the next call's rates. */
export function collectMetrics(root: string, prev: MetricsState, now: number, statfs: StatFs = statfsSync as unknown as StatFs): { samples: Sample[]; state: MetricsState } {
  const samples: Sample[] = [];
  const state: MetricsState = { ts: now };
  const dt = prev.ts ? (now - prev.ts) / 1000 : 0;

  const stat = readText(root, '/proc/stat');
  if (stat) {
    const lines = stat.split('\n');
    const cpu = lines[0]?.startsWith('cpu ') ? lines[0].trim().split(/\s+/).slice(1).map(Number) : null;
    if (cpu && cpu.length >= 4) {
      const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = cpu;
      const c = { total: user + nice + system + idle + iowait + irq + softirq + steal, idle: idle + iowait, user: user + nice, system: system + irq + softirq, iowait };
      state.cpu = c;
      if (prev.cpu && c.total > prev.cpu.total) {
        const d = c.total - prev.cpu.total;
        samples.push(
          { name: 'cpu.load_pct', value: round((100 * (d - (c.idle - prev.cpu.idle))) / d) },
          { name: 'cpu.user_pct', value: round((100 * (c.user - prev.cpu.user)) / d) },
          { name: 'cpu.system_pct', value: round((100 * (c.system - prev.cpu.system)) / d) },
          { name: 'cpu.iowait_pct', value: round((100 * (c.iowait - prev.cpu.iowait)) / d) },
        );
      }
    }
    samples.push({ name: 'cpu.cores', value: lines.filter((l) => /^cpu\d+\s/.test(l)).length });
  }

  const load = readText(root, '/proc/loadavg')?.trim().split(/\s+/);
  if (load && load.length >= 3) {
    samples.push({ name: 'load.1m', value: Number(load[0]) }, { name: 'load.5m', value: Number(load[1]) }, { name: 'load.15m', value: Number(load[2]) });
  }

  const mem = readText(root, '/proc/meminfo');
  if (mem) {
    const kb: Record<string, number> = {};
    for (const m of mem.matchAll(/^(\w+):\s+(\d+)/gm)) kb[m[1]!] = Number(m[2]) * 1024;
    const total = kb.MemTotal;
    const available = kb.MemAvailable ?? (kb.MemFree ?? 0) + (kb.Buffers ?? 0) + (kb.Cached ?? 0);
    if (total) {
      const used = total - available;
      samples.push({ name: 'memory.total_bytes', value: total }, { name: 'memory.used_bytes', value: used }, { name: 'memory.available_bytes', value: available }, { name: 'memory.used_pct', value: round((100 * used) / total) });
    }
    if (kb.SwapTotal !== undefined) {
      const used = kb.SwapTotal - (kb.SwapFree ?? 0);
      samples.push({ name: 'swap.total_bytes', value: kb.SwapTotal }, { name: 'swap.used_bytes', value: used }, { name: 'swap.used_pct', value: kb.SwapTotal ? round((100 * used) / kb.SwapTotal) : 0 });
    }
  }

  const mounts = readText(root, '/proc/mounts') ?? '';
  const seen = new Set<string>();
  for (const line of mounts.split('\n')) {
    const [device, mount, fstype] = line.split(' ');
    if (!device || !mount || !fstype || !REAL_FS.has(fstype) || seen.has(device)) continue;
    seen.add(device);
    const mp = mount.replace(/\\040/g, ' ');
    try {
      const s = statfs(under(root, mp));
      const size = s.blocks * s.bsize;
      const used = (s.blocks - s.bfree) * s.bsize;
      const avail = s.bavail * s.bsize;
      const labels = { mount: mp, device, fstype };
      samples.push({ name: 'disk.size_bytes', labels, value: size }, { name: 'disk.used_bytes', labels, value: used }, { name: 'disk.used_pct', labels, value: used + avail ? round((100 * used) / (used + avail)) : 0 });
      if (s.files) samples.push({ name: 'disk.inodes_used_pct', labels, value: round((100 * (s.files - s.ffree)) / s.files) });
    } catch {
      /* not reachable under this root (or permission): skip the mount */
    }
  }

  const dev = readText(root, '/proc/net/dev');
  if (dev) {
    state.net = {};
    for (const line of dev.split('\n').slice(2)) {
      const m = /^\s*([^:]+):\s*(.*)$/.exec(line);
      if (!m) continue;
      const iface = m[1]!.trim();
      if (iface === 'lo') continue;
      const f = m[2]!.trim().split(/\s+/).map(Number);
      const c = { rx: f[0] ?? 0, rxErr: f[2] ?? 0, tx: f[8] ?? 0, txErr: f[10] ?? 0 };
      state.net[iface] = c;
      const p = prev.net?.[iface];
      if (p && dt > 0 && c.rx >= p.rx && c.tx >= p.tx) {
        const labels = { interface: iface };
        samples.push(
          { name: 'net.in_bps', labels, value: round(((c.rx - p.rx) * 8) / dt) },
          { name: 'net.out_bps', labels, value: round(((c.tx - p.tx) * 8) / dt) },
          { name: 'net.in_errors', labels, value: round(Math.max(0, c.rxErr - p.rxErr) / dt, 3) },
          { name: 'net.out_errors', labels, value: round(Math.max(0, c.txErr - p.txErr) / dt, 3) },
        );
      }
    }
  }

  const up = readText(root, '/proc/uptime');
  if (up) samples.push({ name: 'system.uptime_s', value: Math.round(Number(up.split(' ')[0])) });
  const procs = pids(root);
  if (procs.length || list(root, '/proc').length) samples.push({ name: 'processes.count', value: procs.length });
  return { samples: samples.filter((s) => Number.isFinite(s.value)), state };
}
