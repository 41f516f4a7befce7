import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDescription } from '../../src/parsers/windows/index.ts';
import { splitItems } from '../../src/parsers/windows/description.ts';
import { parse } from './helpers.ts';

const T = '\t';

function snare(eventId: string, type: string, category: string, description: string): string {
  return `<14>May 14 08:15:27 DC01 MSWinEventLog${T}1${T}Security${T}88121${T}Tue May 14 08:15:26 2024${T}${eventId}${T}Microsoft-Windows-Security-Auditing${T}N/A${T}N/A${T}${type}${T}DC01.example.local${T}${category}${T}${T}${description}${T}88121`;
}

describe('Windows via Snare', () => {
  it('reads 4624 (logged on)', () => {
    const f = parse(snare('4624', 'Success Audit', 'Logon', 'An account was successfully logged on.    Subject:   Security ID:  S-1-5-18   Account Name:  DC01$   Account Domain:  EXAMPLE   Logon ID:  0x3E7    Logon Information:   Logon Type:  10    New Logon:   Security ID:  S-1-5-21-1-2-3-1104   Account Name:  alice   Account Domain:  EXAMPLE    Network Information:   Workstation Name:  WS-7   Source Network Address:  198.51.100.7   Source Port:  52122'));
    expect(f).toMatchObject({
      'event.dataset': 'windows.security',
      'event.code': '4624',
      'event.action': 'logged-in',
      'event.category': 'authentication',
      'event.outcome': 'success',
      'user.name': 'alice',
      'user.domain': 'EXAMPLE',
      'source.ip': '198.51.100.7',
      'source.port': 52122,
      'winlog.logon.type': 10,
      'winlog.channel': 'Security',
      'host.name': 'DC01.example.local',
      'log.syslog.hostname': 'DC01',
      '@timestamp': '2024-05-14T08:15:26.000Z',
      'event.created': '2024-05-14T08:15:27.000Z',
    });
  });

  it('reads 4625 (failed logon)', () => {
    const f = parse(snare('4625', 'Failure Audit', 'Logon', 'An account failed to log on.    Subject:   Security ID:  S-1-0-0   Account Name:  -    Logon Type:  3    Account For Which Logon Failed:   Security ID:  S-1-0-0   Account Name:  mallory   Account Domain:  EXAMPLE    Failure Information:   Failure Reason:  Unknown user name or bad password.   Status:  0xC000006D   Sub Status:  0xC0000064    Network Information:   Workstation Name:  KALI   Source Network Address:  203.0.113.45   Source Port:  0'));
    expect(f).toMatchObject({ 'event.action': 'logon-failed', 'event.outcome': 'failure', 'user.name': 'mallory', 'source.ip': '203.0.113.45', 'winlog.event_data.Status': '0xC000006D' });
    expect(f['source.port']).toBeUndefined();
  });

  it('reads 4625 when the description is flattened onto one line with single spaces', () => {
    const flat = 'An account failed to log on. Subject: Security ID: S-1-0-0 Account Name: - Account Domain: - Logon ID: 0x0 Logon Type: 3 Account For Which Logon Failed: Security ID: S-1-0-0 Account Name: mallory Account Domain: EXAMPLE Failure Information: Failure Reason: Unknown user name or bad password. Status: 0xC000006D Sub Status: 0xC0000064 Process Information: Caller Process ID: 0x0 Caller Process Name: - Network Information: Workstation Name: KALI Source Network Address: 203.0.113.45 Source Port: 51234 Detailed Authentication Information: Logon Process: NtLmSsp Authentication Package: NTLM Transited Services: - Package Name (NTLM only): - Key Length: 0';
    const f = parse(snare('4625', 'Failure Audit', 'Logon', flat));
    expect(f).toMatchObject({
      'event.action': 'logon-failed',
      'event.outcome': 'failure',
      'user.name': 'mallory',
      'user.domain': 'EXAMPLE',
      'source.ip': '203.0.113.45',
      'source.port': 51234,
      'source.domain': 'KALI',
      'winlog.logon.type': 3,
      'winlog.event_data.Status': '0xC000006D',
      'winlog.event_data.FailureReason': 'Unknown user name or bad password.',
      'winlog.event_data.AuthenticationPackageName': 'NTLM',
    });
  });

  it('reads 4732 flattened with single spaces (member, group and who did it)', () => {
    const f = parse(snare('4732', 'Success Audit', 'Security Group Management', 'A member was added to a security-enabled local group. Subject: Security ID: S-1-5-21-1 Account Name: admin Account Domain: EXAMPLE Logon ID: 0x1 Member: Security ID: S-1-5-21-9 Account Name: - Group: Security ID: S-1-5-32-544 Group Name: Administrators Group Domain: Builtin Additional Information: Privileges: -'));
    expect(f).toMatchObject({ 'event.action': 'added-member-to-group', 'user.name': 'admin', 'group.name': 'Administrators', 'winlog.event_data.MemberSid': 'S-1-5-21-9' });
  });

  it('reads 4720 (user created) and 4732 (member added to group)', () => {
    expect(parse(snare('4720', 'Success Audit', 'User Account Management', 'A user account was created.    Subject:   Security ID:  S-1-5-21-1   Account Name:  admin   Account Domain:  EXAMPLE   Logon ID:  0x1    New Account:   Security ID:  S-1-5-21-2   Account Name:  svc_backup   Account Domain:  EXAMPLE'))).toMatchObject({ 'event.action': 'added-user-account', 'event.category': 'iam', 'user.name': 'admin', 'user.target.name': 'svc_backup' });
    expect(parse(snare('4732', 'Success Audit', 'Security Group Management', 'A member was added to a security-enabled local group.    Subject:   Security ID:  S-1-5-21-1   Account Name:  admin   Account Domain:  EXAMPLE    Member:   Security ID:  S-1-5-21-9   Account Name:  CN=bob,OU=Users,DC=example,DC=local    Group:   Security ID:  S-1-5-32-544   Group Name:  Administrators   Group Domain:  Builtin'))).toMatchObject({ 'event.action': 'added-member-to-group', 'user.name': 'admin', 'user.target.name': 'CN=bob,OU=Users,DC=example,DC=local', 'group.name': 'Administrators' });
  });

  it('reads the old 2003-era layout', () => {
    expect(parse(`<141>Mar 10 09:30:20 zuse.example.local MSWinEventLog${T}1${T}Security${T}563${T}Wed Mar 10 09:30:15 2010${T}538${T}Security${T}XYWS011$${T}User${T}Success Audit${T}ZUSE${T}Logon/Logoff${T}${T}User Logoff:     User Name: XYWS011$     Domain: EXAMPLE     Logon ID: (0x0,0x5984789C)     Logon Type: 3    ${T}552`)).toMatchObject({ 'event.code': '538', 'event.action': 'logged-out', 'user.name': 'XYWS011$', 'winlog.logon.type': 3 });
  });

  it('splits description labels into EventData names', () => {
    expect(Object.fromEntries(parseDescription('Subject:   Account Name:  a   Account Domain:  NT AUTHORITY    New Logon:   Account Name:  b'))).toMatchObject({ SubjectUserName: 'a', SubjectDomainName: 'NT AUTHORITY', TargetUserName: 'b' });
  });
});

