/**
 * @module snapshot-diff
 * What changed between two snapshots, as events the built-in rules read: `agent.port` (port-opened /
 * port-closed), `agent.user` (user-added, user-removed, user-changed, group-member-added, …),
 * `agent.sudoer`, `agent.ssh_key`, `agent.sshd`, `agent.package`, `agent.os`, `agent.fim`,
 * `agent.outbound` and `agent.login`. A section missing from the previous snapshot yields no events:
 * the first look at a host is its baseline, not a flood of "new" things.
 */
import type { FieldValue } from '@vigil/contracts';
import type { Sections } from './snapshot.ts';
import type { ListeningPort, OutboundConnection } from './collectors/ports.ts';
import type { LocalGroup, LocalUser } from './collectors/accounts.ts';
import type { SudoersSnapshot } from './collectors/sudoers.ts';
import type { AuthorizedKey } from './collectors/ssh-keys.ts';
import type { SshdSnapshot } from './collectors/sshd.ts';
import type { PackagesSnapshot } from './collectors/packages.ts';
import type { OsInfo } from './collectors/os-info.ts';
import type { FileState } from './collectors/fim.ts';
import type { LoginRecord } from './collectors/logins.ts';

/** An event as the agent sends it (the server adds identity and finalizes). */
export type AgentEvent = Record<string, FieldValue>;

function ev(dataset: string, action: string, severity: string, message: string, at: number, fields: Record<string, FieldValue | undefined>): AgentEvent {
  const out: AgentEvent = { '@timestamp': new Date(at).toISOString(), 'event.dataset': dataset, 'event.kind': 'event', 'event.action': action, 'vigil.severity': severity, message };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return out;
}

/** Keyed set difference. */
function byKey<T>(list: readonly T[], key: (t: T) => string): Map<string, T> {
  return new Map(list.map((t) => [key(t), t]));
}

const portKey = (p: ListeningPort) => `${p.transport}/${p.ip}/${p.port}`;
const keyKey = (k: AuthorizedKey) => `${k.user}\u0000${k.fingerprint}`;

