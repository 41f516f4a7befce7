/**
 * @module parsers/iis
 * Microsoft IIS W3C extended access logs.
 */
import type { Parser } from '../types.ts';
import { looksLikeIis, parseIis } from './parse-iis.ts';

export { parseIis, looksLikeIis } from './parse-iis.ts';

/** The IIS access-log parser (dataset `iis.access`). */
export const iisParser: Parser = {
  name: 'iis',
  priority: 11,
  datasets: ['iis.access'],
  detect: looksLikeIis,
  parse: parseIis,
};
