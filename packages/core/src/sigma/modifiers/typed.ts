/**
 * @module sigma/modifiers/typed
 * Modifiers that turn a value into another kind: `cidr`, `lt`/`lte`/`gt`/`gte`, `exists`, `fieldref`,
 * and the item flags `all` and `cased`.
 */
import { plainText, type SigmaValue } from '../sigma-value.ts';
import { eachValue, SigmaModifierError, type SigmaModifier } from './modifier.ts';

function textOf(name: string, v: SigmaValue): string {
  if (v.kind === 'number') return String(v.value);
  const t = v.kind === 'string' ? (v.original ?? plainText(v)) : undefined;
  if (t === undefined) throw new SigmaModifierError(`modifier '${name}' needs a plain value`);
  return t;
}

export const cidr: SigmaModifier = {
  name: 'cidr',
  apply: (values) => eachValue('cidr', values, ['string'], (v) => ({ kind: 'cidr', cidr: textOf('cidr', v) })),
};

function compare(name: string, op: '<' | '<=' | '>' | '>='): SigmaModifier {
  return {
    name,
    apply: (values) =>
      eachValue(name, values, ['number', 'string'], (v) => {
        const n = v.kind === 'number' ? v.value : Number(textOf(name, v));
        if (!Number.isFinite(n)) throw new SigmaModifierError(`modifier '${name}' needs a number, got ${textOf(name, v)}`);
        return { kind: 'compare', op, value: n };
      }),
  };
}

export const lt = compare('lt', '<');
export const lte = compare('lte', '<=');
export const gt = compare('gt', '>');
export const gte = compare('gte', '>=');

export const exists: SigmaModifier = {
  name: 'exists',
  apply: (values) =>
    eachValue('exists', values, ['bool', 'string'], (v) => {
      if (v.kind === 'bool') return { kind: 'exists', value: v.value };
      const t = textOf('exists', v).toLowerCase();
      if (t !== 'true' && t !== 'false') throw new SigmaModifierError(`modifier 'exists' needs true or false`);
      return { kind: 'exists', value: t === 'true' };
    }),
};

export const fieldref: SigmaModifier = {
  name: 'fieldref',
  apply: (values) => eachValue('fieldref', values, ['string'], (v) => ({ kind: 'fieldref', field: textOf('fieldref', v) })),
};

export const all: SigmaModifier = {
  name: 'all',
  apply: (values, item) => {
    item.all = true;
    return values;
  },
};

export const cased: SigmaModifier = {
  name: 'cased',
  apply: (values, item) => {
    item.cased = true;
    return values;
  },
};
