/**
 * The dispatcher with an injected clock: grouping timing, repeats, resolve and acknowledge notices,
 * silences, maintenance windows, inhibition, restart, and escalation — every time checked exactly,
 * nothing waited for.
 */
import { describe, it, expect } from 'vitest';
import { NotifyDispatcher } from '../../src/notify/index.ts';
import { alert, config, Harness, H, M, S, T0, view } from './fixtures.ts';

const at = (h: Harness) => (h.now - T0) / S;

describe('grouping', () => {
  it('waits group_wait for a new group, batches what arrives meanwhile, then sends changes no sooner than group_interval', () => {
    const h = new Harness({ receivers: ['soc'], group_by: ['rule.id'], group_wait: '30s', group_interval: '5m' });
    h.receive(alert('a1'));
    expect(h.d.nextWakeAt()).toBe(T0 + 30 * S);
    h.at(T0 + 10 * S).receive(alert('a2'));
    expect(h.flush()).toEqual([]);
    const first = h.runUntil(T0 + 30 * S);
    expect(view(first)).toEqual(['soc firing a1 [a1:open,a2:open]']);
    expect(first[0]!.counts).toEqual({ firing: 2, acknowledged: 0, resolved: 0 });
    // A third alert a minute later waits for group_interval after the first flush.
    h.at(T0 + 90 * S).receive(alert('a3'));
    expect(h.d.nextWakeAt()).toBe(T0 + 30 * S + 5 * M);
    expect(h.runUntil(T0 + 5 * M)).toEqual([]);
    const second = h.runUntil(T0 + 6 * M);
    expect(at(h)).toBe(360);
    expect(view(second)).toEqual(['soc firing a3 [a1:open,a2:open,a3:open]']);
  });

  it('sends one group per alert by default, and folds of an alert send nothing', () => {
    const h = new Harness({ receivers: ['soc'], group_wait: '0s' });
    h.receive(alert('a1'), alert('a2'));
    expect(view(h.flush())).toEqual(['soc firing a1 [a1:open]', 'soc firing a2 [a2:open]']);
    h.at(T0 + M).receive(alert('a1', { count: 9 }));
    expect(h.runUntil(T0 + 10 * M)).toEqual([]);
  });

  it('leads with the most severe new alert and fans out to every receiver', () => {
    const h = new Harness({ receivers: ['a', 'b'], group_by: [], group_wait: '0s' });
    h.receive(alert('low', { severity: 'low' }), alert('crit', { severity: 'critical' }), alert('med', { severity: 'medium' }));
    expect(view(h.flush())).toEqual(['a firing crit [low:open,crit:open,med:open]', 'b firing crit [low:open,crit:open,med:open]']);
  });
});

describe('repeat and resolve', () => {
  it('repeats open alerts every repeat_interval and stops after they resolve, with one resolve notice', () => {
    const h = new Harness({ receivers: ['soc'], group_wait: '0s', group_interval: '1m', repeat_interval: '1h' });
    h.receive(alert('a1'));
    expect(view(h.flush())).toEqual(['soc firing a1 [a1:open]']);
    expect(h.d.nextWakeAt()).toBe(T0 + H);
    expect(view(h.runUntil(T0 + 2 * H + M))).toEqual(['soc repeat a1 [a1:open]', 'soc repeat a1 [a1:open]']);
    h.at(T0 + 2 * H + 10 * M).receive(alert('a1', { state: 'resolved' }));
    const resolved = h.runUntil(T0 + 3 * H);
    expect(view(resolved)).toEqual(['soc resolved a1 [a1:resolved]']);
    expect(h.sent.at(-1)!.counts).toEqual({ firing: 0, acknowledged: 0, resolved: 1 });
    expect(h.runUntil(T0 + 10 * H)).toEqual([]);
    expect(h.d.stats()).toMatchObject({ alerts: 0, groups: 0, logEntries: 0 });
  });

  it('says nothing about an alert that resolved before it was ever notified', () => {
    const h = new Harness({ receivers: ['soc'], group_wait: '30s' });
    h.receive(alert('a1'));
    h.at(T0 + 10 * S).receive(alert('a1', { state: 'resolved' }));
    expect(h.runUntil(T0 + H)).toEqual([]);
    expect(h.d.stats().alerts).toBe(0);
  });

  it('announces an acknowledgement once and stops repeating acknowledged alerts', () => {
    const h = new Harness({ receivers: ['soc'], group_wait: '0s', group_interval: '1m', repeat_interval: '10m' });
    h.receive(alert('a1'));
    h.flush();
    h.at(T0 + 2 * M).receive(alert('a1', { state: 'acknowledged' }));
    expect(view(h.runUntil(T0 + 5 * M))).toEqual(['soc acknowledged a1 [a1:acknowledged]']);
    expect(h.runUntil(T0 + 5 * H)).toEqual([]);
    h.receive(alert('a1', { state: 'resolved' }));
    expect(view(h.runUntil(T0 + 6 * H))).toEqual(['soc resolved a1 [a1:resolved]']);
  });

  it('names the still open alerts in a resolve notice of a larger group', () => {
    const h = new Harness({ receivers: ['soc'], group_by: ['host.name'], group_wait: '0s', group_interval: '1m' });
    h.receive(alert('a1', { group: { 'host.name': 'web-1' } }), alert('a2', { group: { 'host.name': 'web-1' } }));
    h.flush();
    h.at(T0 + 10 * S).receive(alert('a2', { state: 'resolved', group: { 'host.name': 'web-1' } }));
    const n = h.runUntil(T0 + 2 * M);
    expect(view(n)).toEqual(['soc resolved a2 [a1:open,a2:resolved]']);
    expect(n[0]!.groupLabels).toEqual({ 'host.name': 'web-1' });
  });
});

