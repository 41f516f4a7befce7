/**
 * @module parsers/windows/description
 * The rendered event text that Snare and other agents send instead of EventData
 * (`… New Logon:  Security ID: S-1-…  Account Name: alice …`), read back into EventData names.
 */
import { dict } from '../shared/own.ts';

/** (section, label) → EventData name. A `*` section matches any section. */
const LABELS: ReadonlyArray<[string, string, string]> = [
  ['Subject', 'Account Name', 'SubjectUserName'],
  ['Subject', 'Account Domain', 'SubjectDomainName'],
  ['Subject', 'Security ID', 'SubjectUserSid'],
  ['Subject', 'Logon ID', 'SubjectLogonId'],
  ['New Logon', 'Account Name', 'TargetUserName'],
  ['New Logon', 'Account Domain', 'TargetDomainName'],
  ['New Logon', 'Security ID', 'TargetUserSid'],
  ['New Logon', 'Logon ID', 'TargetLogonId'],
  ['Account For Which Logon Failed', 'Account Name', 'TargetUserName'],
  ['Account For Which Logon Failed', 'Account Domain', 'TargetDomainName'],
  ['Account Whose Credentials Were Used', 'Account Name', 'TargetUserName'],
  ['New Account', 'Account Name', 'TargetUserName'],
  ['New Account', 'Account Domain', 'TargetDomainName'],
  ['Target Account', 'Account Name', 'TargetUserName'],
  ['Target Account', 'Account Domain', 'TargetDomainName'],
  ['Account That Was Locked Out', 'Account Name', 'TargetUserName'],
  ['Member', 'Account Name', 'MemberName'],
  ['Member', 'Security ID', 'MemberSid'],
  ['Group', 'Group Name', 'GroupName'],
  ['Group', 'Group Domain', 'GroupDomain'],
  ['*', 'Logon Type', 'LogonType'],
  ['*', 'Source Network Address', 'IpAddress'],
  ['*', 'Source Port', 'IpPort'],
  ['*', 'Workstation Name', 'WorkstationName'],
  ['*', 'Logon Process', 'LogonProcessName'],
  ['*', 'Authentication Package', 'AuthenticationPackageName'],
  ['*', 'Failure Reason', 'FailureReason'],
  ['*', 'Status', 'Status'],
  ['*', 'Sub Status', 'SubStatus'],
  ['*', 'New Process Name', 'NewProcessName'],
  ['*', 'Process Name', 'ProcessName'],
  ['*', 'Process Command Line', 'CommandLine'],
  ['*', 'Source Address', 'SourceAddress'],
  ['*', 'Destination Address', 'DestAddress'],
  ['*', 'Destination Port', 'DestPort'],
  ['*', 'Application Name', 'Application'],
  ['*', 'User Name', 'TargetUserName'],
  ['*', 'Domain', 'TargetDomainName'],
  ['*', 'Caller User Name', 'SubjectUserName'],
  ['*', 'Caller Domain', 'SubjectDomainName'],
];

const BY_LABEL = new Map<string, Array<[string, string]>>();
for (const [sec, lab, name] of LABELS) {
  const list = BY_LABEL.get(lab) ?? [];
  list.push([sec, name]);
  BY_LABEL.set(lab, list);
}

/** The first sentence of the description (`An account was successfully logged on.`). */
export function descriptionSummary(text: string): string {
  const t = text.trim();
  const dot = t.indexOf('.  ');
  const gap = t.search(/\s{2,}/);
  const end = dot >= 0 && (gap < 0 || dot < gap) ? dot + 1 : gap >= 0 ? gap : t.length;
  return t.slice(0, end).trim();
}

/** Reads `Label: value` pairs (separated by runs of 2+ spaces, tabs or newlines) into EventData names. */
export function parseDescription(text: string): Record<string, string> {
  const items = text.split(/(?:\s{2,}|\t|\r?\n)+/).map((s) => s.trim()).filter((s) => s !== '');
  const data: Record<string, string> = dict();
  let section = '';
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    let label: string;
    let value: string | undefined;
    if (item.endsWith(':')) {
      label = item.slice(0, -1);
      const next = items[i + 1];
      if (next === undefined || (next.endsWith(':') && !next.includes(': '))) {
        section = label;
        continue;
      }
      if (next.includes(': ') && /^[A-Z][A-Za-z ()/]+: /.test(next)) {
        section = label;
        continue;
      }
      value = next;
      i++;
    } else {
      const c = item.indexOf(': ');
      if (c <= 0) continue;
      label = item.slice(0, c);
      value = item.slice(c + 2).trim();
      if (/[.!]$/.test(label) || label.length > 48) continue;
    }
    const candidates = BY_LABEL.get(label);
    if (!candidates) continue;
    for (const [sec, name] of candidates) {
      if (sec === '*' || sec === section) {
        if (data[name] === undefined) data[name] = value;
        break;
      }
    }
  }
  return data;
}
