/**
 * @module parsers/paloalto
 * Palo Alto Networks PAN-OS CSV logs; every column is kept as `paloalto.<documented name>`.
 */
import type { Parser } from '../types.ts';
import { panStart, parsePaloAlto } from './parse-paloalto.ts';

export { parsePaloAlto, paloAltoFieldOf } from './parse-paloalto.ts';
export { splitCsv } from './csv.ts';
export { PAN_COLUMNS } from './columns.ts';

/** The PAN-OS parser (datasets `paloalto.traffic`, `paloalto.threat`, `paloalto.system`, `paloalto.config`, …). */
export const paloAltoParser: Parser = {
  name: 'paloalto',
  priority: 80,
  datasets: ['paloalto.traffic', 'paloalto.threat', 'paloalto.system', 'paloalto.config', 'paloalto.auth', 'paloalto.globalprotect'],
  detect: (line, ctx) => panStart(line) >= 0 || (ctx?.envelope !== undefined && panStart(ctx.envelope.content) >= 0),
  parse: parsePaloAlto,
};
