/**
 * @module parsers/cisco-asa
 * Cisco ASA / FTD / PIX: message id, severity, and per-id semantics for connections (302013–302016,
 * 302020/302021), denies (106001, 106006, 106014, 106015, 106023, 106100, 710003), AAA (113004,
 * 113005, 113012, 113015), logins (605004/605005, 611101/611102) and commands (111008–111010).
 */
import type { Parser } from '../types.ts';
import { asaMarker, parseCiscoAsa } from './parse-cisco-asa.ts';

export { parseCiscoAsa } from './parse-cisco-asa.ts';
export { parseEndpoint } from './endpoint.ts';
export { ASA_MESSAGES } from './messages.ts';

/** The Cisco ASA/FTD parser (datasets `cisco.asa`, `cisco.ftd`). */
export const ciscoAsaParser: Parser = {
  name: 'cisco-asa',
  priority: 80,
  datasets: ['cisco.asa', 'cisco.ftd'],
  detect: (line, ctx) => asaMarker(line) >= 0 || (ctx?.envelope !== undefined && asaMarker(ctx.envelope.content) >= 0),
  parse: parseCiscoAsa,
};
