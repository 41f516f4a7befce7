/**
 * @module parsers/json
 * JSON lines (a bare object, or the MSG of a syslog line, rsyslog's `@cee:` included), flattened to
 * dotted names.
 */
import type { Parser } from '../types.ts';
import { jsonStart, parseJsonLine } from './parse-json.ts';

export { parseJsonLine, jsonStart } from './parse-json.ts';

/** The JSON-lines parser (dataset `json`, or the event's own `event.dataset`). */
export const jsonParser: Parser = {
  name: 'json',
  priority: 95,
  datasets: ['json'],
  detect: (line) => jsonStart(line) >= 0,
  parse: parseJsonLine,
};
