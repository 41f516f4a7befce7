/**
 * @module parsers/apache-error
 * Apache httpd error logs (2.2 and 2.4 layouts, ModSecurity messages included).
 */
import type { Parser } from '../types.ts';
import { parseApacheError } from './parse-apache-error.ts';

export { parseApacheError } from './parse-apache-error.ts';

/** The Apache error-log parser (dataset `apache.error`). */
export const apacheErrorParser: Parser = {
  name: 'apache-error',
  priority: 12,
  datasets: ['apache.error'],
  detect: (line) => line.charCodeAt(0) === 91 && line.indexOf(']') > 0,
  parse: parseApacheError,
};