/** The change events from `prev` to `next` (sections present in both). */
export function diffSnapshots(prev: Sections, next: Sections, at: number): AgentEvent[] {
  const out: AgentEvent[] = [];
  if (prev.ports && next.ports) {
    const a = byKey(prev.ports as ListeningPort[], portKey);
    const b = byKey(next.ports as ListeningPort[], portKey);
    for (const [k, p] of b) if (!a.has(k)) out.push(ev('agent.port', 'port-opened', 'medium', `${p.process ?? 'A process'} started listening on ${p.transport}/${p.ip}:${p.port}`, at, { 'network.transport': p.transport, 'server.ip': p.ip, 'server.port': p.port, 'process.name': p.process, 'process.pid': p.pid, 'process.executable': p.exe, 'user.id': String(p.uid) }));
    for (const [k, p] of a) if (!b.has(k)) out.push(ev('agent.port', 'port-closed', 'info', `Nothing listens on ${p.transport}/${p.ip}:${p.port} any more (was ${p.process ?? 'unknown'})`, at, { 'network.transport': p.transport, 'server.ip': p.ip, 'server.port': p.port, 'process.name': p.process }));
  }
  if (prev.users && next.users) {
    const a = byKey(prev.users as LocalUser[], (u) => u.name);
    const b = byKey(next.users as LocalUser[], (u) => u.name);
    for (const [n, u] of b) {
      const o = a.get(n);
      if (!o) out.push(ev('agent.user', 'user-added', u.uid === 0 ? 'high' : 'low', `Local user ${n} (uid ${u.uid}) was added`, at, { 'user.name': n, 'user.id': String(u.uid), 'user.shell': u.shell, 'user.home': u.home }));
      else if (o.uid !== u.uid || o.shell !== u.shell || o.home !== u.home || o.gid !== u.gid) {
        const changed = (['uid', 'gid', 'shell', 'home'] as const).filter((f) => o[f] !== u[f]);
        out.push(ev('agent.user', 'user-changed', u.uid === 0 && o.uid !== 0 ? 'high' : 'low', `Local user ${n} changed: ${changed.map((f) => `${f} ${o[f]} -> ${u[f]}`).join(', ')}`, at, { 'user.name': n, 'user.id': String(u.uid), 'user.shell': u.shell, 'agent.user.changed': changed }));
      }
    }
    for (const n of a.keys()) if (!b.has(n)) out.push(ev('agent.user', 'user-removed', 'low', `Local user ${n} was removed`, at, { 'user.name': n }));
  }
  if (prev.groups && next.groups) {
    const a = byKey(prev.groups as LocalGroup[], (g) => g.name);
    for (const g of next.groups as LocalGroup[]) {
      const o = a.get(g.name);
      if (!o) {
        out.push(ev('agent.user', 'group-added', 'low', `Group ${g.name} was added`, at, { 'group.name': g.name, 'group.id': String(g.gid) }));
        continue;
      }
      for (const m of g.members) if (!o.members.includes(m)) out.push(ev('agent.user', 'group-member-added', 'low', `${m} was added to group ${g.name}`, at, { 'user.name': m, 'group.name': g.name, 'group.id': String(g.gid) }));
      for (const m of o.members) if (!g.members.includes(m)) out.push(ev('agent.user', 'group-member-removed', 'info', `${m} was removed from group ${g.name}`, at, { 'user.name': m, 'group.name': g.name }));
    }
  }
  if (prev.sudoers && next.sudoers) {
    const a = prev.sudoers as SudoersSnapshot;
    const b = next.sudoers as SudoersSnapshot;
    for (const n of b.admins) if (!a.admins.includes(n)) out.push(ev('agent.sudoer', 'sudoer-added', 'high', `${n} can now use sudo`, at, { 'user.name': n, 'agent.sudoers.rules': b.rules.filter((r) => r.principal === n || r.principal.startsWith('%')).map((r) => r.rule).slice(0, 20) }));
    for (const n of a.admins) if (!b.admins.includes(n)) out.push(ev('agent.sudoer', 'sudoer-removed', 'info', `${n} can no longer use sudo`, at, { 'user.name': n }));
    const ra = new Set(a.rules.map((r) => `${r.file}\u0000${r.rule}`));
    for (const r of b.rules) if (!ra.has(`${r.file}\u0000${r.rule}`)) out.push(ev('agent.sudoer', 'rule-added', 'medium', `New sudo rule in ${r.file}: ${r.rule}`, at, { 'user.name': r.principal, 'file.path': r.file, 'agent.sudoers.rule': r.rule }));
  }
  if (prev.ssh_keys && next.ssh_keys) {
    const a = byKey(prev.ssh_keys as AuthorizedKey[], keyKey);
    const b = byKey(next.ssh_keys as AuthorizedKey[], keyKey);
    for (const [k, key] of b) if (!a.has(k)) out.push(ev('agent.ssh_key', 'key-added', 'high', `New SSH authorized key for ${key.user}: ${key.type} ${key.fingerprint}${key.comment ? ` (${key.comment})` : ''}`, at, { 'user.name': key.user, 'file.path': key.file, 'ssh.key.type': key.type, 'ssh.key.fingerprint': key.fingerprint, 'ssh.key.comment': key.comment, 'ssh.key.options': key.options }));
    for (const [k, key] of a) if (!b.has(k)) out.push(ev('agent.ssh_key', 'key-removed', 'info', `SSH authorized key removed for ${key.user}: ${key.fingerprint}`, at, { 'user.name': key.user, 'file.path': key.file, 'ssh.key.fingerprint': key.fingerprint }));
  }
  if (prev.sshd && next.sshd) {
    const a = new Map((prev.sshd as SshdSnapshot).risky.map((r) => [r.setting, r]));
    const b = new Map((next.sshd as SshdSnapshot).risky.map((r) => [r.setting, r]));
    for (const [k, r] of b) if (a.get(k)?.value !== r.value) out.push(ev('agent.sshd', 'risky-setting-added', 'medium', `sshd: ${k} ${r.value} — ${r.reason}`, at, { 'sshd.setting': k, 'sshd.value': r.value, 'sshd.reason': r.reason, 'file.path': '/etc/ssh/sshd_config' }));
    for (const [k, r] of a) if (!b.has(k)) out.push(ev('agent.sshd', 'risky-setting-cleared', 'info', `sshd: ${k} is no longer ${r.value}`, at, { 'sshd.setting': k }));
  }
  // A list that could not be read (rpm failed) is not a change.
  if (prev.packages && next.packages && !(prev.packages as PackagesSnapshot).error && !(next.packages as PackagesSnapshot).error) {
    const a = byKey((prev.packages as PackagesSnapshot).packages, (p) => `${p.name}:${p.arch}`);
    const b = byKey((next.packages as PackagesSnapshot).packages, (p) => `${p.name}:${p.arch}`);
    for (const [k, p] of b) {
      const o = a.get(k);
      if (!o) out.push(ev('agent.package', 'package-installed', 'low', `Package ${p.name} ${p.version} installed`, at, { 'package.name': p.name, 'package.version': p.version, 'package.architecture': p.arch }));
      else if (o.version !== p.version) out.push(ev('agent.package', 'package-upgraded', 'info', `Package ${p.name} ${o.version} -> ${p.version}`, at, { 'package.name': p.name, 'package.version': p.version, 'package.previous_version': o.version, 'package.architecture': p.arch }));
    }
    for (const [k, p] of a) if (!b.has(k)) out.push(ev('agent.package', 'package-removed', 'low', `Package ${p.name} ${p.version} removed`, at, { 'package.name': p.name, 'package.version': p.version }));
  }
  if (prev.os && next.os) {
    const a = prev.os as OsInfo;
    const b = next.os as OsInfo;
    if (a.kernel !== b.kernel || a.name !== b.name) out.push(ev('agent.os', 'os-changed', 'low', `Operating system changed: ${a.name ?? '?'} (kernel ${a.kernel ?? '?'}) -> ${b.name ?? '?'} (kernel ${b.kernel ?? '?'})`, at, { 'host.os.name': b.name, 'host.os.kernel': b.kernel, 'host.os.version': b.version, 'agent.os.previous_kernel': a.kernel }));
  }
  if (prev.fim && next.fim) {
    const a = prev.fim as Record<string, FileState>;
    const b = next.fim as Record<string, FileState>;
    const fields = (p: string, f: FileState) => ({ 'file.path': p, 'file.hash.sha256': f.sha256 ?? undefined, 'file.mode': f.mode, 'file.uid': String(f.uid), 'file.gid': String(f.gid), 'file.owner': f.owner, 'file.group': f.group, 'file.size': f.size, 'file.mtime': f.mtime, 'file.type': f.type });
    for (const [p, f] of Object.entries(b)) {
      const o = a[p];
      if (!o) {
        out.push(ev('agent.fim', 'file-created', 'medium', `Watched file ${p} appeared`, at, fields(p, f)));
        continue;
      }
      const changed = [o.sha256 !== f.sha256 && 'hash', o.mode !== f.mode && 'mode', o.uid !== f.uid && 'owner', o.gid !== f.gid && 'group', o.type !== f.type && 'type'].filter(Boolean) as string[];
      if (changed.length) out.push(ev('agent.fim', 'file-changed', 'medium', `Watched file ${p} changed (${changed.join(', ')})`, at, { ...fields(p, f), 'agent.fim.changed': changed, 'agent.fim.previous.sha256': o.sha256 ?? undefined, 'agent.fim.previous.mode': o.mode, 'agent.fim.previous.owner': o.owner ?? String(o.uid) }));
    }
    for (const p of Object.keys(a)) if (!b[p]) out.push(ev('agent.fim', 'file-deleted', 'medium', `Watched file ${p} was deleted`, at, { 'file.path': p, 'agent.fim.previous.sha256': a[p]!.sha256 ?? undefined }));
  }
  return out;
}

