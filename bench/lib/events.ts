/**
 * Realistic, deterministic security events for the benchmarks: web access, SSH, firewall, Windows
 * logons, DNS and sudo, with messages of ~150-250 bytes, a spread of IPs, users and hosts, and a few
 * planted needles (one attacker IP, one rare word) so searches have known selectivity.
 */

/** Small fast seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The planted needles and how often they occur. */
export const NEEDLE = {
  /** An attacker IP inside 10.1.0.0/16, planted into ~1 in 20,000 sshd-like events. */
  ip: '10.1.2.3',
  ipEvery: 20_000,
  /** A rare word in messages (~1 in 20,000 events). */
  word: 'xmrig',
  wordEvery: 20_000,
} as const;

const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'niaj', 'olivia', 'peggy', 'rupert', 'sybil', 'trent', 'victor', 'walter', 'root', 'admin', 'oracle', 'postgres', 'ubuntu', 'git', 'deploy', 'backup', 'svc_web', 'svc_sql', 'jenkins'];
const WEB_HOSTS = ['web-01', 'web-02', 'web-03', 'web-04', 'edge-01', 'edge-02'];
const LINUX_HOSTS = ['bastion-01', 'db-01', 'db-02', 'app-01', 'app-02', 'app-03', 'ci-01', 'mon-01', 'mail-01', 'vpn-01'];
const WIN_HOSTS = ['DC01', 'DC02', 'FS01', 'WS-0142', 'WS-0177', 'WS-0203', 'WS-0311', 'EXCH01', 'SQL01'];
const FW_HOSTS = ['fw-core-01', 'fw-core-02', 'fw-dmz-01'];
const PATHS = ['/api/v1/items', '/api/v1/orders', '/login', '/logout', '/static/app.js', '/static/app.css', '/index.html', '/api/v1/users/me', '/wp-login.php', '/.env', '/admin/config.php', '/api/v1/search', '/healthz', '/favicon.ico'];
const METHODS = ['GET', 'GET', 'GET', 'GET', 'POST', 'POST', 'PUT', 'DELETE', 'HEAD'];
const STATUSES = [200, 200, 200, 200, 200, 200, 304, 301, 404, 404, 401, 403, 500, 502];
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
  'curl/8.4.0',
  'python-requests/2.31.0',
  'Go-http-client/1.1',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
];
const DOMAINS = ['example.com', 'api.example.com', 'cdn.example.net', 'login.microsoftonline.com', 'updates.vendor.io', 'github.com', 'registry.npmjs.org', 'time.cloudflare.com', 'x7f3k2.badcdn.top', 'mail.example.org'];
const COMMANDS = ['/usr/bin/systemctl restart nginx', '/usr/bin/apt-get update', '/usr/bin/journalctl -u sshd --since today', '/bin/cat /etc/shadow', '/usr/bin/docker ps -a', '/usr/sbin/iptables -L -n', '/usr/bin/tail -f /var/log/syslog'];

