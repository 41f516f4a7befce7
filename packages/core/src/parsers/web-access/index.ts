/**
 * @module parsers/web-access
 * Web server access logs (common / combined and the usual variants) → `url.original`,
 * `http.request.method`, `http.response.status_code` (number), `user_agent.original`, `source.ip`.
 */
import type { Parser } from '../types.ts';
import { parseAccessLog } from './parse-access.ts';

export { parseAccessLog } from './parse-access.ts';
export { parseHttpDate } from './http-date.ts';
export { setRequestLine } from './request-line.ts';

/** The access-log parser (datasets `apache.access`, `nginx.access`). */
export const webAccessParser: Parser = {
  name: 'web-access',
  priority: 10,
  datasets: ['apache.access', 'nginx.access'],
  detect: (line) => line.indexOf('] "') > 0,
  parse: parseAccessLog,
};
