/**
 * @module parsers/cef
 * ArcSight CEF, bare or inside syslog, with header and extension escapes; extension keys map to ECS
 * (`src`, `dst`, `spt`, `dpt`, `suser`, `duser`, `act`, `proto`, `shost`, `dhost`, `request`, `rt`, …)
 * and every key is also kept as `cef.extensions.<key>`.
 */
import type { Parser } from '../types.ts';
import { cefStart, parseCef } from './parse-cef.ts';

export { parseCef, parseCefExtension, splitCefHeader, cefStart, cefFieldOf } from './parse-cef.ts';

/** The CEF parser (dataset `cef`). */
export const cefParser: Parser = {
  name: 'cef',
  priority: 100,
  datasets: ['cef'],
  detect: (line, ctx) => cefStart(line) >= 0 || (ctx?.envelope !== undefined && ctx.envelope.content.startsWith('CEF:')),
  parse: parseCef,
};
