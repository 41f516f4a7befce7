import { describe, expect, it } from 'vitest';
import { parse } from './helpers.ts';

describe('FortiGate', () => {
  it('reads a traffic log with eventtime in nanoseconds', () => {
    const f = parse('<189>date=2024-05-14 time=10:15:27 devname="FGT-EDGE" devid="FG100FTK19000001" eventtime=1715674527412345678 tz="+0200" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=192.0.2.10 srcport=52122 srcintf="lan" dstip=198.51.100.20 dstport=443 dstintf="wan1" proto=6 action="accept" policyid=12 service="HTTPS" sentbyte=5120 rcvdbyte=88211');
    expect(f).toMatchObject({
      'event.dataset': 'fortigate.traffic',
      'observer.vendor': 'Fortinet',
      'observer.name': 'FGT-EDGE',
      'observer.serial_number': 'FG100FTK19000001',
      '@timestamp': '2024-05-14T08:15:27.412Z',
      'event.timezone': '+02:00',
      'source.ip': '192.0.2.10',
      'source.port': 52122,
      'destination.ip': '198.51.100.20',
      'destination.port': 443,
      'network.transport': 'tcp',
      'network.protocol': 'https',
      'event.action': 'accept',
      'event.outcome': 'success',
      'rule.id': '12',
      'source.bytes': 5120,
      'observer.ingress.interface.name': 'lan',
      'fortinet.vd': 'root',
      'vigil.severity': 'low',
    });
  });

  it('reads eventtime in seconds and date/time in tz when eventtime is absent', () => {
    expect(parse('date=2024-05-14 time=08:15:27 eventtime=1715674527 logid="1" type="event" subtype="system"')['@timestamp']).toBe('2024-05-14T08:15:27.000Z');
    expect(parse('date=2024-05-14 time=10:15:27 tz="+0200" logid="1" type="event" subtype="system"')['@timestamp']).toBe('2024-05-14T08:15:27.000Z');
  });

  it('reads a VPN login failure (CrowdSec hub, MIT)', () => {
    const f = parse('date=2024-10-14 time=13:46:41 eventtime=1728938802127358411 tz="-0700" logid="1234567890" type="event" subtype="vpn" level="alert" vd="root" logdesc="SSL VPN login fail" action="ssl-login-fail" tunneltype="ssl-web" tunnelid=0 remip=192.168.0.1 user="sapservicecq1" group="N/A" dst_host="N/A" reason="sslvpn_login_no_matching_policy" msg="SSL user failed to logged in"');
    expect(f).toMatchObject({ 'event.dataset': 'fortigate.event', 'event.outcome': 'failure', 'user.name': 'sapservicecq1', 'source.ip': '192.168.0.1', 'fortinet.reason': 'sslvpn_login_no_matching_policy', 'vigil.severity': 'critical' });
  });

  it('reads the admin address from ui=', () => {
    expect(parse('date=2024-05-14 time=08:15:27 devid=FGT logid=0100032002 type=event subtype=system level=alert user="root" ui=ssh(203.0.113.4) action=login status=failed')).toMatchObject({ 'source.ip': '203.0.113.4', 'event.outcome': 'failure', 'user.name': 'root' });
  });
});