type R = () => number;
const pick = <T>(r: R, a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
const int = (r: R, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/** Source addresses: mostly internal 10.0-15.x.x (so 10.1.0.0/16 holds ~4%), some 192.168, some public. */
function srcIp(r: R): string {
  const x = r();
  if (x < 0.6) return `10.${int(r, 0, 15)}.${int(r, 0, 255)}.${int(r, 1, 254)}`;
  if (x < 0.75) return `192.168.${int(r, 0, 9)}.${int(r, 1, 254)}`;
  return `${pick(r, [203, 198, 185, 45, 91, 77, 104, 162])}.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}`;
}

function dstIp(r: R): string {
  return r() < 0.7 ? `10.20.${int(r, 0, 3)}.${int(r, 1, 60)}` : `${int(r, 1, 223)}.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}`;
}

function syslogTime(d: Date): string {
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  return `${mon} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)}`;
}

/** An event as a sender would POST it (flat dotted ECS keys). `n` is a running counter for the needles. */
export type RawEvent = Record<string, string | number | boolean>;

/** The share of each dataset (must sum to 1). */
export const DATASET_MIX: readonly [string, number][] = [
  ['nginx.access', 0.4],
  ['firewall', 0.22],
  ['sshd', 0.12],
  ['windows.security', 0.1],
  ['dns', 0.1],
  ['sudo', 0.06],
];

/** One generated event at time `ts` (epoch ms); `n` is its sequence number (needles are planted by it). */
export function makeEvent(r: R, ts: number, n: number): RawEvent {
  const iso = new Date(ts).toISOString();
  let x = r();
  let ds = DATASET_MIX[DATASET_MIX.length - 1]![0];
  for (const [name, share] of DATASET_MIX) {
    if (x < share) {
      ds = name;
      break;
    }
    x -= share;
  }
  // Needles: every ipEvery-th event is an SSH failure from the attacker IP; every wordEvery-th (offset) a sudo of a miner.
  if (n % NEEDLE.ipEvery === 7) ds = 'sshd#needle';
  else if (n % NEEDLE.wordEvery === 13) ds = 'sudo#needle';
  switch (ds) {
    case 'nginx.access': {
      const ip = srcIp(r);
      const method = pick(r, METHODS);
      const path = `${pick(r, PATHS)}${r() < 0.4 ? `?id=${int(r, 1, 99999)}&page=${int(r, 1, 40)}` : ''}`;
      const status = pick(r, STATUSES);
      const bytes = int(r, 120, 250_000);
      const ua = pick(r, AGENTS);
      const ref = r() < 0.5 ? `https://www.example.com${pick(r, PATHS)}` : '-';
      return {
        '@timestamp': iso,
        'event.dataset': 'nginx.access',
        'host.name': pick(r, WEB_HOSTS),
        'source.ip': ip,
        'http.request.method': method,
        'url.path': path,
        'http.response.status_code': status,
        'http.response.body.bytes': bytes,
        'event.outcome': status < 400 ? 'success' : 'failure',
        'user_agent.original': ua,
        'http.request.referrer': ref,
        message: `${ip} - - [${iso}] "${method} ${path} HTTP/1.1" ${status} ${bytes} "${ref}" "${ua}"`,
      };
    }
    case 'firewall': {
      const src = srcIp(r);
      const dst = dstIp(r);
      const proto = r() < 0.8 ? 'TCP' : 'UDP';
      const spt = int(r, 1024, 65535);
      const dpt = pick(r, [22, 80, 443, 443, 443, 53, 3389, 445, 8080, 25, 123]);
      const deny = r() < 0.35;
      const host = pick(r, FW_HOSTS);
      return {
        '@timestamp': iso,
        'event.dataset': 'firewall',
        'observer.name': host,
        'host.name': host,
        'source.ip': src,
        'source.port': spt,
        'destination.ip': dst,
        'destination.port': dpt,
        'network.transport': proto.toLowerCase(),
        'event.action': deny ? 'deny' : 'allow',
        'event.outcome': deny ? 'failure' : 'success',
        message: `${syslogTime(new Date(ts))} ${host} kernel: [${int(r, 1000, 999999)}.${int(r, 100000, 999999)}] ${deny ? 'DROP' : 'ACCEPT'} IN=eth0 OUT=eth1 SRC=${src} DST=${dst} LEN=${int(r, 40, 1500)} TOS=0x00 PREC=0x00 TTL=${int(r, 30, 128)} ID=${int(r, 1, 65535)} PROTO=${proto} SPT=${spt} DPT=${dpt}`,
      };
    }
    case 'sshd':
    case 'sshd#needle': {
      const needle = ds === 'sshd#needle';
      const ip = needle ? NEEDLE.ip : srcIp(r);
      const user = needle ? 'root' : pick(r, USERS);
      const ok = !needle && r() < 0.3;
      const port = int(r, 1024, 65535);
      const host = pick(r, LINUX_HOSTS);
      const invalid = !ok && r() < 0.3 ? 'invalid user ' : '';
      return {
        '@timestamp': iso,
        'event.dataset': 'sshd',
        'host.name': host,
        'process.name': 'sshd',
        'process.pid': int(r, 300, 65000),
        'source.ip': ip,
        'source.port': port,
        'user.name': user,
        'event.action': 'ssh_login',
        'event.outcome': ok ? 'success' : 'failure',
        'log.level': ok ? 'info' : 'warning',
        message: `${syslogTime(new Date(ts))} ${host} sshd[${int(r, 300, 65000)}]: ${ok ? 'Accepted publickey' : 'Failed password'} for ${invalid}${user} from ${ip} port ${port} ssh2${ok ? `: ED25519 SHA256:${Math.floor(r() * 1e16).toString(36)}${Math.floor(r() * 1e16).toString(36)}` : ''}`,
      };
    }
    case 'windows.security': {
      const code = pick(r, [4624, 4624, 4624, 4625, 4634, 4672, 4688]);
      const user = pick(r, USERS);
      const host = pick(r, WIN_HOSTS);
      const ip = srcIp(r);
      const failed = code === 4625;
      return {
        '@timestamp': iso,
        'event.dataset': 'windows.security',
        'event.code': String(code),
        'host.name': host,
        'user.name': user,
        'user.domain': 'CORP',
        'source.ip': ip,
        'winlog.logon.type': pick(r, [2, 3, 3, 3, 10]),
        'event.action': failed ? 'logon-failed' : code === 4634 ? 'logoff' : 'logged-in',
        'event.outcome': failed ? 'failure' : 'success',
        message: `${failed ? 'An account failed to log on.' : 'An account was successfully logged on.'} Subject: Security ID: S-1-5-18 Account Name: ${host}$ Logon Type: 3 New Logon: Account Name: ${user} Account Domain: CORP Source Network Address: ${ip}`,
      };
    }
    case 'dns': {
      const ip = srcIp(r);
      const name = `${r() < 0.3 ? `${Math.floor(r() * 1e8).toString(36)}.` : ''}${pick(r, DOMAINS)}`;
      const qtype = pick(r, ['A', 'A', 'AAAA', 'MX', 'TXT', 'PTR']);
      const rcode = r() < 0.9 ? 'NOERROR' : 'NXDOMAIN';
      return {
        '@timestamp': iso,
        'event.dataset': 'dns',
        'host.name': 'ns-01',
        'source.ip': ip,
        'source.port': int(r, 1024, 65535),
        'dns.question.name': name,
        'dns.question.type': qtype,
        'dns.response_code': rcode,
        message: `${syslogTime(new Date(ts))} ns-01 named[812]: client @0x7f${Math.floor(r() * 1e10).toString(16)} ${ip}#${int(r, 1024, 65535)} (${name}): query: ${name} IN ${qtype} +E(0)K (10.20.0.53) ${rcode}`,
      };
    }
    default: {
      const needle = ds === 'sudo#needle';
      const user = pick(r, USERS);
      const host = pick(r, LINUX_HOSTS);
      const cmd = needle ? `/tmp/.cache/${NEEDLE.word} --donate-level 1 -o pool.example.net:3333` : pick(r, COMMANDS);
      return {
        '@timestamp': iso,
        'event.dataset': 'sudo',
        'host.name': host,
        'user.name': user,
        'process.command_line': cmd,
        'event.action': 'sudo',
        'event.outcome': 'success',
        'vigil.severity': needle ? 'high' : 'low',
        message: `${syslogTime(new Date(ts))} ${host} sudo[${int(r, 300, 65000)}]: ${user} : TTY=pts/${int(r, 0, 9)} ; PWD=/home/${user} ; USER=root ; COMMAND=${cmd}`,
      };
    }
  }
}

/** An NDJSON body of `count` events with timestamps over the `spanMs` before `endTs`. */
export function ndjsonBody(seed: number, count: number, endTs: number, spanMs: number, startN = 0): string {
  const r = rng(seed);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(JSON.stringify(makeEvent(r, endTs - Math.floor(r() * spanMs), startN + i)));
  return `${lines.join('\n')}\n`;
}
