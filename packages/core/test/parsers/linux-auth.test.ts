import { describe, expect, it } from 'vitest';
import { parse } from './helpers.ts';

const sshd = (msg: string) => parse(`<38>May 14 11:22:33 bastion sshd[4121]: ${msg}`);

describe('sshd', () => {
  it.each([
    ['Failed password for root from 203.0.113.5 port 52122 ssh2', 'ssh_login', 'failure', 'root', '203.0.113.5', 52122],
    ['Failed password for invalid user admin from 203.0.113.5 port 52122 ssh2', 'ssh_login', 'failure', 'admin', '203.0.113.5', 52122],
    ['Failed publickey for deploy from 2001:db8::7 port 40022 ssh2: RSA SHA256:abc', 'ssh_login', 'failure', 'deploy', '2001:db8::7', 40022],
    ['Accepted publickey for deploy from 198.51.100.7 port 40022 ssh2: ED25519 SHA256:Qm9v', 'ssh_login', 'success', 'deploy', '198.51.100.7', 40022],
    ['Accepted password for alice from 198.51.100.7 port 40023 ssh2', 'ssh_login', 'success', 'alice', '198.51.100.7', 40023],
    ['Accepted keyboard-interactive/pam for bob from 198.51.100.8 port 1 ssh2', 'ssh_login', 'success', 'bob', '198.51.100.8', 1],
    ['Invalid user oracle from 203.0.113.45 port 52130', 'ssh_login', 'failure', 'oracle', '203.0.113.45', 52130],
    ['Invalid user test from 203.0.113.45', 'ssh_login', 'failure', 'test', '203.0.113.45', undefined],
    ['Connection closed by authenticating user root 203.0.113.9 port 45362 [preauth]', 'ssh_login', 'failure', 'root', '203.0.113.9', 45362],
    ['Disconnected from invalid user ftp 203.0.113.10 port 26138 [preauth]', 'ssh_login', 'failure', 'ftp', '203.0.113.10', 26138],
    ['Connection reset by authenticating user root 203.0.113.11 port 49115 [preauth]', 'ssh_login', 'failure', 'root', '203.0.113.11', 49115],
    ['User root from 192.0.2.1 not allowed because not listed in AllowUsers', 'ssh_login', 'failure', 'root', '192.0.2.1', undefined],
    ['error: maximum authentication attempts exceeded for invalid user bad from 192.0.2.2 port 55146 ssh2 [preauth]', 'ssh_login', 'failure', 'bad', '192.0.2.2', 55146],
    ['pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.12  user=root', 'ssh_login', 'failure', 'root', '203.0.113.12', undefined],
    ['Unable to negotiate with 203.0.113.13 port 45626: no matching key exchange method found.', 'ssh_key_exchange_failed', 'failure', undefined, '203.0.113.13', 45626],
    ['fatal: Timeout before authentication for 192.0.2.14 port 47056', 'ssh_auth_timeout', 'failure', undefined, '192.0.2.14', 47056],
    ['Connection closed by 192.0.2.15 port 33594 [preauth]', 'ssh_preauth_disconnect', 'failure', undefined, '192.0.2.15', 33594],
    ['refused connect from example.com (192.0.2.16)', 'ssh_connection_refused', 'failure', undefined, '192.0.2.16', undefined],
    ['Received disconnect from 198.51.100.17 port 51234:11: disconnected by user', 'ssh_disconnect', 'unknown', undefined, '198.51.100.17', 51234],
    ['Did not receive identification string from 198.51.100.18 port 45824', 'ssh_protocol_error', 'failure', undefined, '198.51.100.18', 45824],
  ])('%s', (msg, action, outcome, user, ip, port) => {
    const f = sshd(msg);
    expect(f['event.dataset']).toBe('sshd');
    expect(f['event.action']).toBe(action);
    expect(f['event.outcome']).toBe(outcome);
    expect(f['user.name']).toBe(user);
    expect(f['source.ip']).toBe(ip);
    expect(f['source.port']).toBe(port);
  });

  it('keeps the sshd method, protocol and signature', () => {
    const f = sshd('Accepted publickey for deploy from 198.51.100.7 port 40022 ssh2: ED25519 SHA256:Qm9v');
    expect(f).toMatchObject({ 'sshd.method': 'publickey', 'sshd.protocol': 'ssh2', 'sshd.signature': 'ED25519 SHA256:Qm9v' });
  });

  it('unwraps "message repeated N times"', () => {
    const f = sshd('message repeated 3 times: [ Failed password for root from 203.0.113.5 port 22 ssh2]');
    expect(f).toMatchObject({ 'event.action': 'ssh_login', 'event.outcome': 'failure', 'user.name': 'root', 'source.ip': '203.0.113.5' });
  });

  it('treats sshd-session like sshd and picks up an address from unknown messages', () => {
    expect(parse('<38>May 14 11:22:33 h sshd-session[9]: Invalid user x from 192.0.2.3 port 1')['event.dataset']).toBe('sshd');
    const f = sshd('something new happened from 192.0.2.99 here');
    expect(f['source.ip']).toBe('192.0.2.99');
    expect(f['event.action']).toBeUndefined();
  });

  it('parses a CrowdSec sample line (CrowdSec hub, MIT)', () => {
    const f = parse('Feb 12 14:10:21 sd-126005 sshd[16378]: Invalid user pascal from 35.188.49.176 port 53502');
    expect(f).toMatchObject({ 'host.name': 'sd-126005', 'user.name': 'pascal', 'source.ip': '35.188.49.176', 'source.port': 53502, 'event.outcome': 'failure' });
  });
});