describe('pfSense / OPNsense filterlog', () => {
  it('reads IPv4 TCP', () => {
    const f = parse('<134>May 14 08:15:27 fw filterlog[4411]: 5,,,1000000103,igb0,match,block,in,4,0x0,,64,31337,0,DF,6,tcp,60,203.0.113.45,192.0.2.10,52122,22,0,S,1234567890,,64240,,mss;sackOK;TS;nop;wscale');
    expect(f).toMatchObject({
      'event.dataset': 'pfsense.filterlog',
      'event.action': 'block',
      'event.outcome': 'failure',
      'network.direction': 'inbound',
      'network.type': 'ipv4',
      'network.transport': 'tcp',
      'source.ip': '203.0.113.45',
      'source.port': 52122,
      'destination.ip': '192.0.2.10',
      'destination.port': 22,
      'observer.ingress.interface.name': 'igb0',
      'rule.id': '1000000103',
      'pfsense.tcp_flags': 'S',
    });
  });

  it('reads IPv6 UDP and IPv4 ICMP', () => {
    expect(parse('<134>May 14 08:15:28 fw filterlog[1]: 7,,,1000000105,igb1,match,pass,out,6,0x00,0x00000,64,udp,17,48,2001:db8::10,2001:db8:1::53,53111,53,48')).toMatchObject({ 'network.type': 'ipv6', 'network.transport': 'udp', 'source.ip': '2001:db8::10', 'destination.port': 53, 'event.outcome': 'success' });
    expect(parse('Jan 22 18:34:00 filterlog: 65,,,0,vmx1,match,pass,out,4,0x0,,63,21011,0,none,1,icmp,56,192.0.2.11,192.0.2.1,datalength=36')).toMatchObject({ 'network.transport': 'icmp', 'source.ip': '192.0.2.11', 'pfsense.icmp.type': 'datalength=36' });
  });

  it('reads GUI login failures', () => {
    expect(parse('Oct 26 14:50:21 pfSense php-fpm[374]: /index.php: webConfigurator authentication error for user \'toto\' from: 10.0.0.1')).toMatchObject({ 'event.dataset': 'pfsense.gui', 'event.outcome': 'failure', 'user.name': 'toto', 'source.ip': '10.0.0.1' });
  });
});

describe('Cisco ASA / FTD', () => {
  it('reads 302013 built inbound and outbound', () => {
    const inbound = parse('<166>May 14 2024 08:15:27 asa01 : %ASA-6-302013: Built inbound TCP connection 88121 for outside:203.0.113.45/52122 (203.0.113.45/52122) to dmz:192.0.2.10/443 (198.51.100.10/443)');
    expect(inbound).toMatchObject({ 'event.dataset': 'cisco.asa', 'event.code': '302013', 'event.action': 'connection-built', 'source.ip': '203.0.113.45', 'source.port': 52122, 'destination.ip': '192.0.2.10', 'destination.port': 443, 'network.transport': 'tcp', 'network.direction': 'inbound', 'observer.ingress.interface.name': 'outside', 'vigil.severity': 'info', '@timestamp': '2024-05-14T08:15:27.000Z' });
    const outbound = parse('%ASA-6-302015: Built outbound UDP connection 1 for outside:198.51.100.53/53 (198.51.100.53/53) to inside:192.0.2.20/5353 (203.0.113.1/5353)');
    expect(outbound).toMatchObject({ 'source.ip': '192.0.2.20', 'destination.ip': '198.51.100.53', 'destination.port': 53, 'network.transport': 'udp' });
  });

  it('reads 302014 teardown', () => {
    expect(parse('%ASA-6-302014: Teardown TCP connection 88121 for outside:203.0.113.45/52122 to dmz:192.0.2.10/443 duration 0:01:02 bytes 6120 TCP FINs')).toMatchObject({ 'event.action': 'connection-teardown', 'network.bytes': 6120, 'event.reason': 'TCP FINs', 'source.ip': '203.0.113.45' });
  });

  it.each([
    ['%ASA-2-106001: Inbound TCP connection denied from 203.0.113.1/54322 to 192.0.2.2/1433 flags SYN on interface outside', '203.0.113.1', '192.0.2.2', 1433],
    ['%ASA-2-106006: Deny inbound UDP from 203.0.113.3/53306 to 192.0.2.4/53413 on interface outside', '203.0.113.3', '192.0.2.4', 53413],
    ['%ASA-6-106015: Deny TCP (no connection) from 203.0.113.5/443 to 192.0.2.6/1025 flags RST on interface outside', '203.0.113.5', '192.0.2.6', 1025],
    ['%ASA-4-106023: Deny tcp src outside:203.0.113.7/2143 dst inside:192.0.2.8/139 by access-group "outside_in" [0x0, 0x0]', '203.0.113.7', '192.0.2.8', 139],
    ['%ASA-4-106100: access-list outside_in denied tcp outside/203.0.113.9(1234) -> inside/192.0.2.10(22) hit-cnt 1 first hit [0x1, 0x0]', '203.0.113.9', '192.0.2.10', 22],
    ['%ASA-3-710003: TCP access denied by ACL from 203.0.113.11/11 to outside:192.0.2.12/22', '203.0.113.11', '192.0.2.12', 22],
  ])('reads a deny: %s', (line, src, dst, dport) => {
    expect(parse(line)).toMatchObject({ 'event.outcome': 'failure', 'event.type': 'denied', 'source.ip': src, 'destination.ip': dst, 'destination.port': dport });
  });

  it('reads AAA and login messages', () => {
    expect(parse('%ASA-6-113004: AAA user authentication Successful : server =  192.0.2.5 : user = alice')).toMatchObject({ 'event.outcome': 'success', 'user.name': 'alice', 'event.category': 'authentication' });
    expect(parse('%ASA-6-113005: AAA user authentication Rejected : reason = AAA failure : server = 192.0.2.5 : user = bob : user IP = 203.0.113.45')).toMatchObject({ 'event.outcome': 'failure', 'user.name': 'bob', 'source.ip': '203.0.113.45', 'event.reason': 'AAA failure' });
    expect(parse('%ASA-6-605004: Login denied from 203.0.113.6/52234 to outside:192.0.2.1/ssh for user "admin"')).toMatchObject({ 'event.outcome': 'failure', 'user.name': 'admin', 'source.ip': '203.0.113.6' });
    expect(parse('%ASA-6-605005: Login permitted from 198.51.100.6/52235 to inside:192.0.2.1/https for user "admin"')).toMatchObject({ 'event.outcome': 'success', 'user.name': 'admin' });
    expect(parse('%FTD-6-611101: User authentication succeeded: IP address: 198.51.100.7, Uname: admin')).toMatchObject({ 'event.dataset': 'cisco.ftd', 'event.outcome': 'success', 'user.name': 'admin', 'source.ip': '198.51.100.7' });
  });

  it('reads PIX messages without the colon and keeps the syslog tag', () => {
    expect(parse('%PIX-4-400013 IDS:2003 ICMP redirect from 10.4.1.2 to 10.2.1.1 on interface dmz')).toMatchObject({ 'event.code': '400013', 'observer.product': 'PIX', 'source.ip': '10.4.1.2' });
  });
});

