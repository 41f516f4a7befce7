import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import type { Rule, User } from '@vigil/contracts';
import { renderWithProviders } from '../../test/render.tsx';
import { mockApi } from '../../test/mock-api.ts';
import { setCsrfToken } from '../../api/api.ts';
import { CurrentUserContext } from '../auth/index.ts';
import { RulesPage } from './RulesPage.tsx';
import { withKind } from './components/RuleForm.tsx';
import { docToYaml, yamlToDoc } from './lib/rule-yaml.ts';
import { RuleLab, parseJsonEvents } from './components/RuleLab.tsx';

// CodeMirror needs a real layout engine; jsdom gets a plain textarea with the same props (the e2e suite
// drives the real editor in Chromium).
vi.mock('./components/YamlEditor.tsx', () => ({
  YamlEditor: (p: { value: string; onChange: (v: string) => void; label?: string }) => <textarea aria-label={p.label ?? 'Rule YAML'} data-testid="yaml-editor" value={p.value} onChange={(e) => p.onChange(e.currentTarget.value)} />,
}));

const me: User = { id: 'u1', username: 'ana', role: 'admin', tenantId: 't', mustChangePassword: false } as User;
const t = '2026-12-01T10:00:00.000Z';

const rules: Rule[] = [
  { id: 'ssh-brute-force', doc: { id: 'ssh-brute-force', title: 'SSH brute force', severity: 'high', tags: ['attack.credential_access', 'attack.t1110'], query: 'event.dataset:sshd', threshold: { count: 6, window: '1m' } }, enabled: true, builtin: true, version: 0, updatedBy: 'vigil', updatedAt: t, stats: { alerts: 4, open: 1, lastFired: t } },
  { id: 'sigma-x', doc: { id: 'sigma-x', title: 'Sigma thing', severity: 'medium', tags: ['attack.t1059'], source: { format: 'sigma', author: 'Jane' } }, enabled: false, builtin: false, version: 2, updatedBy: 'ana', updatedAt: t, stats: { alerts: 0, open: 0, lastFired: null } },
];

beforeEach(() => setCsrfToken('csrf'));
afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

function renderAt(route: string) {
  return renderWithProviders(
    <CurrentUserContext.Provider value={me}>
      <Routes>
        <Route path="/rules/*" element={<RulesPage />} />
      </Routes>
    </CurrentUserContext.Provider>,
    { route },
  );
}