describe('silences', () => {
  it('mutes matching alerts while active and sends them once the silence ends', () => {
    const h = new Harness({ receivers: ['soc'], group_wait: '0s', group_interval: '1m' }, {
      silences: [{ id: 's1', match: 'host.name:web-1', startsAt: T0 - M, endsAt: T0 + 10 * M }],
    });
    h.receive(alert('quiet', { group: { 'host.name': 'web-1' } }), alert('loud', { group: { 'host.name': 'web-2' } }));
    expect(view(h.flush())).toEqual(['soc firing loud [loud:open]']);
    expect(h.runUntil(T0 + 9 * M)).toEqual([]);
    const after = h.runUntil(T0 + 11 * M);
    expect(view(after)).toEqual(['soc firing quiet [quiet:open]']);
    expect(h.now).toBeGreaterThanOrEqual(T0 + 10 * M);
  });

  it('mutes a resolve notice too, and a pending silence does nothing yet', () => {
    const h = new Harness({ receivers: ['soc'], group_wait: '0s', group_interval: '1m' }, {
      silences: [{ id: 's1', match: 'rule:ssh-brute-force', startsAt: T0 + 5 * M, endsAt: T0 + H }],
    });
    h.receive(alert('a1'));
    expect(view(h.flush())).toEqual(['soc firing a1 [a1:open]']);
    h.at(T0 + 6 * M).receive(alert('a1', { state: 'resolved' }));
    expect(h.runUntil(T0 + 2 * H)).toEqual([]);
  });
});

describe('maintenance windows and office hours (time intervals)', () => {
  const nights = { name: 'nights', location: 'Europe/Berlin', times: [{ start_time: '22:00', end_time: '06:00' }] };
  const office = { name: 'office', location: 'UTC', times: [{ weekdays: ['monday' as const, 'tuesday' as const, 'wednesday' as const, 'thursday' as const, 'friday' as const], start_time: '09:00', end_time: '17:00' }] };

  it('holds a route back inside a mute interval (22:00-06:00 Berlin) and sends when it ends', () => {
    const h = new Harness({ receivers: ['soc'], group_wait: '0s', group_interval: '10m', mute_time_intervals: ['nights'] }, { timeIntervals: [nights] });
    // 22:30 UTC on Monday = 23:30 in Berlin (CET): inside the window.
    h.at(Date.UTC(2026, 0, 5, 22, 30)).receive(alert('a1'));
    expect(h.flush()).toEqual([]);
    expect(h.runUntil(Date.UTC(2026, 0, 6, 4, 59))).toEqual([]);
    // 05:00 UTC = 06:00 Berlin: the window is over.
    const sent = h.runUntil(Date.UTC(2026, 0, 6, 5, 15));
    expect(view(sent)).toEqual(['soc firing a1 [a1:open]']);
    expect(h.sent).toHaveLength(1);
  });

  it('sends only inside active intervals, and lets other routes send meanwhile', () => {
    const h = new Harness({ receivers: ['soc'], group_wait: '0s', group_interval: '30m', repeat_interval: '7d', routes: [{ match: 'severity:low', receivers: ['tickets'], active_time_intervals: ['office'] }] }, { timeIntervals: [office] });
    h.at(Date.UTC(2026, 0, 10, 12)).receive(alert('weekend-low', { severity: 'low' }), alert('weekend-high'));
    expect(view(h.flush())).toEqual(['soc firing weekend-high [weekend-high:open]']);
    // Monday 09:00 UTC is the first active moment.
    const monday = h.runUntil(Date.UTC(2026, 0, 12, 9, 30));
    expect(view(monday)).toEqual(['tickets firing weekend-low [weekend-low:open]']);
  });
});

