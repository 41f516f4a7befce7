import { describe, expect, it } from 'vitest';
import { addFinding, alertFields, changeStatus, compileIncidentRule, createIncident, decideGrouping, incidentKeyOf, incidentRuleDoc, postmortemMarkdown, ruleTakes, writePostmortem } from '../../src/incidents/index.ts';

const T0 = Date.UTC(2026, 11, 1, 9, 0);

const alert = (over: Partial<Parameters<typeof alertFields>[0]> = {}) => ({ ruleId: 'ssh-brute-force', title: 'SSH brute force', severity: 'high' as const, tags: ['attack.t1110'], group: { 'source.ip': '203.0.113.9' }, ...over });

describe('incident rules', () => {
  it('validates with errors that name the field', () => {
    expect(() => incidentRuleDoc('r', { name: 'x', groupBy: ['host name'], window: '1h' })).toThrow(expect.objectContaining({ code: 'VIGIL_ERR_VALIDATION', details: { field: 'groupBy[0]' } }));
    expect(() => incidentRuleDoc('r', { name: 'x', groupBy: ['host.name'], window: 'soon' })).toThrow(expect.objectContaining({ details: { field: 'window' } }));
    expect(() => incidentRuleDoc('r', { name: 'x', groupBy: ['host.name'], window: '1h', match: 'a:(' })).toThrow(expect.objectContaining({ code: 'VIGIL_ERR_QUERY_SYNTAX', details: expect.objectContaining({ field: 'match' }) }));
    expect(() => incidentRuleDoc('r', { name: 'x', groupBy: ['host.name'], window: '1h', titleTemplate: 'bad {{' })).toThrow(expect.objectContaining({ details: { field: 'titleTemplate' } }));
    expect(incidentRuleDoc('r', { name: ' by host ', groupBy: ['host.name'], window: '2h' })).toMatchObject({ name: 'by host', enabled: true, match: '', severity: null });
  });

  it('keys alerts by the group fields, from the alert group first and then its sample event', () => {
    const rule = compileIncidentRule(incidentRuleDoc('r', { name: 'host', groupBy: ['host.name'], window: '1h' }));
    expect(incidentKeyOf(rule, alertFields(alert()))).toBeNull();
    const f = alertFields(alert(), { 'host.name': 'web-1', 'source.ip': 'ignored' });
    expect(f['source.ip']).toBe('203.0.113.9');
    expect(incidentKeyOf(rule, f)).toBe('{"host.name":"web-1"}');
    const byRule = compileIncidentRule(incidentRuleDoc('r2', { name: 'rule', groupBy: ['rule.id'], window: '1h' }));
    expect(incidentKeyOf(byRule, alertFields(alert()))).toBe('{"rule.id":"ssh-brute-force"}');
  });

  it('takes an alert only when enabled, severe enough and matching', () => {
    const rule = compileIncidentRule(incidentRuleDoc('r', { name: 'crit', groupBy: ['source.ip'], window: '1h', severity: 'critical', match: 'tags:attack.*' }));
    expect(ruleTakes(rule, alertFields(alert()))).toBe(false);
    expect(ruleTakes(rule, alertFields(alert({ severity: 'critical' })))).toBe(true);
    expect(ruleTakes(rule, alertFields(alert({ severity: 'critical', tags: ['other'] })))).toBe(false);
    const off = compileIncidentRule({ ...rule.doc, enabled: false });
    expect(ruleTakes(off, alertFields(alert({ severity: 'critical' })))).toBe(false);
  });

  it('joins the open incident within the window and opens a new one after it', () => {
    const rule = compileIncidentRule(incidentRuleDoc('r', { name: 'Same source', groupBy: ['source.ip'], window: '30m' }));
    const f = alertFields(alert());
    const key = incidentKeyOf(rule, f)!;
    const candidate = { id: 'i1', lastAlertAt: new Date(T0).toISOString(), createdAt: new Date(T0).toISOString() };
    expect(decideGrouping(rule, f, key, candidate, T0 + 30 * 60_000)).toEqual({ action: 'join', incidentId: 'i1' });
    expect(decideGrouping(rule, f, key, candidate, T0 + 30 * 60_000 + 1)).toEqual({ action: 'open', groupKey: key, title: 'Same source: source.ip=203.0.113.9' });
    expect(decideGrouping(rule, f, key, undefined, T0)).toMatchObject({ action: 'open' });
    const titled = compileIncidentRule({ ...rule.doc, titleTemplate: 'Attacks from {{source.ip}} ({{rule.id}})' });
    expect(decideGrouping(titled, f, key, undefined, T0)).toMatchObject({ title: 'Attacks from 203.0.113.9 (ssh-brute-force)' });
  });
});

describe('postmortem Markdown', () => {
  it('renders every section, the incident timeline when none was written, and escapes table cells', () => {
    let i = createIncident({ title: 'Web-1 | compromise', alerts: [{ id: 'a1', severity: 'high' }] }, { tenantId: 't', id: 'i1', now: T0, actor: 'alice' }).incident;
    i = changeStatus(i, 'contained', 'alice', T0 + 45 * 60_000).incident;
    i = changeStatus(i, 'resolved', 'bob', T0 + 3 * 3_600_000 + 12 * 60_000).incident;
    i = addFinding(i, { title: 'Web shell', status: 'fixed', eventIds: ['e1'] }, { id: 'f1', actor: 'alice', now: T0 }).incident;
    const blank = postmortemMarkdown(i, [{ at: new Date(T0).toISOString(), actor: 'alice', action: 'created', text: 'Web-1 | compromise' }]);
    expect(blank).toContain('# Postmortem: Web-1 | compromise');
    expect(blank).toContain('| Resolved | 2026-12-01T12:12:00.000Z (after 3h 12m) |');
    expect(blank).toContain('| Contained | 2026-12-01T09:45:00.000Z (after 45m) |');
    expect(blank).toContain('## Summary\n\n_Not written yet._');
    expect(blank).toContain('| 2026-12-01T09:00:00.000Z | Incident opened: Web-1 \\| compromise (alice) |');
    expect(blank).toContain('| Web shell | fixed | e1 | - |');
    i = writePostmortem(i, { summary: 'A web shell.', rootCause: 'Old plugin', contributingFactors: ['No WAF'], timeline: [{ at: '09:00', text: 'Alert' }], actions: [{ text: 'Patch', owner: 'bob', due: '2026-12-10', done: true }, { text: 'Add WAF', owner: null, due: null, done: false }] }, 'bob', T0).incident;
    const md = postmortemMarkdown(i, []);
    expect(md).toContain('## Summary\n\nA web shell.');
    expect(md).toContain('## Root cause\n\nOld plugin');
    expect(md).toContain('- No WAF');
    expect(md).toContain('| 09:00 | Alert |');
    expect(md).toContain('- [x] Patch — owner: bob, due 2026-12-10');
    expect(md).toContain('- [ ] Add WAF — owner: unassigned');
  });
});