describe('Cisco IOS', () => {
  it('reads ACL logs with sequence number and service timestamp', () => {
    const f = parse('<189>4411: *May 14 08:15:27.412 UTC: %SEC-6-IPACCESSLOGP: list 101 denied tcp 203.0.113.45(52122) -> 192.0.2.10(23), 1 packet');
    expect(f).toMatchObject({ 'event.dataset': 'cisco.ios', 'event.code': 'SEC-6-IPACCESSLOGP', 'cisco.ios.sequence': '4411', 'rule.name': '101', 'event.outcome': 'failure', 'source.ip': '203.0.113.45', 'source.port': 52122, 'destination.port': 23, '@timestamp': '2024-05-14T08:15:27.412Z' });
  });

  it('reads logins, config changes and logged commands', () => {
    expect(parse('%SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: admin] [Source: 203.0.113.8] [localport: 22] [Reason: Login Authentication Failed] at 08:15:27 UTC')).toMatchObject({ 'event.outcome': 'failure', 'user.name': 'admin', 'source.ip': '203.0.113.8', 'destination.port': 22 });
    expect(parse('%SYS-5-CONFIG_I: Configured from console by netops on vty0 (192.0.2.50)')).toMatchObject({ 'event.action': 'configuration-changed', 'user.name': 'netops', 'source.ip': '192.0.2.50' });
    expect(parse('172.16.5.10 6705: Feb 17 13:40:03.673: %PARSER-5-CFGLOG_LOGGEDCMD: User:admin  logged command:no access-session port-control')).toMatchObject({ 'user.name': 'admin', 'process.command_line': 'no access-session port-control' });
  });
});

