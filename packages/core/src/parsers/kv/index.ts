/**
 * @module parsers/kv
 * Generic key=value messages; the last body parser tried.
 */
import type { Parser } from '../types.ts';
import { startsWithKvPair } from '../shared/kv.ts';
import { parseKvLine } from './parse-kv.ts';

export { parseKvLine, mapCommonKv } from './parse-kv.ts';

/** The generic key=value parser (dataset `kv`, or `syslog` inside a syslog line). */
export const kvParser: Parser = {
  name: 'kv',
  priority: -100,
  datasets: ['kv'],
  detect: (line) => startsWithKvPair(line),
  parse: parseKvLine,
};
