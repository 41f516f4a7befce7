/**
 * @module parsers/bench-cases
 * Representative lines per format, for the project benchmark (`npm run bench`) to measure
 * parse + normalize throughput per format. Lines are written for Vigil (documentation addresses).
 */

/** One benchmark case: a format name and lines in that format. */
export interface ParserBenchCase {
  name: string;
  lines: string[];
}

const CASES: ParserBenchCase[] = [
  {
    name: 'rfc5424',
    lines: [
      '<165>1 2024-05-14T08:15:27.412Z web-01.example.net nginx 2211 ID47 [meta sequenceId="41" sysUpTime="86400"] upstream response time 0.031s',
      '<134>1 2024-05-14T08:15:28+02:00 app-02 billing 9031 - - invoice batch 7781 closed, 112 items',
      '<13>1 2024-05-14T08:15:29.000001-05:00 db-3 postgres 771 - [origin ip="192.0.2.10" software="postgres"] checkpoint complete: wrote 312 buffers',
    ],
  },
  {
    name: 'rfc3164',
    lines: [
      '<30>May 14 08:15:27 web-01 systemd[1]: Started Session 4411 of user deploy.',
      '<78>May  4 08:15:28 web-01 CRON[22871]: (root) CMD (run-parts /etc/cron.hourly)',
      '<6>May 14 08:15:29 web-01 kernel: [812345.123456] eth0: link up, 1000Mbps, full-duplex',
    ],
  },
  {
    name: 'sshd',
    lines: [
      '<38>May 14 08:15:27 bastion sshd[4121]: Failed password for invalid user admin from 203.0.113.45 port 52122 ssh2',
      '<38>May 14 08:15:29 bastion sshd[4123]: Accepted publickey for deploy from 198.51.100.7 port 40022 ssh2: ED25519 SHA256:Qm9vYmFy',
      '<38>May 14 08:15:31 bastion sshd[4125]: Invalid user oracle from 203.0.113.45 port 52130',
      '<86>May 14 08:15:33 bastion sudo:   deploy : TTY=pts/0 ; PWD=/home/deploy ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx',
    ],
  },
  {
    name: 'web-access',
    lines: [
      '198.51.100.7 - - [14/May/2024:08:15:27 +0000] "GET /index.html HTTP/1.1" 200 5120 "https://example.com/" "Mozilla/5.0 (X11; Linux x86_64) Firefox/125.0"',
      '203.0.113.45 - alice [14/May/2024:08:15:28 +0200] "POST /api/login HTTP/2.0" 401 73 "-" "curl/8.5.0"',
    ],
  },
  {
    name: 'cef',
    lines: [
      'CEF:0|Example|Gateway|3.2|100|Connection blocked|7|src=203.0.113.45 spt=52122 dst=192.0.2.10 dpt=443 proto=TCP act=blocked suser=alice msg=policy deny rt=May 14 2024 08:15:27',
      '<134>May 14 08:15:27 gw01 CEF:0|Example|WAF|1.0|942100|SQL injection|9|src=198.51.100.7 request=https://shop.example/p?id\\=1 OR 1\\=1 requestMethod=GET cs1Label=policy cs1=strict',
    ],
  },
  {
    name: 'leef',
    lines: [
      'LEEF:1.0|Example|IDS|2.1|4001|src=203.0.113.45\tdst=192.0.2.10\tsrcPort=52122\tdstPort=22\tusrName=root\tsev=8\tdevTime=May 14 2024 08:15:27',
      'LEEF:2.0|Example|Proxy|5.4|ALLOW|^|src=198.51.100.7^dst=192.0.2.20^usrName=bob^url=https://example.org/^cat=web',
    ],
  },
  {
    name: 'json',
    lines: [
      '{"@timestamp":"2024-05-14T08:15:27.412Z","message":"user logged in","user":{"name":"alice"},"source":{"ip":"198.51.100.7"},"event":{"dataset":"app.auth","outcome":"success"}}',
      '{"time":"2024-05-14T08:15:28Z","level":"warn","msg":"slow query","duration_ms":812,"db":{"name":"orders"}}',
    ],
  },
  {
    name: 'kv',
    lines: ['action=allow src=192.0.2.10 dst=198.51.100.20 sport=52122 dport=443 proto=tcp user=alice msg="web traffic"'],
  },
  {
    name: 'fortigate',
    lines: [
      '<189>date=2024-05-14 time=08:15:27 devname="FGT-EDGE" devid="FG100FTK19000001" eventtime=1715674527412345678 tz="+0200" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=192.0.2.10 srcport=52122 srcintf="lan" dstip=198.51.100.20 dstport=443 dstintf="wan1" proto=6 action="accept" policyid=12 service="HTTPS" sentbyte=5120 rcvdbyte=88211',
      '<185>date=2024-05-14 time=08:15:28 devname="FGT-EDGE" devid="FG100FTK19000001" logid="0101039426" type="event" subtype="vpn" level="alert" vd="root" logdesc="SSL VPN login fail" action="ssl-login-fail" remip=203.0.113.45 user="bob" reason="sslvpn_login_permission_denied" msg="SSL user failed to logged in"',
    ],
  },
  {
    name: 'pfsense-filterlog',
    lines: [
      '<134>May 14 08:15:27 fw filterlog[4411]: 5,,,1000000103,igb0,match,block,in,4,0x0,,64,31337,0,DF,6,tcp,60,203.0.113.45,192.0.2.10,52122,22,0,S,1234567890,,64240,,mss;sackOK;TS;nop;wscale',
      '<134>May 14 08:15:28 fw filterlog[4411]: 7,,,1000000105,igb1,match,pass,out,6,0x00,0x00000,64,udp,17,48,2001:db8::10,2001:db8:1::53,53111,53,48',
    ],
  },
  {
    name: 'cisco-asa',
    lines: [
      '<166>May 14 2024 08:15:27 asa01 : %ASA-6-302013: Built inbound TCP connection 88121 for outside:203.0.113.45/52122 (203.0.113.45/52122) to dmz:192.0.2.10/443 (198.51.100.10/443)',
      '<164>May 14 2024 08:15:28 asa01 : %ASA-4-106023: Deny tcp src outside:203.0.113.45/52130 dst inside:192.0.2.20/3389 by access-group "outside_in" [0x0, 0x0]',
      '<166>May 14 2024 08:15:29 asa01 : %ASA-6-113005: AAA user authentication Rejected : reason = AAA failure : server = 192.0.2.5 : user = bob : user IP = 203.0.113.45',
    ],
  },
  {
    name: 'cisco-ios',
    lines: ['<189>4411: *May 14 08:15:27.412 UTC: %SEC-6-IPACCESSLOGP: list 101 denied tcp 203.0.113.45(52122) -> 192.0.2.10(23), 1 packet'],
  },
  {
    name: 'juniper-srx',
    lines: [
      '<14>1 2024-05-14T08:15:27.412+02:00 srx01 RT_FLOW - RT_FLOW_SESSION_CREATE [junos@2636.1.1.1.2.129 source-address="192.0.2.10" source-port="52122" destination-address="198.51.100.20" destination-port="443" service-name="junos-https" protocol-id="6" policy-name="trust-to-untrust" source-zone-name="trust" destination-zone-name="untrust" session-id-32="4411" username="N/A" application="SSL"]',
    ],
  },
  {
    name: 'paloalto',
    lines: [
      '<14>May 14 08:15:27 pa-fw01 1,2024/05/14 08:15:27,012345678901,TRAFFIC,end,2561,2024/05/14 08:15:27,192.0.2.10,198.51.100.20,203.0.113.1,198.51.100.20,allow-web,,,ssl,vsys1,trust,untrust,ethernet1/2,ethernet1/1,fwd,2024/05/14 08:15:27,88121,1,52122,443,40211,443,0x400019,tcp,allow,9120,1820,7300,22,2024/05/14 08:15:11,15,any,0,7788,0x0,10.0.0.0-10.255.255.255,US,0,12,10,tcp-fin',
    ],
  },
  {
    name: 'windows-snare',
    lines: [
      '<14>May 14 08:15:27 DC01 MSWinEventLog\t1\tSecurity\t88121\tTue May 14 08:15:27 2024\t4625\tMicrosoft-Windows-Security-Auditing\tN/A\tN/A\tFailure Audit\tDC01\tLogon\t\tAn account failed to log on.    Subject:   Security ID:  S-1-0-0   Account Name:  -    Logon Type:  3    Account For Which Logon Failed:   Security ID:  S-1-0-0   Account Name:  alice   Account Domain:  EXAMPLE    Network Information:   Workstation Name:  WS-7   Source Network Address:  203.0.113.45   Source Port:  52122\t88121',
    ],
  },
];

/** Representative lines per format (copies, safe to mutate). */
export function parserBenchCases(): Array<{ name: string; lines: string[] }> {
  return CASES.map((c) => ({ name: c.name, lines: [...c.lines] }));
}