describe('Juniper SRX', () => {
  it('reads RT_FLOW session create as RFC 5424 structured data', () => {
    const f = parse('<14>1 2024-05-14T10:15:27.412+02:00 srx01 RT_FLOW - RT_FLOW_SESSION_CREATE [junos@2636.1.1.1.2.129 source-address="192.0.2.10" source-port="52122" destination-address="198.51.100.20" destination-port="443" service-name="junos-https" protocol-id="6" policy-name="trust-to-untrust" source-zone-name="trust" destination-zone-name="untrust" session-id-32="4411" username="N/A" application="SSL"]');
    expect(f).toMatchObject({ 'event.dataset': 'juniper.srx', 'event.action': 'flow_started', 'event.outcome': 'success', 'source.ip': '192.0.2.10', 'destination.port': 443, 'network.transport': 'tcp', 'rule.name': 'trust-to-untrust', 'observer.ingress.zone': 'trust', 'juniper.srx.session_id_32': '4411', '@timestamp': '2024-05-14T08:15:27.412Z' });
    expect(f['user.name']).toBeUndefined();
  });

  it('reads RT_FLOW deny and RT_IDS inside a BSD syslog line', () => {
    expect(parse('Sep 23 13:54:55 192.0.2.1 junos-flow: 2017-09-23T13:54:54.803Z srx-01 RT_FLOW - RT_FLOW_SESSION_DENY [junos@2636.1.1.1.2.39 source-address="192.0.2.5" source-port="1080" destination-address="192.0.2.6" destination-port="8010" protocol-id="17" policy-name="deny-all" reason="policy deny"]')).toMatchObject({ 'event.action': 'flow_deny', 'event.outcome': 'failure', 'destination.port': 8010, 'network.transport': 'udp', 'juniper.srx.process': 'RT_FLOW' });
    expect(parse('Aug 24 04:58:58 192.0.2.1 junos-ids: 2017-08-24T04:58:58.724Z srx-03 RT_IDS - RT_SCREEN_IP [junos@1.1.1.1.2.1 attack-name="IP spoofing!" source-address="203.0.113.1" destination-address="192.0.2.1" protocol-id="17" source-zone-name="untrust" interface-name="ge-0/0/0.0" action="drop"]')).toMatchObject({ 'event.kind': 'alert', 'event.category': 'intrusion_detection', 'rule.name': 'IP spoofing!', 'event.outcome': 'failure' });
  });

  it('reads the brief text form and firewall filter logs', () => {
    expect(parse('<14>May 14 08:15:27 srx01 RT_FLOW: RT_FLOW_SESSION_CREATE: session created 192.0.2.10/52122->198.51.100.20/443 junos-https 203.0.113.1/40211->198.51.100.20/443 src-nat None 6 allow-web trust untrust 4411')).toMatchObject({ 'source.ip': '192.0.2.10', 'destination.port': 443, 'event.action': 'flow_started' });
    expect(parse('<158>May 14 08:15:27 mx01 kernel: FW: ge-0/0/0.0 D tcp 203.0.113.1 192.0.2.1 4444 22')).toMatchObject({ 'event.action': 'discard', 'event.outcome': 'failure', 'destination.port': 22 });
  });
});

