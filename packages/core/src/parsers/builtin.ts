/**
 * @module parsers/builtin
 * The built-in parsers: one line per format. Order only breaks priority ties.
 */
import { registerParser, getParser } from './registry.ts';
import type { Parser } from './types.ts';
import { rfc5424Parser } from './rfc5424/index.ts';
import { rfc3164Parser } from './rfc3164/index.ts';
import { cefParser } from './cef/index.ts';
import { leefParser } from './leef/index.ts';
import { jsonParser } from './json/index.ts';
import { snareParser, windowsXmlParser } from './windows/index.ts';
import { kvParser } from './kv/index.ts';
import { fortigateParser } from './fortigate/index.ts';
import { filterlogParser, pfsenseGuiParser } from './pfsense/index.ts';
import { ciscoAsaParser } from './cisco-asa/index.ts';
import { ciscoIosParser } from './cisco-ios/index.ts';
import { juniperSrxParser } from './juniper-srx/index.ts';
import { paloAltoParser } from './paloalto/index.ts';
import { iptablesParser } from './iptables/index.ts';
import { mikrotikParser } from './mikrotik/index.ts';
import { sonicwallParser } from './sonicwall/index.ts';
import { sophosParser } from './sophos/index.ts';
import { checkpointParser } from './checkpoint/index.ts';
import { huaweiParser } from './huawei/index.ts';
import { netscreenParser } from './netscreen/index.ts';
import { hadoopParser } from './hadoop/index.ts';
import { windowsCbsParser } from './windows-cbs/index.ts';
import { hpcParser } from './hpc/index.ts';
import { linuxAuthParser } from './linux-auth/index.ts';
import { webAccessParser } from './web-access/index.ts';
import { apacheErrorParser } from './apache-error/index.ts';
import { nginxErrorParser } from './nginx-error/index.ts';
import { iisParser } from './iis/index.ts';

/** Every built-in parser, in registration order. */
export const BUILTIN_PARSERS: readonly Parser[] = [
  rfc5424Parser,
  rfc3164Parser,
  hpcParser,
  cefParser,
  leefParser,
  jsonParser,
  snareParser,
  windowsXmlParser,
  fortigateParser,
  filterlogParser,
  ciscoAsaParser,
  ciscoIosParser,
  juniperSrxParser,
  paloAltoParser,
  iptablesParser,
  sonicwallParser,
  sophosParser,
  checkpointParser,
  huaweiParser,
  netscreenParser,
  pfsenseGuiParser,
  mikrotikParser,
  linuxAuthParser,
  webAccessParser,
  apacheErrorParser,
  nginxErrorParser,
  iisParser,
  hadoopParser,
  windowsCbsParser,
  kvParser,
];

/** Registers the built-in parsers once (idempotent). */
export function registerBuiltinParsers(): void {
  for (const p of BUILTIN_PARSERS) if (!getParser(p.name)) registerParser(p);
}
