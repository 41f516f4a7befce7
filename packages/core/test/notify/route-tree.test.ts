import { describe, it, expect } from 'vitest';
import { VigilError } from '@vigil/contracts';
import { alertDoc, compileAlertMatch, compileRouteTree, groupOf, matchRoutes } from '../../src/notify/index.ts';
import { alert } from './fixtures.ts';

const TREE = {
  receivers: ['default'],
  group_wait: '10s',
  routes: [
    { match: 'severity:critical', receivers: ['pager'], continue: true, repeat_interval: '30m' },
    { match: 'rule.id:ssh-*', receivers: ['soc'], group_by: ['source.ip'], routes: [{ match: 'host.name:db-*', receivers: ['dba'] }] },
    { match: 'tags:attack.t1110', receivers: ['never-reached'] },
  ],
};

const paths = (a: ReturnType<typeof alert>) => matchRoutes(compileRouteTree(TREE), alertDoc(a)).map((r) => `${r.path || 'root'}=${r.receivers.join('+')}`);

describe('matchRoutes', () => {
  it('takes the first matching child, the deepest match, and continues past a route with continue', () => {
    expect(paths(alert('a', { severity: 'low', ruleId: 'other', tags: [] }))).toEqual(['root=default']);
    expect(paths(alert('a', { group: { 'source.ip': '203.0.113.9' } }))).toEqual(['routes[1]=soc']);
    expect(paths(alert('a', { group: { 'host.name': 'db-1' } }))).toEqual(['routes[1].routes[0]=dba']);
    expect(paths(alert('a', { severity: 'critical', group: { 'host.name': 'db-1' } }))).toEqual(['routes[0]=pager', 'routes[1].routes[0]=dba']);
    expect(paths(alert('a', { ruleId: 'other' }))).toEqual(['routes[2]=never-reached']);
  });

  it('inherits unset options from the parent', () => {
    const root = compileRouteTree(TREE);
    const [pager, soc] = root.routes;
    expect(pager).toMatchObject({ groupWaitMs: 10_000, groupIntervalMs: 300_000, repeatIntervalMs: 1_800_000, groupBy: ['...'] });
    expect(soc!.routes[0]).toMatchObject({ receivers: ['dba'], groupBy: ['source.ip'], groupWaitMs: 10_000, repeatIntervalMs: 4 * 3_600_000 });
  });

  it('groups by the group_by values, or one group per alert by default', () => {
    const root = compileRouteTree(TREE);
    const soc = root.routes[1]!;
    const a = groupOf(soc, alertDoc(alert('a1', { group: { 'source.ip': '203.0.113.9' } })));
    const b = groupOf(soc, alertDoc(alert('a2', { group: { 'source.ip': '203.0.113.9' } })));
    expect(a.key).toBe(b.key);
    expect(a.labels).toEqual({ 'source.ip': '203.0.113.9' });
    expect(groupOf(root, alertDoc(alert('a1'))).key).not.toBe(groupOf(root, alertDoc(alert('a2'))).key);
  });

  it('matches alert fields with the query language and its aliases', () => {
    const doc = alertDoc(alert('a', { severity: 'high', group: { 'host.name': 'web-1', 'source.ip': '10.1.2.3', 'labels.env': 'prod' } }));
    for (const q of ['severity:>=medium', 'vigil.severity:high', 'rule:ssh-brute-force', 'rule.name:"SSH brute force"', 'tags:attack.t1110', 'host.name:web-*', 'source.ip:10.0.0.0/8', 'labels.env:prod', 'state:open', 'brute', 'NOT severity:critical']) {
      expect(compileAlertMatch(q)(doc), q).toBe(true);
    }
    for (const q of ['severity:critical', 'host.name:db-*', 'source.ip:192.168.0.0/16', 'state:resolved']) expect(compileAlertMatch(q)(doc), q).toBe(false);
  });
});

describe('compileRouteTree validation', () => {
  const problems = (tree: unknown, refs = {}) => {
    try {
      compileRouteTree(tree, refs);
    } catch (err) {
      expect(err).toBeInstanceOf(VigilError);
      expect((err as VigilError).code).toBe('VIGIL_ERR_VALIDATION');
      return (err as VigilError & { details: { problems: { path: string; message: string }[] } }).details.problems.map((p) => `${p.path}: ${p.message}`);
    }
    return [];
  };

  it('names the path of every problem in the tree', () => {
    const out = problems({
      receivers: ['a'],
      group_wiat: '1m',
      routes: [
        { match: 'severity:high' },
        { match: 'x' },
        { match: 'ok:1', routes: [{ match: 'host.name:(' }, { group_interval: 'soon', receivers: ['zzz'] }] },
      ],
    }, { receivers: new Set(['a']) });
    expect(out).toHaveLength(4);
    expect(out[0]).toMatch(/^group_wiat: is not a route option/);
    expect(out[1]).toMatch(/^routes\[2\]\.routes\[0\]\.match: .*column/);
    expect(out[2]).toBe('routes[2].routes[1].receivers[0]: no channel with id "zzz"');
    expect(out[3]).toMatch(/^routes\[2\]\.routes\[1\]\.group_interval: "soon" is not a duration/);
  });

  it('refuses a match on the root, unknown intervals and policies, mixed "..." grouping and deep nesting', () => {
    expect(problems({ match: 'a:b' })).toEqual(['match: the root matches every alert and takes no match; put it on a child route']);
    expect(problems({ mute_time_intervals: ['nights'], escalation_policy: 'p9' }, { timeIntervals: new Set(['weekends']), escalationPolicies: new Set() })).toEqual([
      'mute_time_intervals[0]: no time interval named "nights"',
      'escalation_policy: no escalation policy with id "p9"',
    ]);
    expect(problems({ group_by: ['...', 'host.name'] })[0]).toMatch(/^group_by: "\.\.\."/);
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 7; i++) deep = { routes: [deep] };
    expect(problems(deep)[0]).toMatch(/routes nest at most 6 levels/);
    expect(problems('nope')).toEqual([': must be an object (a route)']);
  });

  it('gives the first problem in the message with a count of the rest', () => {
    try {
      compileRouteTree({ group_wait: 'x', repeat_interval: 'y' });
    } catch (err) {
      expect((err as Error).message).toMatch(/^group_wait: "x" is not .* \(and 1 more problem\)$/);
    }
  });
});
