/**
 * @module parsers/cisco-ios
 * Cisco IOS-family `%FACILITY-SEVERITY-MNEMONIC` messages, with semantics for ACL logs, logins,
 * configuration changes, SSH and IPS signatures.
 */
import type { Parser } from '../types.ts';
import { findIosTag, parseCiscoIos } from './parse-cisco-ios.ts';

export { parseCiscoIos, findIosTag } from './parse-cisco-ios.ts';

/** The Cisco IOS parser (dataset `cisco.ios`). */
export const ciscoIosParser: Parser = {
  name: 'cisco-ios',
  priority: 78,
  datasets: ['cisco.ios'],
  detect: (line, ctx) => {
    const c = ctx?.envelope?.content;
    return (line.indexOf('%') >= 0 || (c !== undefined && c.indexOf('%') >= 0)) && (findIosTag(line) !== null || (c !== undefined && findIosTag(c) !== null));
  },
  parse: parseCiscoIos,
};
