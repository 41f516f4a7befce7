/**
 * @module parsers/sophos
 * Sophos Firewall (XG / SFOS) key=value syslog.
 */
import type { Parser } from '../types.ts';
import { looksLikeSophos, parseSophos } from './parse-sophos.ts';

export { parseSophos } from './parse-sophos.ts';

/** The Sophos Firewall parser (dataset `sophos.xg`). */
export const sophosParser: Parser = {
  name: 'sophos',
  priority: 75,
  datasets: ['sophos.xg'],
  detect: looksLikeSophos,
  parse: parseSophos,
};