describe('rule list', () => {
  it('shows kind, severity, ATT&CK tags, hit counts and last firing, and switches a rule', async () => {
    const { calls } = mockApi({ 'GET /rules': () => ({ rules }), 'POST /rules/:id/enable': () => ({ ...rules[1], enabled: true }) });
    const user = userEvent.setup();
    renderAt('/rules');
    const rows = await screen.findAllByTestId('rule-row', {}, { timeout: 10_000 });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('threshold');
    expect(rows[0]).toHaveTextContent('credential_access');
    expect(within(rows[0]!).getByTestId('rule-alerts')).toHaveTextContent('4');
    expect(rows[1]).toHaveTextContent('Sigma');
    expect(rows[1]).toHaveTextContent('never');
    await user.click(within(rows[1]!).getByRole('switch', { name: 'sigma-x enabled' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/rules/sigma-x/enable')).toBe(true));
  });
});

describe('rule editor', () => {
  it('shows validation problems from the server, and creates the rule from YAML', async () => {
    let validations = 0;
    const { calls, fetchMock } = mockApi({
      'POST /rules/validate': () => {
        validations++;
        return validations === 1 ? { ok: false, problems: [{ code: 'VIGIL_ERR_RULE_INVALID', path: 'severity', message: 'severity must be one of info|low|medium|high|critical', line: 3, column: 11 }] } : { ok: true, problems: [] };
      },
      'POST /rules': () => ({ ...rules[1], id: 'my-new-rule', version: 1 }),
      'GET /rules/my-new-rule': () => ({ ...rules[1], id: 'my-new-rule' }),
      'GET /rules/my-new-rule/versions': () => ({ versions: [] }),
    });
    const user = userEvent.setup();
    renderAt('/rules/new');
    await user.click(await screen.findByRole('radio', { name: 'Form' }, { timeout: 10_000 }));
    const problems = await screen.findByTestId('rule-problems', {}, { timeout: 10_000 });
    expect(problems).toHaveTextContent('line 3, column 11 (severity): severity must be one of');
    // The validate request carried the draft as YAML.
    const init = fetchMock.mock.calls.find(([u]) => String(u).includes('/rules/validate'))![1] as RequestInit;
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/yaml');
    expect(String(init.body)).toContain('id: my-new-rule');

    const form = screen.getByTestId('rule-form');
    await user.clear(within(form).getByLabelText(/^Title/));
    await user.type(within(form).getByLabelText(/^Title/), 'Changed title');
    expect(await screen.findByTestId('rule-valid', {}, { timeout: 10_000 })).toBeInTheDocument();
    await user.click(screen.getByTestId('save-rule'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/rules')).toBe(true));
    const save = fetchMock.mock.calls.find(([u, i]) => String(u).endsWith('/api/v1/rules') && (i as RequestInit).method === 'POST')![1] as RequestInit;
    expect(String(save.body)).toContain('title: Changed title');
  });
});

describe('rule YAML and kinds', () => {
  it('switches kind by replacing the block, and round-trips YAML in editor order', () => {
    const doc = { title: 'T', id: 'x', severity: 'low' as const, threshold: { count: 5, window: '10m' }, suppress: { window: '1h' } };
    const seq = withKind(doc, 'sequence');
    expect(seq.threshold).toBeUndefined();
    expect(seq.sequence).toMatchObject({ window: '30m' });
    expect(withKind(doc, 'absence').suppress).toBeUndefined();
    const text = docToYaml(seq);
    expect(text.split('\n')[0]).toBe('id: x');
    const back = yamlToDoc(text);
    expect('doc' in back && back.doc).toEqual({ ...seq });
    expect(yamlToDoc('- a\n- b')).toEqual({ error: expect.stringContaining('not a rule') });
    expect('error' in yamlToDoc('id: [x')).toBe(true);
  });
});

describe('rule test bench', () => {
  it('runs the draft over pasted lines and shows matches, would-be alerts and timing', async () => {
    const ev = (id: string, message: string) => ({ id, '@timestamp': t, 'event.ingested': t, 'event.dataset': 'sshd', 'source.ip': '203.0.113.9', message });
    const { calls } = mockApi({
      'POST /rules/test': () => ({
        events: { total: 2, rejected: [], datasets: { sshd: 2 }, sample: [ev('s1', 'Failed password one'), ev('s2', 'Accepted password two')] },
        rules: [{ id: 'draft', title: 'Draft', kind: 'match', format: 'vigil', ok: true, errors: [], timing: { compileMs: 0.4, evaluateMs: 0.2 }, matched: 1, matchedEventIds: ['s1'], tooLate: 0, missingGroup: 0, signals: 1, alertsTotal: 1,
          alerts: [{ ruleId: 'draft', title: 'Brute force from 203.0.113.9', severity: 'high', groupKey: '["203.0.113.9"]', group: { 'source.ip': '203.0.113.9' }, count: 1, signals: 1, firstSeen: t, lastSeen: t, sampleEventIds: ['s1'] }] }],
        timing: { parseMs: 1.2, totalMs: 2 },
      }),
      'POST /rules/backtest': () => ({ from: t, to: t, rules: [{ id: 'draft', format: 'vigil', ok: true, errors: [], scanned: 40, matched: 3, tooLate: 0, missingGroup: 0, signals: 1, alerts: [], alertsTotal: 0, truncated: false, coveredTo: t, timing: { compileMs: 1, selectMs: 2, evaluateMs: 3 } }], totals: { scanned: 40, matched: 3, signals: 1, alerts: 0 }, timing: { totalMs: 7 } }),
    });
    const user = userEvent.setup();
    renderWithProviders(<RuleLab yaml={'id: draft\ntitle: Draft\nseverity: high\n'} />);
    await user.click(screen.getByTestId('run-test'));
    const result = await screen.findByTestId('rule-test-result', {}, { timeout: 10_000 });
    expect(within(result).getByTestId('test-matched')).toHaveTextContent('1');
    expect(within(result).getByTestId('would-be-alert')).toHaveTextContent('Brute force from 203.0.113.9');
    expect(within(result).getAllByText('Failed password one').length).toBeGreaterThan(0);
    const post = calls.find((c) => c.path === '/rules/test')!;
    expect(post.body).toMatchObject({ rule: 'id: draft\ntitle: Draft\nseverity: high\n', showEvents: 200 });
    expect((post.body as { lines: string[] }).lines).toHaveLength(2);

    await user.click(screen.getByTestId('run-backtest'));
    expect(await screen.findByTestId('backtest-matched', {}, { timeout: 10_000 })).toHaveTextContent('3');
    expect(calls.find((c) => c.path === '/rules/backtest')!.body).toMatchObject({ from: '-24h', to: 'now', maxEvents: 100000 });
  });

  it('reads JSON events as an array, an object or one object per line', () => {
    expect(parseJsonEvents('[{"a":1},{"b":2}]')).toEqual({ events: [{ a: 1 }, { b: 2 }] });
    expect(parseJsonEvents('{"a":1}\n{"b":2}\n')).toEqual({ events: [{ a: 1 }, { b: 2 }] });
    expect(parseJsonEvents('{"a":1}\n[1]')).toEqual({ error: 'Line 2 is not a JSON object.' });
    expect(parseJsonEvents('')).toEqual({ events: [] });
  });
});
