/**
 * @module parsers/fortigate
 * FortiGate (FortiOS) traffic, UTM and event logs; every key is kept as `fortinet.<key>`.
 */
import type { Parser } from '../types.ts';
import { looksLikeFortigate, parseFortigate } from './parse-fortigate.ts';

export { parseFortigate, looksLikeFortigate, fortigateFieldOf } from './parse-fortigate.ts';

/** The FortiGate parser (datasets `fortigate.traffic`, `fortigate.utm`, `fortigate.event`). */
export const fortigateParser: Parser = {
  name: 'fortigate',
  priority: 85,
  datasets: ['fortigate.traffic', 'fortigate.utm', 'fortigate.event'],
  detect: looksLikeFortigate,
  parse: parseFortigate,
};
