/**
 * @module parsers/netscreen
 * Juniper NetScreen / SSG (ScreenOS) system and traffic logs.
 */
import type { Parser } from '../types.ts';
import { parseNetscreen } from './parse-netscreen.ts';

export { parseNetscreen } from './parse-netscreen.ts';

/** The ScreenOS parser (dataset `juniper.netscreen`). */
export const netscreenParser: Parser = {
  name: 'netscreen',
  priority: 75,
  datasets: ['juniper.netscreen'],
  detect: (line) => line.indexOf('NetScreen device_id=') >= 0,
  parse: parseNetscreen,
};
