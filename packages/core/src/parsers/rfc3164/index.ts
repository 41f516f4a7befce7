/**
 * @module parsers/rfc3164
 * BSD syslog (RFC 3164) envelope in every timestamp variant the corpus shows; the year of year-less
 * timestamps comes from the context (`defaultYear` or `receivedAt`), never from the system clock.
 */
import type { Parser } from '../types.ts';
import { looksLikeRfc3164, parseRfc3164 } from './parse-rfc3164.ts';

export { parseRfc3164, looksLikeRfc3164, isHostnameToken } from './parse-rfc3164.ts';
export { splitTag, type SyslogTag } from './syslog-tag.ts';

/** The RFC 3164 envelope parser. */
export const rfc3164Parser: Parser = {
  name: 'rfc3164',
  stage: 'envelope',
  priority: 10,
  datasets: ['syslog'],
  detect: looksLikeRfc3164,
  parse: parseRfc3164,
};