describe('Palo Alto PAN-OS', () => {
  it('reads a TRAFFIC record', () => {
    const f = parse('<14>May 14 08:15:27 pa-fw01 1,2024/05/14 08:15:27,012345678901,TRAFFIC,end,2561,2024/05/14 08:15:27,192.0.2.10,198.51.100.20,203.0.113.1,198.51.100.20,allow-web,,,ssl,vsys1,trust,untrust,ethernet1/2,ethernet1/1,fwd,2024/05/14 08:15:27,88121,1,52122,443,40211,443,0x400019,tcp,allow,9120,1820,7300,22,2024/05/14 08:15:11,15,any,0,7788,0x0,10.0.0.0-10.255.255.255,US,0,12,10,tcp-fin');
    expect(f).toMatchObject({ 'event.dataset': 'paloalto.traffic', 'source.ip': '192.0.2.10', 'destination.ip': '198.51.100.20', 'source.nat.ip': '203.0.113.1', 'source.port': 52122, 'destination.port': 443, 'rule.name': 'allow-web', 'network.application': 'ssl', 'event.action': 'allow', 'event.outcome': 'success', 'network.bytes': 9120, 'observer.serial_number': '012345678901', 'paloalto.session_end_reason': 'tcp-fin' });
  });

  it('reads a THREAT record with quoted fields and the header time zone (CrowdSec hub, MIT)', () => {
    const f = parse('2023-07-05T14:14:33+02:00 paloalto.test.host 1,2023/07/05 14:14:33,016401002737,THREAT,vulnerability,2561,2023/07/05 14:14:33,1.2.3.6,1.2.3.7,1.2.3.6,1.2.3.7,Test Rule Name,,,web-browsing,vsys123,Untrust,Untrust,vlan.123,vlan.123,to-Test,2023/07/05 14:14:33,1475349,3,32362,80,32362,28869,0x402000,tcp,alert,"1.2.3.5/nmaplowercheck1688559266",Nmap Scripting Engine Detection(58433),medium-risk,medium,client-to-server,7204134051339790802');
    expect(f).toMatchObject({ 'event.dataset': 'paloalto.threat', 'event.kind': 'alert', 'rule.name': 'Test Rule Name', 'url.original': '1.2.3.5/nmaplowercheck1688559266', 'threat.indicator.description': 'Nmap Scripting Engine Detection(58433)', 'paloalto.threat_id': '58433', 'vigil.severity': 'medium', '@timestamp': '2023-07-05T12:14:33.000Z' });
  });

  it('reads SYSTEM and CONFIG records', () => {
    expect(parse('1,2024/05/14 08:15:27,012345678901,SYSTEM,auth,0,2024/05/14 08:15:27,,auth-fail,,0,0,general,medium,"failed authentication for user \'bob\'",1234,0x0')).toMatchObject({ 'event.dataset': 'paloalto.system', 'event.action': 'auth-fail', message: "failed authentication for user 'bob'", 'vigil.severity': 'medium' });
    expect(parse('1,2024/05/14 08:15:27,012345678901,CONFIG,0,0,2024/05/14 08:15:27,192.0.2.50,vsys1,edit,admin,Web,Succeeded,vsys vsys1 rulebase,1,0x0')).toMatchObject({ 'event.dataset': 'paloalto.config', 'user.name': 'admin', 'event.action': 'edit', 'event.outcome': 'success', 'source.ip': '192.0.2.50' });
  });
});

