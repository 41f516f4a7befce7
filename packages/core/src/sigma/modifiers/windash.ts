/**
 * @module sigma/modifiers/windash
 * `windash`: Windows accepts `-`, `/` and Unicode dashes for command-line switches; a value with
 * `-x` also matches `/x`, `–x`, `—x` and `―x` (pySigma's `SigmaWindowsDashModifier`).
 */
import type { SigmaString, SigmaValue } from '../sigma-value.ts';
import { eachValue, SigmaModifierError, type SigmaModifier } from './modifier.ts';

const DASHES = ['-', '/', '\u2013', '\u2014', '\u2015'];
/** A dash that starts a switch: not after a word character, before one. */
const SWITCH = /(?<![A-Za-z0-9_])[-/](?=[A-Za-z0-9_])/g;
/** Most variants one value may expand to (5 per switch). */
const MAX_VARIANTS = 625;

function variants(s: SigmaString): SigmaString[] {
  let out: (string | SigmaString['parts'][number])[][] = [[]];
  for (const part of s.parts) {
    if (typeof part !== 'string') {
      out = out.map((o) => [...o, part]);
      continue;
    }
    const pieces = part.split(SWITCH);
    const count = pieces.length - 1;
    if (count === 0) {
      out = out.map((o) => [...o, part]);
      continue;
    }
    const next: (string | SigmaString['parts'][number])[][] = [];
    for (const o of out) {
      const combos: string[] = [pieces[0]!];
      for (let i = 1; i < pieces.length; i++) {
        const grown: string[] = [];
        for (const c of combos) for (const d of DASHES) grown.push(c + d + pieces[i]!);
        combos.splice(0, combos.length, ...grown);
        if (combos.length * out.length > MAX_VARIANTS) throw new SigmaModifierError(`modifier 'windash' would expand to more than ${MAX_VARIANTS} values`);
      }
      for (const c of combos) next.push([...o, c]);
    }
    out = next;
  }
  return out.map((parts) => ({ kind: 'string', parts: parts as SigmaString['parts'] }));
}

export const windash: SigmaModifier = {
  name: 'windash',
  apply: (values) => eachValue('windash', values, ['string'], (v) => variants(v as SigmaString) as SigmaValue[]),
};