describe('sudo, su, PAM', () => {
  it('reads a sudo command', () => {
    const f = parse('<86>May 14 11:22:33 web sudo:   deploy : TTY=pts/0 ; PWD=/home/deploy ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx');
    expect(f).toMatchObject({
      'event.dataset': 'sudo',
      'event.action': 'sudo',
      'event.outcome': 'success',
      'user.name': 'deploy',
      'user.effective.name': 'root',
      'process.command_line': '/usr/bin/systemctl restart nginx',
      'sudo.tty': 'pts/0',
      'sudo.pwd': '/home/deploy',
    });
  });

  it('marks sudo errors as failures', () => {
    const f = parse('<86>May 14 11:22:33 web sudo:     mallory : user NOT in sudoers ; TTY=pts/1 ; PWD=/tmp ; USER=root ; COMMAND=/bin/sh');
    expect(f).toMatchObject({ 'event.outcome': 'failure', 'sudo.error': 'user NOT in sudoers', 'user.name': 'mallory' });
    const g = parse('<86>May 14 11:22:33 web sudo: pam_unix(sudo:auth): authentication failure; logname=eve uid=1001 euid=0 tty=/dev/pts/3 ruser=eve rhost=  user=eve');
    expect(g).toMatchObject({ 'event.action': 'sudo', 'event.outcome': 'failure', 'user.name': 'eve', 'pam.module': 'pam_unix' });
  });

  it.each([
    ["'su root' failed for lonvick on /dev/pts/8", 'failure', 'lonvick', 'root'],
    ['BAD SU alice to root on /dev/ttyp0', 'failure', 'alice', 'root'],
    ['FAILED SU (to root) alice on pts/1', 'failure', 'alice', 'root'],
    ['(to root) alice on pts/1', 'success', 'alice', 'root'],
    ['Successful su for root by alice', 'success', 'alice', 'root'],
    ['+ /dev/pts/1 alice:root', 'success', 'alice', 'root'],
    ['- /dev/pts/1 alice:root', 'failure', 'alice', 'root'],
  ])('su: %s', (msg, outcome, user, target) => {
    const f = parse(`<34>May 14 11:22:33 host su: ${msg}`);
    expect(f).toMatchObject({ 'event.dataset': 'su', 'event.action': 'su', 'event.outcome': outcome, 'user.name': user, 'user.effective.name': target });
  });

  it('reads old-style PAM tags into the pam dataset', () => {
    const f = parse('<38>May 14 11:22:33 h su(pam_unix)[23164]: authentication failure; logname= uid=1342 euid=0 tty= ruser=dcid rhost=  user=osaudit');
    expect(f).toMatchObject({ 'event.dataset': 'pam', 'event.action': 'authentication_failure', 'event.outcome': 'failure', 'user.name': 'osaudit', 'pam.service': 'su' });
    const s = parse('<38>May 14 11:22:33 h sshd(pam_unix)[1]: session opened for user news by (uid=0)');
    expect(s).toMatchObject({ 'event.dataset': 'pam', 'event.action': 'session_opened', 'user.name': 'news' });
  });

  it('reads pam_tally lockouts (CrowdSec hub, MIT)', () => {
    const f = parse('Dec  7 14:53:04 vskub1master01p sudo: pam_tally2(sudo:auth): user zbadguy (4001) tally 6, deny 5');
    expect(f).toMatchObject({ 'event.action': 'user_locked', 'user.name': 'zbadguy', 'pam.uid': '4001' });
  });

  it('reads shadow-utils account changes', () => {
    expect(parse('<86>May 14 11:22:33 h useradd[6995]: new user: name=svc, UID=48, GID=48, home=/srv, shell=/sbin/nologin')).toMatchObject({
      'event.dataset': 'linux.accounts',
      'event.action': 'user_created',
      'user.name': 'svc',
      'user.id': '48',
    });
    expect(parse('<86>May 14 11:22:33 h groupadd[1]: new group: name=ops, GID=1001')).toMatchObject({ 'event.action': 'group_created', 'group.name': 'ops' });
    expect(parse('<86>May 14 11:22:33 h unix_chkpwd[2]: password check failed for user (alice)')).toMatchObject({ 'event.dataset': 'pam', 'user.name': 'alice', 'event.outcome': 'failure' });
  });

  it('reads group membership from useradd -G, usermod -aG and gpasswd -a', () => {
    const added = { 'event.dataset': 'linux.accounts', 'event.action': 'user_added_to_group', 'event.category': 'iam', 'event.outcome': 'success', 'user.name': 'bob', 'group.name': 'sudo' };
    expect(parse("<86>May 14 11:22:33 h usermod[7001]: add 'bob' to group 'sudo'")).toMatchObject(added);
    expect(parse("<86>May 14 11:22:33 h usermod[7001]: add 'bob' to shadow group 'sudo'")).toMatchObject({ ...added, 'linux.accounts.shadow': true });
    expect(parse("<86>May 14 11:22:33 h useradd[7002]: add 'bob' to group 'sudo'")).toMatchObject(added);
    expect(parse('<86>May 14 11:22:33 h gpasswd[7003]: user bob added by root to group sudo')).toMatchObject(added);
  });
});
