/**
 * @module parsers/mikrotik
 * MikroTik RouterOS logs: topics, firewall rule logs, login success / failure.
 */
import type { Parser } from '../types.ts';
import { looksLikeMikrotik, parseMikrotik } from './parse-mikrotik.ts';

export { parseMikrotik } from './parse-mikrotik.ts';

/** The RouterOS parser (dataset `mikrotik`). */
export const mikrotikParser: Parser = {
  name: 'mikrotik',
  priority: 40,
  datasets: ['mikrotik'],
  detect: looksLikeMikrotik,
  parse: parseMikrotik,
};
