/**
 * Test support: many plausible events, quickly (a few hundred thousand in seconds), for tests that
 * need a big real table — search limits, reader threads, timing. Deterministic for a seed.
 */
import type { VigilEvent } from '@vigil/contracts';

const DATASETS = ['sshd', 'nginx.access', 'fortigate.traffic', 'sudo', 'cisco.asa'];
const HOSTS = ['web-1', 'web-2', 'db-1', 'fw-1', 'mail-1'];
const USERS = ['root', 'admin', 'deploy', 'svc_backup', 'alice', 'bob'];
const ACTIONS = ['ssh_login', 'http_request', 'deny', 'allow', 'sudo'];
const MESSAGES = ['Failed password for root from 10.1.2.3 port 22 ssh2', 'GET /index.php?id=1 HTTP/1.1 200', 'deny tcp 10.0.0.1:443 -> 203.0.113.9:51000', 'session opened for user root', 'Accepted publickey for deploy'];

/** `n` events with `@timestamp`s spread evenly over [endTs - spanMs, endTs), oldest first. */
export function bulkEvents(n: number, opts: { endTs: number; spanMs: number; seed?: number; idPrefix?: string }): VigilEvent[] {
  let s = opts.seed ?? 1;
  const r = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const prefix = opts.idPrefix ?? '01B';
  const ingested = new Date(opts.endTs).toISOString();
  const out: VigilEvent[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const ts = opts.endTs - opts.spanMs + Math.floor((i * opts.spanMs) / n);
    const ds = pick(DATASETS);
    out[i] = {
      id: `${prefix}${String(i).padStart(26 - prefix.length, '0')}`,
      '@timestamp': new Date(ts).toISOString(),
      'event.ingested': ingested,
      message: `${pick(MESSAGES)} #${i}`,
      'vigil.input': 'http',
      'vigil.severity': pick(['info', 'low', 'medium', 'high']),
      'event.dataset': ds,
      'host.name': pick(HOSTS),
      'source.ip': `10.${Math.floor(r() * 4)}.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 254)}`,
      'destination.port': pick([22, 80, 443, 3389]),
      'user.name': pick(USERS),
      'event.action': pick(ACTIONS),
      'labels.env': pick(['prod', 'dev', 'staging']),
      'process.pid': Math.floor(r() * 5000),
    } as VigilEvent;
  }
  return out;
}
