/**
 * @module parsers/windows-cbs
 * Windows Component-Based Servicing (CBS.log) and DISM logs.
 */
import type { Parser } from '../types.ts';
import { looksLikeCbs, parseWindowsCbs } from './parse-windows-cbs.ts';

export { parseWindowsCbs } from './parse-windows-cbs.ts';

/** The CBS / DISM log parser (dataset `windows.cbs`). */
export const windowsCbsParser: Parser = {
  name: 'windows-cbs',
  priority: 5,
  datasets: ['windows.cbs'],
  detect: looksLikeCbs,
  parse: parseWindowsCbs,
};