/** Outbound connections of (process, remote address) pairs not seen before (remembered in `seen`). */
export function newOutbound(next: readonly OutboundConnection[], seen: Set<string>, at: number, limit = 10_000): AgentEvent[] {
  const out: AgentEvent[] = [];
  for (const c of next) {
    const k = `${c.exe ?? c.process ?? '?'}>${c.remoteIp}:${c.remotePort}`;
    if (seen.has(k)) continue;
    if (seen.size >= limit) seen.clear();
    seen.add(k);
    out.push(ev('agent.outbound', 'process-connected', 'info', `${c.process ?? 'A process'} connected out to ${c.remoteIp}:${c.remotePort}`, at, { 'process.name': c.process, 'process.pid': c.pid, 'process.executable': c.exe, 'destination.ip': c.remoteIp, 'destination.port': c.remotePort, 'source.port': c.localPort, 'network.transport': 'tcp', 'network.direction': 'outbound' }));
  }
  return out;
}

/** Login records as events. */
export function loginEvents(records: readonly LoginRecord[]): AgentEvent[] {
  return records.map((r) =>
    ev('agent.login', r.type === 'login' ? 'logged-in' : 'login-failed', r.type === 'login' ? 'info' : 'low', r.type === 'login' ? `${r.user} logged in on ${r.tty}${r.host ? ` from ${r.host}` : ''}` : `Failed login for ${r.user}${r.host ? ` from ${r.host}` : ''}`, r.at || Date.now(), {
      'event.outcome': r.type === 'login' ? 'success' : 'failure',
      'user.name': r.user,
      'source.ip': r.ip ?? undefined,
      'source.address': r.host || undefined,
      'process.pid': r.pid || undefined,
      'agent.login.tty': r.tty,
    }),
  );
}

/** The summary event of a snapshot: how much of each section there is. */
export function snapshotEvent(sections: Sections, at: number, changed: readonly string[]): AgentEvent {
  const counts: Record<string, FieldValue> = {};
  for (const [k, v] of Object.entries(sections)) {
    const n = Array.isArray(v) ? v.length : k === 'fim' ? Object.keys(v as object).length : k === 'packages' ? (v as PackagesSnapshot).packages.length : k === 'sudoers' ? (v as SudoersSnapshot).admins.length : k === 'sshd' ? (v as SshdSnapshot).risky.length : null;
    if (n !== null) counts[`agent.snapshot.${k}`] = n;
  }
  return ev('agent.snapshot', 'snapshot', 'info', `Host snapshot: ${Object.entries(counts).map(([k, v]) => `${k.slice(15)} ${String(v)}`).join(', ')}`, at, { ...counts, 'agent.snapshot.changed': changed.length ? [...changed] : undefined });
}
