import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ERRORS } from '@vigil/contracts';
import { BUILTIN_RULE_KINDS, compileRule } from '../../src/detection/index.ts';

const BRIEF = `
id: ssh-brute-force            # slug, unique per tenant
title: SSH brute force
severity: high                 # info|low|medium|high|critical
tags: [attack.credential_access, attack.t1110]
query: 'event.dataset:sshd AND event.action:ssh_login AND event.outcome:failure'
threshold: {count: 5, window: 10m, group_by: [source.ip]}
suppress: {window: 30m}        # no repeat alert for the same group while this runs
`;

const errorsOf = (input: unknown) => {
  const r = compileRule(input, BUILTIN_RULE_KINDS);
  return r.ok ? [] : r.errors;
};

describe('compileRule', () => {
  it("compiles the brief's example from YAML, and the same rule from JSON text or an object alike", () => {
    const y = compileRule(BRIEF, BUILTIN_RULE_KINDS);
    expect(y.ok).toBe(true);
    if (!y.ok) return;
    expect(y.rule.kind.name).toBe('threshold');
    expect(y.rule.groupBy).toEqual(['source.ip']);
    expect(y.rule.suppressMs).toBe(30 * 60_000);
    expect(y.rule.tags).toEqual(['attack.credential_access', 'attack.t1110']);
    const obj = { id: 'ssh-brute-force', title: 'SSH brute force', severity: 'high', tags: ['attack.credential_access', 'attack.t1110'], query: 'event.dataset:sshd AND event.action:ssh_login AND event.outcome:failure', threshold: { count: 5, window: '10m', group_by: ['source.ip'] }, suppress: { window: '30m' } };
    const j = compileRule(JSON.stringify(obj), BUILTIN_RULE_KINDS);
    const o = compileRule(obj, BUILTIN_RULE_KINDS);
    expect(j.ok && o.ok && j.rule.fingerprint === y.rule.fingerprint && o.rule.fingerprint === y.rule.fingerprint).toBe(true);
  });

  it('collects every problem with its path and code', () => {
    const errors = errorsOf({ id: 'Bad Id', title: 'x {{', severity: 'huge', query: 'a:(', tags: 'x', threshold: { count: 0, window: '10x', group_by: ['ok', 'bad field'] }, suppress: { window: 5 } });
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['id', 'VIGIL_ERR_RULE_INVALID'],
      ['title', 'VIGIL_ERR_RULE_INVALID'],
      ['severity', 'VIGIL_ERR_RULE_INVALID'],
      ['tags', 'VIGIL_ERR_RULE_INVALID'],
      ['query', 'VIGIL_ERR_QUERY_SYNTAX'],
      ['suppress.window', 'VIGIL_ERR_RULE_INVALID'],
      ['threshold.count', 'VIGIL_ERR_RULE_INVALID'],
      ['threshold.window', 'VIGIL_ERR_RULE_INVALID'],
      ['threshold.group_by.1', 'VIGIL_ERR_RULE_INVALID'],
    ]);
    expect(errors.find((e) => e.path === 'query')!.column).toBeGreaterThanOrEqual(3);
  });

  it('locates YAML syntax errors by line and column', () => {
    const errors = errorsOf('id: a\ntitle: [unclosed\nseverity: high\n');
    expect(errors[0]!.code).toBe('VIGIL_ERR_MALFORMED_BODY');
    expect(errors[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('rejects unknown keys (typos), two kinds in one rule, and suppress where it does not apply', () => {
    expect(errorsOf({ id: 'a', title: 'a', severity: 'low', treshold: { count: 1, window: '1m' } }).map((e) => e.path)).toEqual(['treshold']);
    expect(errorsOf({ id: 'a', title: 'a', severity: 'low', threshold: { count: 1, window: '1m' }, absence: { window: '1m' } }).map((e) => e.path)).toEqual(['absence']);
    expect(errorsOf({ id: 'a', title: 'a', severity: 'low', absence: { window: '1m' }, suppress: { window: '1h' } }).map((e) => e.path)).toEqual(['suppress']);
    expect(errorsOf({ id: 'a', title: 'a', severity: 'low', threshold: { window: '1m' } }).map((e) => e.path)).toEqual(['threshold.count']);
  });

  it('locates problems inside sequence steps and every other kind block', () => {
    const seq = errorsOf({ id: 'a', title: 'a', severity: 'low', sequence: { window: '1m', steps: [{ query: 'x:1' }, { query: 'x:(', count: 0 }] } });
    expect(seq.map((e) => [e.path, e.code])).toEqual([
      ['sequence.steps.1.count', 'VIGIL_ERR_RULE_INVALID'],
      ['sequence.steps.1.query', 'VIGIL_ERR_QUERY_SYNTAX'],
    ]);
    expect(errorsOf({ id: 'a', title: 'a', severity: 'low', metric: { field: 'cpu', op: '=', value: 'x', for: '0s' } }).map((e) => e.path)).toEqual(['metric.op', 'metric.value', 'metric.for']);
    expect(errorsOf({ id: 'a', title: 'a', severity: 'low', new_terms: { fields: [], history: '500d' } }).map((e) => e.path)).toEqual(['new_terms.fields', 'new_terms.history']);
    expect(errorsOf({ id: 'a', title: 'a', severity: 'low', value_count: { field: 'source.ip', count: 2, window: '1m', group_by: ['source.ip'] } }).map((e) => e.path)).toEqual(['value_count.field']);
    expect(errorsOf({ id: 'a', title: 'a', severity: 'low', severity_from: { field: 'x', map: { a: 'huge' } } }).map((e) => e.path)).toEqual(['severity_from.map.a']);
    expect(errorsOf({ id: 'a', title: 'a', severity: 'low', sequence: { window: '1m', steps: [{ query: 'x:1' }] } }).map((e) => e.path)).toEqual(['sequence.steps']);
  });

  it('reads only own keys: __proto__ and constructor are ordinary (and unknown) keys', () => {
    const doc = JSON.parse('{"id":"constructor","title":"t","severity":"low","__proto__":{"threshold":1}}');
    expect(errorsOf(doc).map((e) => e.path)).toEqual(['__proto__']);
    expect(compileRule({ id: 'constructor', title: 't', severity: 'low' }, BUILTIN_RULE_KINDS).ok).toBe(true);
  });

  const value = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom('10m', '0s', '1.5h', '-1m', 'sshd', '{{x}}', 'a:(', '/(/', '>', 'high', 'x:/[/'), fc.array(fc.oneof(fc.string(), fc.integer(), fc.constantFrom('source.ip', 'a:(')), { maxLength: 4 }));
  const block = fc.dictionary(fc.constantFrom('count', 'window', 'group_by', 'field', 'fields', 'history', 'steps', 'query', 'op', 'value', 'for', 'map', '__proto__'), fc.oneof(value, fc.array(fc.dictionary(fc.constantFrom('query', 'count'), value), { maxLength: 3 })), { maxKeys: 6 });
  const ruleLike = fc.dictionary(
    fc.constantFrom('id', 'title', 'description', 'severity', 'tags', 'query', 'enabled', 'allowed_lateness', 'suppress', 'severity_from', 'match', 'threshold', 'value_count', 'sequence', 'absence', 'new_terms', 'metric', 'constructor'),
    fc.oneof(value, block),
    { maxKeys: 10 },
  );

  it('never throws and answers only coded, located problems on any input', () => {
    const codes = new Set(Object.keys(ERRORS));
    fc.assert(
      fc.property(fc.oneof(fc.anything(), ruleLike, fc.string(), ruleLike.map((r) => JSON.stringify(r)), fc.string().map((s) => `id: a\ntitle: ${s}\nseverity: low\nthreshold: {count: 2, window: ${s}}`)), (input) => {
        const r = compileRule(input, BUILTIN_RULE_KINDS);
        if (r.ok) return;
        expect(r.errors.length).toBeGreaterThan(0);
        for (const e of r.errors) {
          expect(codes.has(e.code)).toBe(true);
          expect(typeof e.path).toBe('string');
          expect(e.message).not.toMatch(/unexpected compiler failure/);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
