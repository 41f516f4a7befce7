/**
 * @module parsers/rfc5424
 * IETF syslog (RFC 5424) envelope: header, structured data with escapes, NIL values, BOM, fractional
 * seconds and missing offsets (which take `ctx.timezoneOffsetMinutes`).
 */
import type { Parser } from '../types.ts';
import { looksLikeRfc5424, parseRfc5424 } from './parse-rfc5424.ts';

export { parseRfc5424, looksLikeRfc5424 } from './parse-rfc5424.ts';
export { parseStructuredData, type StructuredData } from './structured-data.ts';

/** The RFC 5424 envelope parser. */
export const rfc5424Parser: Parser = {
  name: 'rfc5424',
  stage: 'envelope',
  priority: 20,
  datasets: ['syslog'],
  detect: looksLikeRfc5424,
  parse: parseRfc5424,
};
