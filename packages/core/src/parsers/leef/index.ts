/**
 * @module parsers/leef
 * IBM QRadar LEEF 1.0 and 2.0 with custom delimiters (`^`, `0x09`, a literal `\t`); predefined keys
 * map to ECS and every attribute is kept as `leef.<key>`.
 */
import type { Parser } from '../types.ts';
import { parseLeef } from './parse-leef.ts';

export { parseLeef, leefDelimiter, splitLeefAttributes } from './parse-leef.ts';

/** The LEEF parser (dataset `leef`). */
export const leefParser: Parser = {
  name: 'leef',
  priority: 100,
  datasets: ['leef'],
  detect: (line, ctx) => {
    const at = line.indexOf('LEEF:');
    if (at >= 0 && at < 128) return true;
    const c = ctx?.envelope?.content;
    return c !== undefined && c.indexOf('LEEF:') >= 0 && c.indexOf('LEEF:') < 128;
  },
  parse: parseLeef,
};