describe('inhibition', () => {
  const rules = { inhibitRules: [{ id: 'host-down', name: 'host down mutes its warnings', source_match: 'rule:host-down', target_match: 'severity:<=high', equal: ['host.name'] }] };

  it('mutes the warnings of a host that is down, not those of other hosts, and lets them through once it is back', () => {
    const h = new Harness({ receivers: ['soc'], group_wait: '0s', group_interval: '1m' }, rules);
    const down = alert('down', { ruleId: 'host-down', ruleTitle: 'Host down', severity: 'critical', group: { 'host.name': 'web-1' } });
    h.receive(down, alert('w1', { severity: 'medium', group: { 'host.name': 'web-1' } }), alert('w2', { severity: 'medium', group: { 'host.name': 'web-2' } }));
    expect(view(h.flush())).toEqual(['soc firing down [down:open]', 'soc firing w2 [w2:open]']);
    expect(h.runUntil(T0 + 10 * M)).toEqual([]);
    h.receive({ ...down, state: 'resolved' });
    const back = h.runUntil(T0 + 12 * M);
    expect(view(back).sort()).toEqual(['soc firing w1 [w1:open]', 'soc resolved down [down:resolved]']);
  });

  it('never lets an alert inhibit itself', () => {
    const h = new Harness({ receivers: ['soc'], group_wait: '0s' }, { inhibitRules: [{ id: 'r', name: 'r', source_match: 'severity:high', target_match: 'severity:high', equal: [] }] });
    h.receive(alert('only'));
    expect(view(h.flush())).toEqual(['soc firing only [only:open]']);
  });
});

describe('restart', () => {
  it('restored log entries keep open alerts from being sent again, and repeats keep their rhythm', () => {
    const tree = { receivers: ['soc'], group_wait: '30s', repeat_interval: '1h' };
    const h = new Harness(tree);
    h.receive(alert('a1'));
    h.runUntil(T0 + M);
    const log = h.changes.log;
    expect(h.sent).toHaveLength(1);
    // A new process: the persisted log is restored, then the open alert is received again.
    const d2 = new NotifyDispatcher('t1', config(tree));
    d2.restore(log, []);
    d2.receive(alert('a1'), T0 + 20 * M);
    expect(d2.flush(T0 + 21 * M).notifications).toEqual([]);
    expect(d2.nextWakeAt()).toBe(T0 + 30 * S + H);
    expect(d2.flush(T0 + 30 * S + H).notifications.map((n) => n.kind)).toEqual(['repeat']);
  });

  it('drops log entries of groups that no longer exist', () => {
    const d = new NotifyDispatcher('t1', config({ receivers: ['soc'] }));
    d.restore([{ groupKey: 'root:{"vigil.alert.id":"gone"}', receiver: 'soc', entry: { firing: ['gone'], acked: [], resolved: [], at: T0 } }], []);
    d.pruneLog();
    expect(d.takeChanges().logDeleted).toEqual([{ groupKey: 'root:{"vigil.alert.id":"gone"}', receiver: 'soc' }]);
  });
});

