/**
 * @module parsers/nginx-error
 * nginx error logs: level, pid/tid, connection id, and the client / request / host tail.
 */
import type { Parser } from '../types.ts';
import { looksLikeNginxError, parseNginxError } from './parse-nginx-error.ts';

export { parseNginxError, looksLikeNginxError } from './parse-nginx-error.ts';

/** The nginx error-log parser (dataset `nginx.error`). */
export const nginxErrorParser: Parser = {
  name: 'nginx-error',
  priority: 12,
  datasets: ['nginx.error'],
  detect: looksLikeNginxError,
  parse: parseNginxError,
};