describe('Windows XML and Wazuh JSON', () => {
  it('reads an XML event', () => {
    const f = parse('<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-Security-Auditing" Guid="{5484}" /><EventID>4625</EventID><Keywords>0x8010000000000000</Keywords><TimeCreated SystemTime="2024-05-14T08:15:27.9027913Z" /><EventRecordID>2559</EventRecordID><Channel>Security</Channel><Computer>dc01.example.local</Computer></System><EventData><Data Name="TargetUserName">mallory</Data><Data Name="TargetDomainName">EXAMPLE</Data><Data Name="LogonType">3</Data><Data Name="IpAddress">203.0.113.45</Data><Data Name="IpPort">4242</Data><Data Name="Note">a &amp; b</Data></EventData></Event>');
    expect(f).toMatchObject({ 'event.dataset': 'windows.security', 'event.code': '4625', 'event.outcome': 'failure', 'user.name': 'mallory', 'source.ip': '203.0.113.45', 'source.port': 4242, 'host.name': 'dc01.example.local', '@timestamp': '2024-05-14T08:15:27.902Z', 'winlog.event_data.Note': 'a & b', 'winlog.record_id': '2559' });
  });

  it('reads Wazuh eventchannel JSON', () => {
    const f = parse('{"win":{"system":{"eventID":"4720","channel":"Security","computer":"dc01","providerName":"Microsoft-Windows-Security-Auditing","systemTime":"2024-05-14T08:15:27.1Z","severityValue":"AUDIT_SUCCESS"},"eventdata":{"subjectUserName":"admin","targetUserName":"svc"}}}');
    expect(f).toMatchObject({ 'event.dataset': 'windows.security', 'event.action': 'added-user-account', 'user.name': 'admin', 'user.target.name': 'svc', 'winlog.event_data.TargetUserName': 'svc', 'vigil.parser': 'json+windows' });
  });
});

describe('splitItems (the rendered description cut into label and value items)', () => {
  /** The character loop it replaced, as the reference: separators are TAB, CR, LF or a blank before a blank or TAB; all blanks after one are swallowed. */
  function reference(text: string): string[] {
    const items: string[] = [];
    let start = 0;
    let i = 0;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      const sep = c === 9 || c === 10 || c === 13 || (c === 32 && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9));
      if (!sep) {
        i++;
        continue;
      }
      if (i > start) items.push(text.slice(start, i));
      while (i < text.length && [9, 10, 13, 32].includes(text.charCodeAt(i))) i++;
      start = i;
    }
    if (start < text.length) items.push(text.slice(start));
    return items;
  }

  it('cuts like the character loop on any text of blanks, TABs, line breaks and words', () => {
    const text = fc.array(fc.constantFrom(' ', '  ', '\t', '\r\n', '\n', ' \t', 'Account Name:', 'a', '-', 'S-1-0-0', ':'), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(splitItems(t)).toEqual(reference(t));
      }),
      { numRuns: 2000 },
    );
  });
});
