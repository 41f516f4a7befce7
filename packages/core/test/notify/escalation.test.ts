import { describe, it, expect } from 'vitest';
import { compileEscalationPolicy, ConfigProblems, nextEscalationStep } from '../../src/notify/index.ts';

const M = 60_000;

describe('nextEscalationStep', () => {
  const p = compileEscalationPolicy({ id: 'p', name: 'p', steps: [{ wait: '0s', receivers: ['a'] }, { wait: '10m', receivers: ['b'] }, { wait: '20m', receivers: ['c'] }], repeat: 2 });

  it('answers each step at the sum of the waits before it, round after round, then null', () => {
    const got = [];
    for (let fired = 0, s = nextEscalationStep(p, 0, 0); s; s = nextEscalationStep(p, 0, ++fired)) got.push(`${s.round}.${s.step}@${s.at / M}m:${s.receivers.join()}`);
    expect(got).toEqual(['0.0@0m:a', '0.1@10m:b', '0.2@30m:c', '1.0@30m:a', '1.1@40m:b', '1.2@60m:c', '2.0@60m:a', '2.1@70m:b', '2.2@90m:c']);
  });

  it('validates waits, receivers and repeat with paths', () => {
    const problems = new ConfigProblems();
    compileEscalationPolicy({ id: 'x', name: 'x', steps: [{ wait: 'soon', receivers: [] }, { wait: '0s', receivers: ['ghost'] }], repeat: 99 }, problems, '', new Set(['a']));
    expect(problems.list.map((x) => `${x.path}: ${x.message}`)).toEqual([
      'steps[0].wait: "soon" is not a duration such as 500ms, 30s, 15m, 12h, 7d or 2w',
      'steps[0].receivers: needs at least one channel id',
      'steps[1].wait: must be at least 1s (only the first step may wait 0s)',
      'steps[1].receivers[0]: no channel with id "ghost"',
      'repeat: must be an integer from 0 to 10',
    ]);
  });
});
