/**
 * @module parsers/sonicwall
 * SonicWall SonicOS enhanced syslog.
 */
import type { Parser } from '../types.ts';
import { looksLikeSonicwall, parseSonicwall } from './parse-sonicwall.ts';

export { parseSonicwall } from './parse-sonicwall.ts';

/** The SonicWall parser (dataset `sonicwall.firewall`). */
export const sonicwallParser: Parser = {
  name: 'sonicwall',
  priority: 75,
  datasets: ['sonicwall.firewall'],
  detect: looksLikeSonicwall,
  parse: parseSonicwall,
};
