/**
 * @module sigma/modifiers/regex
 * `re` turns the value as written into an RE2 regular expression; `i`, `m`, `s` set its flags.
 */
import type { SigmaValue } from '../sigma-value.ts';
import { eachValue, type SigmaModifier } from './modifier.ts';

export const re: SigmaModifier = {
  name: 're',
  apply: (values) =>
    eachValue('re', values, ['string'], (v) => {
      const s = v as Extract<SigmaValue, { kind: 'string' }>;
      return { kind: 'regex', pattern: s.original ?? s.parts.map((p) => (typeof p === 'string' ? p : p.wildcard)).join(''), flags: '' };
    }),
};

function flag(name: string, letter: string): SigmaModifier {
  return {
    name,
    apply: (values) =>
      eachValue(name, values, ['regex'], (v) => {
        const r = v as Extract<SigmaValue, { kind: 'regex' }>;
        return r.flags.includes(letter) ? r : { ...r, flags: r.flags + letter };
      }),
  };
}

export const ignorecase = flag('i', 'i');
export const multiline = flag('m', 'm');
export const dotall = flag('s', 's');