describe('escalation', () => {
  const policy = { id: 'p1', name: 'on-call', steps: [{ wait: '5m', receivers: ['oncall'] }, { wait: '10m', receivers: ['manager', 'oncall'] }], repeat: 1 };
  const tree = { receivers: ['soc'], group_wait: '0s', repeat_interval: '24h', escalation_policy: 'p1' };

  it('climbs the steps of an unacknowledged alert at their times, repeats the climb, then stops', () => {
    const h = new Harness(tree, { escalationPolicies: [policy] });
    h.receive(alert('a1'));
    expect(view(h.flush())).toEqual(['soc firing a1 [a1:open]']);
    const times: string[] = [];
    for (let next = h.d.nextWakeAt(); next !== null && next < T0 + 3 * H; next = h.d.nextWakeAt()) {
      h.at(next);
      for (const n of h.flush()) times.push(`${(h.now - T0) / M}m ${n.receiver} step ${n.escalation!.step} round ${n.escalation!.round}`);
    }
    expect(times).toEqual([
      '5m oncall step 0 round 0',
      '15m manager step 1 round 0',
      '15m oncall step 1 round 0',
      '20m oncall step 0 round 1',
      '30m manager step 1 round 1',
      '30m oncall step 1 round 1',
    ]);
  });

  it('stops when the alert is acknowledged', () => {
    const h = new Harness(tree, { escalationPolicies: [policy] });
    h.receive(alert('a1'));
    h.flush();
    h.at(T0 + 6 * M);
    expect(h.flush().map((n) => n.receiver)).toEqual(['oncall']);
    h.at(T0 + 7 * M).receive(alert('a1', { state: 'acknowledged' }));
    const after = h.runUntil(T0 + 5 * H);
    expect(after.map((n) => n.kind)).toEqual(['acknowledged']);
    expect(h.d.stats().escalations).toBe(0);
    expect(h.changes.escalationsDeleted).toEqual([{ alertId: 'a1', policyId: 'p1' }]);
  });

  it('is held back while the alert is silenced and resumes afterwards', () => {
    const h = new Harness(tree, { escalationPolicies: [policy], silences: [{ id: 's', match: 'rule:ssh-brute-force', startsAt: T0 + M, endsAt: T0 + 8 * M }] });
    h.receive(alert('a1'));
    h.flush();
    const sentAt: string[] = [];
    for (let next = h.d.nextWakeAt(); next !== null && next <= T0 + 10 * M; next = h.d.nextWakeAt()) {
      h.at(next);
      for (const n of h.flush()) sentAt.push(`${(h.now - T0) / M}m ${n.receiver} ${n.kind}`);
    }
    // Due at 5m, held while silenced (until 8m), sent at the first look after the silence.
    expect(sentAt).toEqual(['8m oncall escalation']);
    expect(h.changes.escalations.at(-1)).toMatchObject({ fired: 1 });
    expect(h.sent.filter((n) => n.kind === 'escalation')).toHaveLength(1);
  });

  it('resumes from the persisted step after a restart', () => {
    const h = new Harness(tree, { escalationPolicies: [policy] });
    h.receive(alert('a1'));
    h.runUntil(T0 + 6 * M);
    const esc = h.changes.escalations.at(-1)!;
    expect(esc).toMatchObject({ alertId: 'a1', policyId: 'p1', startedAt: T0, fired: 1 });
    const d2 = new NotifyDispatcher('t1', config(tree, { escalationPolicies: [policy] }));
    d2.restore([], [esc]);
    d2.receive(alert('a1'), T0 + 7 * M);
    expect(d2.nextWakeAt()).toBe(T0 + 7 * M);
    d2.flush(T0 + 7 * M + 30 * S);
    expect(d2.nextWakeAt()).toBe(T0 + 15 * M);
  });
});

describe('configuration changes', () => {
  it('re-routes open alerts; unchanged groups do not send again', () => {
    const h = new Harness({ receivers: ['soc'], group_wait: '0s' });
    h.receive(alert('a1'));
    h.flush();
    h.d.setConfig(config({ receivers: ['soc'], group_wait: '0s' }), h.now);
    expect(h.flush()).toEqual([]);
    h.d.setConfig(config({ receivers: ['soc'], group_wait: '0s', routes: [{ match: 'severity:high', receivers: ['pager'] }] }), h.now);
    expect(view(h.flush())).toEqual(['pager firing a1 [a1:open]']);
    h.d.setConfig(config({ receivers: ['soc'], group_wait: '0s' }), h.now + 1);
    expect(view(h.d.flush(h.now + 2).notifications)).toEqual(['soc firing a1 [a1:open]']);
  });
});
