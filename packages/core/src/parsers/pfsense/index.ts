/**
 * @module parsers/pfsense
 * pfSense / OPNsense: the `filterlog` packet filter log (IPv4/IPv6; TCP, UDP, ICMP) and web GUI logins.
 */
import type { Parser } from '../types.ts';
import { parseFilterlog } from './parse-filterlog.ts';
import { looksLikeGuiAuth, parseGuiAuth } from './gui-auth.ts';

export { parseFilterlog } from './parse-filterlog.ts';
export { parseGuiAuth } from './gui-auth.ts';

/** The filterlog parser (dataset `pfsense.filterlog`). */
export const filterlogParser: Parser = {
  name: 'pfsense-filterlog',
  priority: 80,
  datasets: ['pfsense.filterlog'],
  detect: (line, ctx) => ctx?.envelope?.appname === 'filterlog',
  parse: parseFilterlog,
};

/** The pfSense / OPNsense GUI login parser (datasets `pfsense.gui`, `opnsense.gui`). */
export const pfsenseGuiParser: Parser = {
  name: 'pfsense-gui',
  priority: 60,
  datasets: ['pfsense.gui', 'opnsense.gui'],
  detect: looksLikeGuiAuth,
  parse: parseGuiAuth,
};
