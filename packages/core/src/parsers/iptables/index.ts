/**
 * @module parsers/iptables
 * Linux netfilter (iptables / nftables / UFW) LOG lines, usually from the kernel via syslog.
 */
import type { Parser } from '../types.ts';
import { netfilterStart, parseIptables } from './parse-iptables.ts';

export { parseIptables } from './parse-iptables.ts';

/** The netfilter parser (dataset `iptables`). */
export const iptablesParser: Parser = {
  name: 'iptables',
  priority: 70,
  datasets: ['iptables'],
  detect: (line) => netfilterStart(line) >= 0,
  parse: parseIptables,
};