describe('other firewalls', () => {
  it('reads netfilter LOG lines (UFW, prefixes, repeated keys)', () => {
    const f = parse('<4>May 14 08:15:27 host kernel: [ 3529.289825] [UFW BLOCK] IN=eth0 OUT= MAC=00:11:22:33:44:55:66:77:88:99:aa:bb:08:00 SRC=203.0.113.1 DST=192.0.2.1 LEN=103 TOS=0x00 PREC=0x00 TTL=52 ID=0 DF PROTO=UDP SPT=53 DPT=36427 LEN=83');
    expect(f).toMatchObject({ 'event.dataset': 'iptables', 'event.action': 'block', 'event.outcome': 'failure', 'iptables.prefix': '[UFW BLOCK]', 'source.ip': '203.0.113.1', 'destination.port': 36427, 'network.transport': 'udp', 'network.bytes': 103, 'iptables.LEN': '103', 'iptables.LEN_2': '83', 'iptables.flags': 'DF', 'destination.mac': '00:11:22:33:44:55', 'source.mac': '66:77:88:99:aa:bb' });
  });

  it('reads the Proxmox VE firewall prefix (CrowdSec hub, MIT)', () => {
    const f = parse('0 3 PVEFW-HOST-IN 20/Jun/2022:13:09:14 +0200 policy DROP: IN=vmbr0.94 MAC=24:8a:07:9a:2a:f2:24:8a:07:50:2c:9e:08:00 SRC=10.3.94.11 DST=10.3.94.12 LEN=52 TOS=0x00 PREC=0xC0 TTL=255 ID=64317 DF PROTO=UDP SPT=49152 DPT=3784 LEN=32');
    expect(f).toMatchObject({ 'proxmox.vmid': '0', 'proxmox.chain': 'PVEFW-HOST-IN', 'proxmox.action': 'DROP', 'event.action': 'drop', '@timestamp': '2022-06-20T11:09:14.000Z' });
  });

  it('reads SonicWall, Sophos, Check Point, Huawei, NetScreen and MikroTik', () => {
    expect(parse('id=firewall sn=0017C5000000 time="2024-05-14 08:15:27 UTC" fw=192.0.2.1 pri=5 c=64 m=36 msg="TCP connection dropped" n=2686 src=203.0.113.27:4507:X1 dst=192.0.2.2:445:X0 proto=tcp/445')).toMatchObject({ 'event.dataset': 'sonicwall.firewall', 'event.code': '36', 'source.ip': '203.0.113.27', 'source.port': 4507, 'destination.port': 445, 'event.outcome': 'failure', '@timestamp': '2024-05-14T08:15:27.000Z' });
    expect(parse('device="SFW" date=2024-05-14 time=16:15:27 timezone="+08" device_name="XG210" device_id=C01001 log_id=010101600001 log_type="Firewall" log_component="Firewall Rule" log_subtype="Denied" status="Deny" priority=Information fw_rule_id=5 src_ip=203.0.113.3 dst_ip=192.0.2.3 protocol="TCP" src_port=51000 dst_port=3389')).toMatchObject({ 'event.dataset': 'sophos.xg', 'event.outcome': 'failure', 'source.ip': '203.0.113.3', 'destination.port': 3389, '@timestamp': '2024-05-14T08:15:27.000Z' });
    expect(parse('<134>1 2024-05-14T08:15:27Z gw-mgmt CheckPoint 19710 - [action:"Drop"; ifdir:"inbound"; ifname:"eth2"; origin:"192.0.2.1"; src:"203.0.113.4"; dst:"192.0.2.4"; proto:"6"; s_port:"4444"; service:"22"; product:"VPN-1 & FireWall-1"]')).toMatchObject({ 'event.dataset': 'checkpoint.firewall', 'event.action': 'drop', 'event.outcome': 'failure', 'source.ip': '203.0.113.4', 'destination.port': 22, 'network.transport': 'tcp' });
    expect(parse('May 14 2024 08:15:27 USG6300 %%01POLICY/6/POLICYPERMIT(l):vsys=public, protocol=6, source-ip=192.0.2.5, source-port=2426, destination-ip=198.51.100.5, destination-port=443, rule-name=out')).toMatchObject({ 'event.dataset': 'huawei.vrp', 'source.ip': '192.0.2.5', 'destination.port': 443, 'event.outcome': 'success', 'network.transport': 'tcp' });
    expect(parse('<12>May 14 08:15:27 ssg5 ssg5: NetScreen device_id=ssg5  [Root]system-emergency-00005: SYN flood! From 203.0.113.53:41437 to 192.0.2.251:9612, proto TCP (zone Untrust int  ethernet0/0). Occurred 1 times.')).toMatchObject({ 'event.dataset': 'juniper.netscreen', 'event.code': '00005', 'source.ip': '203.0.113.53', 'vigil.severity': 'critical' });
    expect(parse('2024-05-14T08:15:27.696749+02:00 gw firewall,info drop-in input: in:ether1 out:(unknown 0), connection-state:new src-mac e4:41:64:93:a8:0f, proto TCP (SYN), 203.0.113.6:40384->192.0.2.6:22, len 60')).toMatchObject({ 'event.dataset': 'mikrotik', 'event.action': 'drop', 'source.ip': '203.0.113.6', 'destination.port': 22, 'mikrotik.chain': 'input' });
    expect(parse('2024-05-14T08:15:27+02:00 gw system,error,critical login failure for user admin from 203.0.113.7 via winbox')).toMatchObject({ 'event.outcome': 'failure', 'user.name': 'admin', 'source.ip': '203.0.113.7' });
  });
});
