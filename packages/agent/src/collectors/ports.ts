/**
 * @module collectors/ports
 * Listening sockets and established outbound connections from /proc/net/{tcp,tcp6,udp,udp6}, each
 * tied to its process by the socket inode found in /proc/<pid>/fd (readable for every process only
 * with root or CAP_DAC_READ_SEARCH + CAP_SYS_PTRACE; otherwise the process is left unknown).
 */
import { compareText } from './compare.ts';
import { link, list, pids, readText } from './read.ts';

/** A listening socket. */
export interface ListeningPort {
  transport: 'tcp' | 'udp';
  ip: string;
  port: number;
  uid: number;
  pid?: number;
  process?: string;
  exe?: string;
}

/** An established outbound connection (to a non-loopback address, from a port nobody listens on). */
export interface OutboundConnection {
  pid?: number;
  process?: string;
  exe?: string;
  remoteIp: string;
  remotePort: number;
  localPort: number;
}

/** `0100007F` -> 127.0.0.1; 32 hex digits -> IPv6 (each 32-bit word little-endian). */
export function hexAddress(hex: string): string {
  if (hex.length === 8) return [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.');
  const bytes: number[] = [];
  for (let w = 0; w < 4; w++) {
    const word = hex.slice(w * 8, w * 8 + 8);
    for (const i of [6, 4, 2, 0]) bytes.push(parseInt(word.slice(i, i + 2), 16));
  }
  // An IPv4-mapped address reads better as IPv4.
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12).join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  // Compress the longest run of zero groups (RFC 5952).
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

interface SocketRow {
  transport: 'tcp' | 'udp';
  localIp: string;
  localPort: number;
  remoteIp: string;
  remotePort: number;
  state: string;
  uid: number;
  inode: string;
}

function rows(root: string): SocketRow[] {
  const out: SocketRow[] = [];
  for (const file of ['tcp', 'tcp6', 'udp', 'udp6'] as const) {
    const text = readText(root, `/proc/net/${file}`);
    if (!text) continue;
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10) continue;
      const [lip, lport] = f[1]!.split(':');
      const [rip, rport] = f[2]!.split(':');
      if (!lip || !lport || !rip || !rport) continue;
      out.push({ transport: file.startsWith('tcp') ? 'tcp' : 'udp', localIp: hexAddress(lip), localPort: parseInt(lport, 16), remoteIp: hexAddress(rip), remotePort: parseInt(rport, 16), state: f[3]!, uid: Number(f[7]), inode: f[9]! });
    }
  }
  return out;
}

/** Socket inode -> the process holding it. */
function socketOwners(root: string): Map<string, { pid: number; process?: string; exe?: string }> {
  const owners = new Map<string, { pid: number; process?: string; exe?: string }>();
  for (const pid of pids(root)) {
    const fds = list(root, `/proc/${pid}/fd`);
    if (!fds.length) continue;
    let info: { pid: number; process?: string; exe?: string } | undefined;
    for (const fd of fds) {
      const m = /^socket:\[(\d+)\]$/.exec(link(root, `/proc/${pid}/fd/${fd}`) ?? '');
      if (!m || owners.has(m[1]!)) continue;
      info ??= { pid: Number(pid), process: readText(root, `/proc/${pid}/comm`)?.trim() || undefined, exe: link(root, `/proc/${pid}/exe`) ?? undefined };
      owners.set(m[1]!, info);
    }
  }
  return owners;
}

const LOOPBACK = /^(127\.|::1$)/;

/** Listening ports and outbound connections now. */
export function collectPorts(root: string): { listening: ListeningPort[]; outbound: OutboundConnection[] } {
  const all = rows(root);
  const owners = socketOwners(root);
  const listening = new Map<string, ListeningPort>();
  const listenPorts = new Set<number>();
  for (const r of all) {
    const isListen = r.transport === 'tcp' ? r.state === '0A' : r.state === '07' && r.remotePort === 0;
    if (!isListen) continue;
    listenPorts.add(r.localPort);
    const key = `${r.transport}/${r.localIp}/${r.localPort}`;
    if (listening.has(key)) continue;
    const o = owners.get(r.inode);
    listening.set(key, { transport: r.transport, ip: r.localIp, port: r.localPort, uid: r.uid, ...(o ? { pid: o.pid, process: o.process, exe: o.exe } : {}) });
  }
  const outbound: OutboundConnection[] = [];
  const seen = new Set<string>();
  for (const r of all) {
    if (r.transport !== 'tcp' || r.state !== '01' || LOOPBACK.test(r.remoteIp) || listenPorts.has(r.localPort)) continue;
    const o = owners.get(r.inode);
    const key = `${o?.process ?? '?'}>${r.remoteIp}:${r.remotePort}`;
    if (seen.has(key)) continue;
    seen.add(key);
    outbound.push({ remoteIp: r.remoteIp, remotePort: r.remotePort, localPort: r.localPort, ...(o ? { pid: o.pid, process: o.process, exe: o.exe } : {}) });
  }
  const byKey = (a: ListeningPort, b: ListeningPort) => a.port - b.port || compareText(a.transport, b.transport) || compareText(a.ip, b.ip);
  return { listening: [...listening.values()].sort(byKey), outbound };
}
