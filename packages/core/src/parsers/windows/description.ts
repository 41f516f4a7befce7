/**
 * @module parsers/windows/description
 * The rendered event text that Snare and other agents send instead of EventData
 * (`… New Logon:  Security ID: S-1-…  Account Name: alice …`), read back into EventData names.
 */

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

/** A TAB or line break, or a blank followed by a blank or TAB, and the blanks after it. */
const ITEM_SEPARATOR = /[\t\r\n][\t\r\n ]*| [\t ][\t\r\n ]*/;

/**
 * Splits on runs of two or more blanks, TABs and line breaks (what agents make of the rendered text);
 * no empty items. One regex split: ~35 % cheaper than a character loop on Snare's descriptions.
 */
export function splitItems(text: string): string[] {
  const items = text.split(ITEM_SEPARATOR);
  if (items[0] === '') items.shift();
  if (items.length && items[items.length - 1] === '') items.pop();
  return items;
}

/** True when `s` starts like `Label: value` (a capitalised label of letters, spaces, `()/`). */
function looksLikeLabelValue(s: string): boolean {
  const c0 = s.charCodeAt(0);
  if (c0 < 65 || c0 > 90) return false;
  const colon = s.indexOf(': ');
  if (colon < 1) return false;
  for (let i = 1; i < colon; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 32 || c === 40 || c === 41 || c === 47)) return false;
  }
  return true;
}

/**
 * Labels and section headings of the Security events' rendered text that are not mapped to a field but
 * must still end the value before them when the text comes flattened with single spaces.
 */
const OTHER_MARKERS = [
  'Logon Information', 'Restricted Admin Mode', 'Remote Credential Guard', 'Virtual Account', 'Elevated Token',
  'Impersonation Level', 'Linked Logon ID', 'Network Account Name', 'Network Account Domain', 'Logon GUID',
  'Process Information', 'Process ID', 'Caller Process ID', 'Caller Process Name', 'Caller Logon ID', 'Network Information',
  'Detailed Authentication Information', 'Transited Services', 'Package Name (NTLM only)', 'Key Length',
  'Failure Information', 'Attributes', 'SAM Account Name', 'Display Name', 'User Principal Name', 'Home Directory',
  'Home Drive', 'Script Path', 'Profile Path', 'User Workstations', 'Password Last Set', 'Account Expires',
  'Primary Group ID', 'Allowed To Delegate To', 'Old UAC Value', 'New UAC Value', 'User Account Control',
  'User Parameters', 'SID History', 'Logon Hours', 'Additional Information', 'Privileges', 'Changed Attributes',
  'Creator Subject', 'Target Subject', 'Creator Process ID', 'Creator Process Name', 'New Process ID',
  'Token Elevation Type', 'Mandatory Label', 'Log Source', 'Service Information', 'Service Name', 'Service ID',
  'Network Address', 'Port', 'Account Information', 'Old Account Name', 'New Account Name', 'Object', 'Object Name',
];

/** Every known label or heading, longest first, followed by a colon and a blank or the end. */
const FLAT_LABEL = new RegExp(
  `(?:^|\\s)(${[...new Set([...LABELS.flatMap(([sec, lab]) => (sec === '*' ? [lab] : [sec, lab])), ...OTHER_MARKERS])]
    .sort((a, b) => b.length - a.length)
    .map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')}):(?=\\s|$)`,
  'g',
);

/**
 * The flattened form (`… Subject: Security ID: S-1-0-0 Account Name: - … Source Network Address: 10.0.0.5 …`):
 * with single spaces only known labels can tell where a value ends, so values run to the next known label;
 * a label with nothing before the next one is a section heading.
 */
function parseFlat(text: string): Map<string, string> {
  const data = new Map<string, string>();
  const marks: Array<{ label: string; start: number; end: number }> = [];
  FLAT_LABEL.lastIndex = 0;
  for (let m = FLAT_LABEL.exec(text); m !== null; m = FLAT_LABEL.exec(text)) {
    const label = m[1]!;
    marks.push({ label, start: m.index + m[0].length - label.length - 1, end: m.index + m[0].length });
  }
  let section = '';
  for (let i = 0; i < marks.length; i++) {
    const { label, end } = marks[i]!;
    const value = text.slice(end, marks[i + 1]?.start ?? text.length).trim();
    if (value === '') {
      section = label;
      continue;
    }
    for (const [sec, name] of BY_LABEL.get(label) ?? []) {
      if (sec === '*' || sec === section) {
        if (!data.has(name)) data.set(name, value);
        break;
      }
    }
  }
  return data;
}

/**
 * Reads `Label: value` pairs (separated by runs of 2+ spaces, tabs or newlines) into EventData names;
 * text flattened onto one line with single spaces is read by its known labels instead.
 */
export function parseDescription(text: string): Map<string, string> {
  const items = splitItems(text);
  if (items.length <= 2 && text.indexOf(': ') >= 0) {
    const flat = parseFlat(text);
    if (flat.size) return flat;
  }
  const data = new Map<string, string>();
  let section = '';
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!.trim();
    if (item === '') continue;
    let label: string;
    let value: string | undefined;
    if (item.charCodeAt(item.length - 1) === 58) {
      label = item.slice(0, -1);
      const next = items[i + 1]?.trim();
      if (next === undefined || (next.endsWith(':') && !next.includes(': ')) || looksLikeLabelValue(next)) {
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
      const last = label.charCodeAt(label.length - 1);
      if (last === 46 || last === 33 || label.length > 48) continue;
    }
    const candidates = BY_LABEL.get(label);
    if (!candidates) continue;
    for (const [sec, name] of candidates) {
      if (sec === '*' || sec === section) {
        if (!data.has(name)) data.set(name, value);
        break;
      }
    }
  }
  return data;
}
