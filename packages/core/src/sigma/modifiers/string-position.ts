/**
 * @module sigma/modifiers/string-position
 * `contains`, `startswith`, `endswith`: wildcards around the value (pySigma's `SigmaContainsModifier` & co.).
 */
import { wrapAny, type SigmaValue } from '../sigma-value.ts';
import { eachValue, type SigmaModifier } from './modifier.ts';

function position(name: string, before: boolean, after: boolean): SigmaModifier {
  return {
    name,
    apply: (values) =>
      eachValue(name, values, ['string', 'regex'], (v): SigmaValue => {
        if (v.kind === 'regex') {
          // pySigma allows contains/startswith/endswith on a regex by dropping or adding anchors.
          const p = (before ? '' : '^') + v.pattern + (after ? '' : '$');
          return { ...v, pattern: p };
        }
        return wrapAny(v as Extract<SigmaValue, { kind: 'string' }>, before, after);
      }),
  };
}

export const contains = position('contains', true, true);
export const startswith = position('startswith', false, true);
export const endswith = position('endswith', true, false);
