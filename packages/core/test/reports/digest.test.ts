import { describe, expect, it } from 'vitest';
import { buildDigest, digestFacts, nextRunAt, periodOf } from '../../src/reports/index.ts';
import { maskSecrets, AUDIT_MASK } from '../../src/audit/index.ts';

const T = (s: string) => Date.parse(s);

describe('digest', () => {
  const from = T('2026-12-01T00:00:00Z');
  const to = T('2026-12-02T00:00:00Z');
  const a = (ruleId: string, severity: 'low' | 'high' | 'critical', count: number, firstSeen: string, state = 'open', groupKey = '["203.0.113.9"]') => ({ ruleId, title: `Rule ${ruleId}`, severity, state, count, firstSeen, lastSeen: '2026-12-01T10:00:00Z', groupKey });
  const d = buildDigest({
    tenant: 'Acme',
    cadence: 'daily',
    from,
    to,
    alerts: [a('ssh', 'high', 12, '2026-12-01T09:00:00Z'), a('ssh', 'high', 3, '2026-11-30T09:00:00Z', 'resolved', '["198.51.100.7"]'), a('scan', 'critical', 40, '2026-12-01T01:00:00Z', 'open', '[]')],
    incidents: [
      { id: 'i1', title: 'Old', status: 'investigating', severity: 'high', owner: 'bob', alertIds: ['x'], createdAt: '2026-11-20T00:00:00Z', resolvedAt: null },
      { id: 'i2', title: 'Done', status: 'resolved', severity: 'critical', owner: null, alertIds: [], createdAt: '2026-12-01T02:00:00Z', resolvedAt: '2026-12-01T05:00:00Z' },
      { id: 'i3', title: 'New', status: 'open', severity: 'critical', owner: null, alertIds: ['y', 'z'], createdAt: '2026-12-01T03:00:00Z', resolvedAt: null },
    ],
    topHosts: [{ value: 'web-1', count: 900 }],
    topSourceIps: [],
    events: 1234,
    quotaRejected: 5,
    inputs: [{ name: 'http', received: 10, dropped: 1, failed: 0, parseFailures: 2 }, { name: 'snmp', received: 0, dropped: 0, failed: 0, parseFailures: 0 }],
  });

  it('counts alerts by severity and rule, incidents, sources and ingest', () => {
    expect(d.alerts).toEqual({ total: 3, opened: 2, stillOpen: 2, bySeverity: { info: 0, low: 0, medium: 0, high: 2, critical: 1 }, byRule: [{ ruleId: 'ssh', title: 'Rule ssh', alerts: 2, events: 15 }, { ruleId: 'scan', title: 'Rule scan', alerts: 1, events: 40 }] });
    expect(d.incidents).toMatchObject({ open: 2, opened: 2, resolved: 1 });
    expect(d.incidents.list.map((i) => i.id)).toEqual(['i3', 'i1']);
    expect(d.noisiest.alertGroups).toEqual([{ value: '["203.0.113.9"]', count: 12 }, { value: '["198.51.100.7"]', count: 3 }]);
    expect(d.title).toBe('Vigil daily digest: Acme, 2026-12-01 00:00 to 2026-12-02 00:00 UTC');
  });

  it('renders Markdown with every section and facts for channels', () => {
    expect(d.markdown).toContain('By severity: critical 1, high 2, medium 0, low 0, info 0.');
    expect(d.markdown).toContain('| Rule ssh (ssh) | 2 | 15 |');
    expect(d.markdown).toContain('| New | open | critical | unassigned | 2 |');
    expect(d.markdown).toContain('| web-1 | 900 |');
    expect(d.markdown).toContain('_No events with source.ip._');
    expect(d.markdown).toContain('1234 events stored in this period; 5 refused by the daily quota.');
    expect(d.markdown).toContain('| http | 10 | 1 | 0 | 2 |');
    expect(d.markdown).not.toContain('| snmp |');
    const facts = Object.fromEntries(digestFacts(d).map((f) => [f.label, f.value]));
    expect(facts).toMatchObject({ 'By severity': 'critical 1, high 2', Incidents: '2 open, 2 opened, 1 resolved', 'Noisiest hosts': 'web-1 (900)' });
  });
});

describe('report schedule', () => {
  const daily = { cadence: 'daily' as const, timeOfDay: '08:00', timezone: 'UTC', weekday: 'monday' as const };

  it('next daily run is the next 08:00 in the zone', () => {
    expect(new Date(nextRunAt(daily, T('2026-12-05T07:59:00Z'))).toISOString()).toBe('2026-12-05T08:00:00.000Z');
    expect(new Date(nextRunAt(daily, T('2026-12-05T08:00:00Z'))).toISOString()).toBe('2026-12-06T08:00:00.000Z');
    expect(new Date(nextRunAt({ ...daily, timezone: 'Europe/Berlin' }, T('2026-12-05T07:30:00Z'))).toISOString()).toBe('2026-12-06T07:00:00.000Z');
    // Across the spring DST change in Berlin (29 March 2026): 08:00 local is 06:00 UTC afterwards.
    expect(new Date(nextRunAt({ ...daily, timezone: 'Europe/Berlin' }, T('2026-03-28T08:00:00Z'))).toISOString()).toBe('2026-03-29T06:00:00.000Z');
  });

  it('next weekly run lands on the weekday; the period is the week before', () => {
    // 2026-12-05 is a Saturday.
    expect(new Date(nextRunAt({ ...daily, cadence: 'weekly', weekday: 'monday' }, T('2026-12-05T12:00:00Z'))).toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(new Date(nextRunAt({ ...daily, cadence: 'weekly', weekday: 'saturday', timezone: 'America/New_York' }, T('2026-12-05T12:00:00Z'))).toISOString()).toBe('2026-12-05T13:00:00.000Z');
    expect(periodOf('weekly', T('2026-12-07T08:00:00Z'))).toEqual({ from: T('2026-11-30T08:00:00Z'), to: T('2026-12-07T08:00:00Z') });
  });

  it('refuses unknown zones and malformed times with the field named', () => {
    expect(() => nextRunAt({ ...daily, timezone: 'Mars/Olympus' }, 0)).toThrow(expect.objectContaining({ code: 'VIGIL_ERR_VALIDATION', details: { field: 'timezone' } }));
    expect(() => nextRunAt({ ...daily, timeOfDay: '8am' }, 0)).toThrow(expect.objectContaining({ details: { field: 'timeOfDay' } }));
  });
});

describe('maskSecrets', () => {
  it('masks secret-named keys at any depth, keeps the rest, and never the flags', () => {
    const out = maskSecrets({ name: 'ops', config: { url: 'https://hooks.example/T0/B0/xyz', secret: 's3cr3t-value', nested: [{ apiKey: 'k', token: 't' }], allow_private: false }, password: '', mustChangePassword: true, passwordHash: 'scrypt$...' }, ['url']);
    expect(out).toEqual({ name: 'ops', config: { url: AUDIT_MASK, secret: AUDIT_MASK, nested: [{ apiKey: AUDIT_MASK, token: AUDIT_MASK }], allow_private: false }, password: '', mustChangePassword: true, passwordHash: AUDIT_MASK });
    expect(JSON.stringify(out)).not.toContain('s3cr3t');
  });
});
