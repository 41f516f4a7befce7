import { describe, expect, it } from 'vitest';
import { BUILTIN_MODIFIERS, type ItemState } from '../../src/sigma/index.ts';
import { sigmaString, type SigmaValue } from '../../src/sigma/sigma-value.ts';

function run(mods: string[], raw: (string | number | boolean)[]): { values: SigmaValue[]; item: ItemState } {
  const item: ItemState = { field: 'f', all: false, cased: false, placeholders: { admins: ['alice', 'bob'] } };
  let values: SigmaValue[] = raw.map((r) =>
    typeof r === 'string' ? sigmaString(r) : typeof r === 'number' ? { kind: 'number', value: r } : { kind: 'bool', value: r },
  );
  for (const m of mods) values = BUILTIN_MODIFIERS[m]!.apply(values, item);
  return { values, item };
}

function texts(values: SigmaValue[]): string[] {
  return values.map((v) => (v.kind === 'string' ? v.parts.map((p) => (typeof p === 'string' ? p : p.wildcard)).join('') : JSON.stringify(v)));
}

describe('Sigma modifiers', () => {
  it('contains, startswith and endswith add wildcards once', () => {
    expect(texts(run(['contains'], ['abc']).values)).toEqual(['*abc*']);
    expect(texts(run(['contains'], ['*abc']).values)).toEqual(['*abc*']);
    expect(texts(run(['startswith'], ['abc']).values)).toEqual(['abc*']);
    expect(texts(run(['endswith'], ['\\cmd.exe']).values)).toEqual(['*\\cmd.exe']);
  });

  it('numbers are strings to string modifiers', () => {
    expect(texts(run(['contains'], [4]).values)).toEqual(['*4*']);
  });

  it('escaped wildcards stay literal', () => {
    const v = sigmaString('a\\*b\\?c\\\\d*');
    expect(v.parts).toEqual(['a*b?c\\d', { wildcard: '*' }]);
  });

  it('all and cased set flags', () => {
    const r = run(['contains', 'all', 'cased'], ['a', 'b']);
    expect(r.item.all).toBe(true);
    expect(r.item.cased).toBe(true);
    expect(texts(r.values)).toEqual(['*a*', '*b*']);
  });

  it('base64 encodes the plain value', () => {
    expect(texts(run(['base64'], ['/bin/bash']).values)).toEqual(['L2Jpbi9iYXNo']);
  });

  it('base64offset yields the three offsets of the Sigma specification', () => {
    // The values the Sigma specification lists for `/bin/bash` and `http://`.
    expect(texts(run(['base64offset'], ['/bin/bash']).values)).toEqual(['L2Jpbi9iYXNo', '9iaW4vYmFza', 'vYmluL2Jhc2']);
    expect(texts(run(['base64offset', 'contains'], ['http://']).values)).toEqual(['*aHR0cDovL*', '*h0dHA6Ly*', '*odHRwOi8v*']);
  });

  it('utf16le / wide / utf16be encode before base64', () => {
    expect(texts(run(['wide', 'base64'], ['ab']).values)).toEqual(['YQBiAA==']);
    expect(texts(run(['utf16le', 'base64'], ['ab']).values)).toEqual(['YQBiAA==']);
    expect(texts(run(['utf16be', 'base64'], ['ab']).values)).toEqual(['AGEAYg==']);
  });

  it('windash expands every switch dash', () => {
    expect(texts(run(['windash'], [' -enc ']).values)).toEqual([' -enc ', ' /enc ', ' \u2013enc ', ' \u2014enc ', ' \u2015enc ']);
    expect(run(['windash'], ['-a -b']).values).toHaveLength(25);
    expect(texts(run(['windash'], ['a-b']).values)).toEqual(['a-b']);
  });

  it('re keeps the text as written and takes flags', () => {
    const [v] = run(['re', 'i', 'm', 's'], ['a.*b?']).values;
    expect(v).toEqual({ kind: 'regex', pattern: 'a.*b?', flags: 'ims' });
  });

  it('cidr, comparisons, exists and fieldref make typed values', () => {
    expect(run(['cidr'], ['10.0.0.0/8']).values).toEqual([{ kind: 'cidr', cidr: '10.0.0.0/8' }]);
    expect(run(['gte'], [5]).values).toEqual([{ kind: 'compare', op: '>=', value: 5 }]);
    expect(run(['lt'], ['7']).values).toEqual([{ kind: 'compare', op: '<', value: 7 }]);
    expect(run(['exists'], [false]).values).toEqual([{ kind: 'exists', value: false }]);
    expect(run(['fieldref'], ['Other']).values).toEqual([{ kind: 'fieldref', field: 'Other' }]);
  });

  it('expand takes placeholder values from the pipeline', () => {
    expect(texts(run(['expand'], ['%admins%']).values)).toEqual(['alice', 'bob']);
    expect(() => run(['expand'], ['%nobody%'])).toThrow(/no values/);
  });

  it('misuse is refused with a reason', () => {
    expect(() => run(['base64'], ['a*'])).toThrow(/wildcards/);
    expect(() => run(['gt'], ['x'])).toThrow(/number/);
    expect(() => run(['i'], ['x'])).toThrow(/cannot be applied/);
  });
});
