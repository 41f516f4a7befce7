import { describe, expect, it } from 'vitest';
import { addAlerts, addFinding, changeStatus, createIncident, removeAlerts, setOwner, setSeverity, updateFinding, writePostmortem, STATUS_CHANGES, type IncidentRecord } from '../../src/incidents/index.ts';

const T0 = Date.UTC(2026, 11, 1, 9, 0);
const min = (n: number) => T0 + n * 60_000;

function open(alerts = [{ id: 'a1', severity: 'medium' as const, title: 'SSH brute force' }]): IncidentRecord {
  return createIncident({ title: 'Web-1 compromise?', alerts }, { tenantId: 't', id: 'i1', now: T0, actor: 'alice' }).incident;
}

describe('incident lifecycle', () => {
  it('opens with its alerts, the highest alert severity, and a timeline of what happened', () => {
    const out = createIncident({ title: 'x', owner: 'bob', alerts: [{ id: 'a1', severity: 'low' }, { id: 'a2', severity: 'high' }, { id: 'a1', severity: 'low' }] }, { tenantId: 't', id: 'i1', now: T0, actor: 'alice' });
    expect(out.incident).toMatchObject({ status: 'open', severity: 'high', severityOverride: null, owner: 'bob', alertIds: ['a1', 'a2'], createdBy: 'alice', lastAlertAt: new Date(T0).toISOString() });
    expect(out.entries.map((e) => [e.action, e.actor])).toEqual([['created', 'alice'], ['alert_added', 'alice'], ['alert_added', 'alice'], ['owner', 'alice']]);
    expect(createIncident({ title: 'empty' }, { tenantId: 't', id: 'i2', now: T0, actor: 'a' }).incident.severity).toBe('medium');
  });

  it('moves open -> investigating -> contained -> resolved, records milestones, and reopens', () => {
    let i = open();
    i = changeStatus(i, 'investigating', 'alice', min(5)).incident;
    i = changeStatus(i, 'contained', 'alice', min(30)).incident;
    const r = changeStatus(i, 'resolved', 'bob', min(90), 'patched');
    expect(r.incident).toMatchObject({ status: 'resolved', investigatingAt: new Date(min(5)).toISOString(), containedAt: new Date(min(30)).toISOString(), resolvedAt: new Date(min(90)).toISOString() });
    expect(r.entries[0]).toMatchObject({ action: 'status', actor: 'bob', text: 'contained -> resolved: patched', data: { from: 'contained', to: 'resolved', note: 'patched' } });
    const again = changeStatus(r.incident, 'open', 'carol', min(120)).incident;
    expect(again).toMatchObject({ status: 'open', resolvedAt: null, containedAt: new Date(min(30)).toISOString() });
  });

  it('refuses moves the lifecycle does not allow, with a 409 naming what may come before', () => {
    const i = open();
    expect(() => changeStatus(i, 'open', 'a', T0)).toThrow(/already open/);
    const resolved = changeStatus(i, 'resolved', 'a', T0).incident;
    expect(() => changeStatus(resolved, 'contained', 'a', T0)).toThrow(expect.objectContaining({ code: 'VIGIL_ERR_CONFLICT', message: expect.stringMatching(/contained follows open or investigating/) }));
    // Containment may fail: back to investigating.
    const contained = changeStatus(i, 'contained', 'a', T0).incident;
    expect(changeStatus(contained, 'investigating', 'a', T0).incident.status).toBe('investigating');
    expect(Object.keys(STATUS_CHANGES)).toEqual(['open', 'investigating', 'contained', 'resolved']);
  });

  it('derives severity from alerts until set by hand, and back', () => {
    let i = open();
    const raised = addAlerts(i, [{ id: 'a2', severity: 'critical' }], 'vigil', min(1));
    expect(raised.incident.severity).toBe('critical');
    expect(raised.entries.map((e) => e.action)).toEqual(['alert_added', 'severity']);
    i = setSeverity(raised.incident, 'low', 'alice', min(2)).incident;
    expect(i).toMatchObject({ severity: 'low', severityOverride: 'low' });
    expect(addAlerts(i, [{ id: 'a3', severity: 'high' }], 'vigil', min(3)).incident.severity).toBe('low');
    i = setSeverity(i, null, 'alice', min(4)).incident;
    expect(i.severity).toBe('critical');
    const dropped = removeAlerts(i, ['a2', 'nope'], 'alice', min(5));
    expect(dropped.incident).toMatchObject({ alertIds: ['a1'], severity: 'medium' });
    expect(dropped.entries.map((e) => e.action)).toEqual(['alert_removed', 'severity']);
  });

  it('an alert already held only refreshes its severity (a fold raised it)', () => {
    const i = open();
    const out = addAlerts(i, [{ id: 'a1', severity: 'high' }], 'vigil', min(1));
    expect(out.incident).toMatchObject({ alertIds: ['a1'], severity: 'high', lastAlertAt: i.lastAlertAt });
    expect(out.entries.map((e) => e.action)).toEqual(['severity']);
  });

  it('owner changes are recorded once; the same owner again changes nothing', () => {
    const i = setOwner(open(), 'bob', 'alice', min(1));
    expect(i.entries[0]).toMatchObject({ action: 'owner', text: 'bob', data: { from: null, to: 'bob' } });
    expect(setOwner(i.incident, 'bob', 'alice', min(2)).entries).toEqual([]);
  });

  it('keeps an evidence ledger: findings with status and attached events', () => {
    let i = addFinding(open(), { title: 'Web shell in /var/www', eventIds: ['e1', 'e2', 'e1'] }, { id: 'f1', actor: 'alice', now: min(1) }).incident;
    expect(i.findings[0]).toMatchObject({ id: 'f1', status: 'open', eventIds: ['e1', 'e2'], createdBy: 'alice' });
    const u = updateFinding(i, 'f1', { status: 'fixed', addEventIds: ['e3'], removeEventIds: ['e1'] }, 'bob', min(2));
    i = u.incident;
    expect(i.findings[0]).toMatchObject({ status: 'fixed', eventIds: ['e2', 'e3'] });
    expect(u.entries[0]!.text).toBe('Web shell in /var/www: open -> fixed, +1 event, -1 event');
    expect(() => updateFinding(i, 'nope', { status: 'ignored' }, 'bob', min(3))).toThrow(expect.objectContaining({ code: 'VIGIL_ERR_NOT_FOUND' }));
  });

  it('writes the postmortem part by part', () => {
    const a = writePostmortem(open(), { summary: 'S', actions: [{ text: 'Rotate keys', owner: 'bob', due: '2026-12-10', done: false }] }, 'alice', min(1)).incident;
    const b = writePostmortem(a, { rootCause: 'R' }, 'bob', min(2));
    expect(b.incident.postmortem).toMatchObject({ summary: 'S', rootCause: 'R', actions: [{ text: 'Rotate keys' }], updatedBy: 'bob' });
    expect(b.entries[0]!.text).toBe('edited rootCause');
  });
});
