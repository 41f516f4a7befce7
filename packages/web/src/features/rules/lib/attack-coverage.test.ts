import { describe, expect, it } from 'vitest';
import type { Rule } from '@vigil/contracts';
import { NO_TACTIC, attackCoverage, techniqueUrl } from './attack-coverage.ts';

const rule = (id: string, tags: string[]): Rule => ({ id, doc: { id, title: id, severity: 'high', tags }, enabled: true, builtin: false, version: 1, updatedBy: 'a', updatedAt: '2026-01-01T00:00:00.000Z' });

describe('attackCoverage', () => {
  it('puts each technique under every tactic its rule names, in kill-chain order', () => {
    const c = attackCoverage([
      rule('brute', ['attack.credential_access', 'attack.t1110', 'attack.t1110.001']),
      rule('enum', ['attack.discovery', 'attack.t1087', 'attack.credential_access', 'attack.t1110']),
      rule('free', ['linux', 'cve.2021-44228']),
      rule('orphan', ['attack.t1190']),
    ]);
    const cred = c.tactics.find((t) => t.tag === 'credential_access')!;
    expect(cred.techniques).toEqual([{ id: 'T1087', rules: ['enum'] }, { id: 'T1110', rules: ['brute', 'enum'] }, { id: 'T1110.001', rules: ['brute'] }]);
    expect(c.tactics.find((t) => t.tag === 'discovery')!.techniques.map((t) => t.id)).toEqual(['T1087', 'T1110']);
    expect(c.tactics.at(-1)).toMatchObject({ tag: NO_TACTIC, techniques: [{ id: 'T1190', rules: ['orphan'] }] });
    expect(c.tactics.slice(0, 3).map((t) => t.tag)).toEqual(['reconnaissance', 'resource_development', 'initial_access']);
    expect(c.tacticsCovered).toBe(2);
    expect(c.techniques).toBe(4);
    expect(c.untagged).toEqual(['free']);
  });

  it('links techniques and sub-techniques to their ATT&CK pages', () => {
    expect(techniqueUrl('T1110')).toBe('https://attack.mitre.org/techniques/T1110/');
    expect(techniqueUrl('T1110.001')).toBe('https://attack.mitre.org/techniques/T1110/001/');
  });
});
