/**
 * @module parsers/windows
 * Windows events however they travel — Snare / NXLog tab-delimited syslog, XML, NXLog or Wazuh JSON —
 * mapped once to ECS (`event.code`, `event.action` such as `logged-in`, `logon-failed`,
 * `added-user-account`, `added-member-to-group`; `user.name`, `source.ip`, `winlog.*`).
 */
import type { Parser } from '../types.ts';
import { parseSnare, snareStart } from './snare.ts';
import { parseWindowsXml } from './xml.ts';

export { parseSnare } from './snare.ts';
export { parseWindowsXml } from './xml.ts';
export { windowsFromJson } from './from-json.ts';
export { windowsFields, windowsDataset, type WindowsEvent } from './event-data.ts';
export { WINDOWS_EVENT_IDS, type WindowsEventMeaning } from './event-ids.ts';
export { parseDescription } from './description.ts';

/** The Snare parser (datasets `windows.security`, `windows.system`, …). */
export const snareParser: Parser = {
  name: 'windows-snare',
  priority: 90,
  datasets: ['windows.security', 'windows.system', 'windows.application', 'windows.eventlog'],
  detect: (line, ctx) => snareStart(line) >= 0 || (ctx?.envelope !== undefined && snareStart(ctx.envelope.content) >= 0),
  parse: parseSnare,
};

/** The Windows XML event parser. */
export const windowsXmlParser: Parser = {
  name: 'windows-xml',
  priority: 90,
  datasets: ['windows.security', 'windows.system', 'windows.application', 'windows.eventlog'],
  detect: (line) => {
    const at = line.indexOf('<Event');
    return at >= 0 && at < 64;
  },
  parse: parseWindowsXml,
};
