/**
 * @module sigma/modifiers/expand
 * `expand`: `%name%` placeholders take the values the processing pipeline defines for them
 * (e.g. a list of administrators' workstations); a placeholder without values cannot convert.
 */
import { sigmaString, type SigmaValue } from '../sigma-value.ts';
import { eachValue, SigmaModifierError, type SigmaModifier } from './modifier.ts';

const PLACEHOLDER = /%([A-Za-z0-9_.-]+)%/;

export const expand: SigmaModifier = {
  name: 'expand',
  apply: (values, item) =>
    eachValue('expand', values, ['string'], (v) => {
      const raw = (v as Extract<SigmaValue, { kind: 'string' }>).original ?? '';
      const out: SigmaValue[] = [];
      const walk = (text: string): void => {
        const m = PLACEHOLDER.exec(text);
        if (!m) {
          out.push(sigmaString(text));
          return;
        }
        const name = m[1]!;
        const vals = Object.prototype.hasOwnProperty.call(item.placeholders, name) ? item.placeholders[name] : undefined;
        if (!vals || vals.length === 0) throw new SigmaModifierError(`placeholder %${name}% has no values in the processing pipeline`);
        for (const val of vals) {
          walk(text.slice(0, m.index) + val + text.slice(m.index + m[0].length));
          if (out.length > 1000) throw new SigmaModifierError('placeholder expansion exceeds 1000 values');
        }
      };
      walk(raw);
      return out;
    }),
};
