/**
 * @module parsers/juniper-srx
 * Juniper SRX security logs: RT_FLOW (session create / close / deny), RT_IDS / RT_SCREEN, APPTRACK,
 * in structured (RFC 5424 SD) or brief text form.
 */
import type { Parser } from '../types.ts';
import { looksLikeJuniper, parseJuniperSrx } from './parse-juniper-srx.ts';

export { parseJuniperSrx } from './parse-juniper-srx.ts';

/** The Juniper SRX parser (dataset `juniper.srx`). */
export const juniperSrxParser: Parser = {
  name: 'juniper-srx',
  priority: 80,
  datasets: ['juniper.srx'],
  detect: (line, ctx) => {
    const app = ctx?.envelope?.appname;
    if (app !== undefined && (app.startsWith('RT_') || app === 'APPTRACK')) return true;
    return looksLikeJuniper(line);
  },
  parse: parseJuniperSrx,
};
