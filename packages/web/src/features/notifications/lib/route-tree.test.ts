import { describe, expect, it } from 'vitest';
import type { RouteNode } from '@vigil/contracts';
import { addChild, moveNode, nodeAt, nodePaths, problemLocation, problemsByNode, problemsOf, removeNode, setOption, textToTree, treeToText, updateNode } from './route-tree.ts';
import { silenceFromAlertUrl, silenceQuery } from './silence-query.ts';
import { durationMinutes, minutesDuration } from './duration.ts';

const tree: RouteNode = {
  receivers: ['soc'], group_by: ['rule.id'],
  routes: [
    { match: 'severity:critical', receivers: ['pd'], continue: true },
    { match: 'rule.id:ssh-*', group_by: [], routes: [{ match: 'host.name:db-*', receivers: ['dba'] }] },
  ],
};

describe('route tree helpers', () => {
  it('addresses nodes by the paths the server names', () => {
    expect(nodeAt(tree, 'routes[1].routes[0]')?.match).toBe('host.name:db-*');
    expect(nodePaths(tree)).toEqual(['', 'routes[0]', 'routes[1]', 'routes[1].routes[0]']);
  });

  it('edits without touching the input, keeping options it was not asked to change', () => {
    const next = updateNode(tree, 'routes[1]', (n) => setOption(n, 'repeat_interval', '1h'));
    expect(nodeAt(next, 'routes[1]')).toEqual({ match: 'rule.id:ssh-*', group_by: [], repeat_interval: '1h', routes: [{ match: 'host.name:db-*', receivers: ['dba'] }] });
    expect(nodeAt(tree, 'routes[1]')?.repeat_interval).toBeUndefined();
    // An emptied option is inherited again.
    expect(setOption({ receivers: ['a'] }, 'receivers', [])).toEqual({});
  });

  it('adds, moves and removes routes', () => {
    const added = addChild(tree, 'routes[0]');
    expect(nodeAt(added, 'routes[0].routes[0]')).toEqual({ match: '' });
    const moved = moveNode(tree, 'routes[1]', -1);
    expect(moved.routes!.map((r) => r.match)).toEqual(['rule.id:ssh-*', 'severity:critical']);
    expect(moveNode(tree, 'routes[0]', -1)).toEqual(tree);
    const removed = removeNode(tree, 'routes[1].routes[0]');
    expect(nodeAt(removed, 'routes[1]')).toEqual({ match: 'rule.id:ssh-*', group_by: [] });
  });

  it('sorts the server problems to their node and field', () => {
    expect(problemLocation('routes[2].routes[0].match')).toEqual({ node: 'routes[2].routes[0]', field: 'match' });
    expect(problemLocation('receivers[1]')).toEqual({ node: '', field: 'receivers' });
    expect(problemLocation('routes[0].group_wiat')).toEqual({ node: 'routes[0]', field: 'group_wiat' });
    expect(problemLocation('routes[3]')).toEqual({ node: 'routes[3]', field: '' });
    const byNode = problemsByNode([{ path: 'routes[1].routes[0].match', message: 'bad' }, { path: 'group_wait', message: 'not a duration' }]);
    expect(byNode.get('routes[1].routes[0]')).toEqual([{ field: 'match', message: 'bad' }]);
    expect(byNode.get('')).toEqual([{ field: 'group_wait', message: 'not a duration' }]);
    // A schema error names one field in the message.
    expect(problemsOf({ field: 'routes[0].group_wiat' }, 'routes[0].group_wiat is not a known property.')).toEqual([{ path: 'routes[0].group_wiat', message: 'is not a known property.' }]);
  });

  it('round-trips through JSON and YAML', () => {
    for (const f of ['json', 'yaml'] as const) expect(textToTree(treeToText(tree, f), f)).toEqual(tree);
    expect(() => textToTree('{"receivers": [', 'json')).toThrow(/Not valid JSON/);
    expect(() => textToTree('- a\n- b\n', 'yaml')).toThrow(/must be an object/);
  });
});

describe('silence from an alert', () => {
  it('matches the rule and the labels of the alert', () => {
    const alert = { id: 'A1', title: 'SSH brute force', ruleId: 'ssh-brute-force', group: { 'source.ip': '203.0.113.9', 'user.name': 'root' } };
    expect(silenceQuery(alert)).toBe('rule.id:"ssh-brute-force" AND source.ip:"203.0.113.9" AND user.name:"root"');
    const url = new URL(silenceFromAlertUrl(alert), 'http://x');
    expect(url.pathname).toBe('/silences');
    expect(url.searchParams.get('match')).toBe(silenceQuery(alert));
    expect(url.searchParams.get('new')).toBe('1');
  });
});

describe('minutes', () => {
  it('converts durations to minutes and back', () => {
    expect(durationMinutes('1h30m')).toBe(90);
    expect(durationMinutes('90s')).toBe(1.5);
    expect(durationMinutes('soon')).toBeNull();
    expect(minutesDuration(15)).toBe('15m');
    expect(minutesDuration(1.5)).toBe('90s');
  });
});
