/**
 * @module parsers/hpc
 * HPC RAS logs (`TAG EPOCH yyyy.mm.dd NODE` in front of a BSD syslog line), as in the public
 * Thunderbird / Spirit / Liberty data sets. An envelope: the syslog part still goes to body parsers.
 */
import type { Parser } from '../types.ts';
import { looksLikeHpc, parseHpc } from './parse-hpc.ts';

export { parseHpc } from './parse-hpc.ts';

/** The HPC RAS envelope parser. */
export const hpcParser: Parser = {
  name: 'hpc',
  stage: 'envelope',
  priority: 5,
  datasets: ['syslog'],
  detect: looksLikeHpc,
  parse: parseHpc,
};
