/**
 * @module parsers/checkpoint
 * Check Point Log Exporter syslog (`[key:"value"; …]` records).
 */
import type { Parser } from '../types.ts';
import { checkpointStart, parseCheckpoint } from './parse-checkpoint.ts';

export { parseCheckpoint } from './parse-checkpoint.ts';

/** The Check Point parser (dataset `checkpoint.firewall`). */
export const checkpointParser: Parser = {
  name: 'checkpoint',
  priority: 75,
  datasets: ['checkpoint.firewall'],
  detect: (line, ctx) => checkpointStart(line) >= 0 || ctx?.envelope?.appname === 'CheckPoint',
  parse: parseCheckpoint,
};
