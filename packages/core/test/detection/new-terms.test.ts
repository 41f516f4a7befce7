import { describe, expect, it } from 'vitest';
import { createEngineState, createRuleSet, evaluate, seedGroups } from '../../src/detection/index.ts';
import { T0, ev, rule } from './fixtures.ts';
import { at, drive } from './kinds.ts';

const nt = rule({ id: 'new-admin-source', title: 'new source {{source.ip}} for {{user.name}} on {{host.name}}', severity: 'medium', allowed_lateness: '1m', query: 'event.outcome:success', new_terms: { fields: ['user.name', 'source.ip'], history: '1h' } });
const login = (id: string, sec: number, user = 'alice', ip = '10.0.0.1') => ev(id, sec, { 'event.outcome': 'success', 'user.name': user, 'source.ip': ip, 'host.name': 'bastion' });

describe('new_terms', () => {
  it('fires for a combination not seen in the history, once the lateness has passed', () => {
    const early = drive([nt], [[[login('a', 0), login('b', 10), login('c', 20, 'alice', '10.0.0.2')]]]);
    expect(early.signals).toEqual([]);
    const { signals } = drive([nt], [[[login('a', 0), login('b', 10), login('c', 20, 'alice', '10.0.0.2')]], [[], 120]]);
    expect(signals.map((s) => [s.title, s.windowStart])).toEqual([
      ['new source 10.0.0.1 for alice on bastion', at(0)],
      ['new source 10.0.0.2 for alice on bastion', at(20)],
    ]);
  });

  it('an earlier occurrence arriving late still wins: the signal is for the first in event time', () => {
    const { signals } = drive([nt], [[[login('b', 30)]], [[login('a', 5)]], [[], 200]], { restart: true });
    expect(signals.map((s) => s.sampleEventIds)).toEqual([['a']]);
  });

  it('a term unseen for longer than the history is new again', () => {
    const { signals } = drive([nt], [[[login('a', 0), login('b', 1800), login('c', 1800 + 3601)]], [[], 9000]]);
    expect(signals.map((s) => s.sampleEventIds)).toEqual([['a'], ['c']]);
  });

  it('learns from a seed (what the store saw before the start) and forgets it after the history', () => {
    const set = createRuleSet([nt]);
    const state = createEngineState();
    seedGroups(set, state, 'new-admin-source', [{ values: ['alice', '10.0.0.1'], lastSeen: T0 }]);
    const first = evaluate(set, state, [login('a', 600), login('b', 600, 'bob')], T0 + 600_000);
    const r = evaluate(set, first.state, [], T0 + 700_000);
    expect(r.signals.map((s) => s.group)).toEqual([{ 'user.name': 'bob', 'source.ip': '10.0.0.1' }]);
    // The seed is forgotten an hour after it was last seen (and the term seen at 600 s an hour after that).
    const later = evaluate(set, r.state, [], T0 + 3_700_000);
    expect([...later.state.rules.get('new-admin-source')!.groups.keys()]).toEqual(['["alice","10.0.0.1"]', '["bob","10.0.0.1"]']);
    const forgotten = evaluate(set, later.state, [], T0 + 4_300_000);
    expect(forgotten.state.rules.get('new-admin-source')!.groups.size).toBe(0);
  });
});
