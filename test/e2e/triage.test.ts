/**
 * Triage end to end, in headless Chromium against a real server: log in, ingest a brute force through
 * the API, the built-in rule fires and its toast and alert appear within 2 s, open it, acknowledge it;
 * ack and resolve from a phone-sized screen; add a webhook channel and test-send it to a local
 * receiver (the delivery log shows the attempt); write a rule in the editor (validated as you type),
 * see it fire, test it on JSON events and backtest it over the stored history; underscores drawn in the query bar;
 * silence an alert from its page and see the silence listed; edit the routing tree in the visual editor
 * (a broken query shown at its route) and save it; and every page at 1440 and 390 px wide, light
 * and dark, without horizontal overflow — with no console errors anywhere.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserSkipReason, bruteForce, checkPages, ingest, launchBrowser, signedInPage, startServer, type ProblemLog, type RunningServer } from './harness.ts';

const skip = browserSkipReason();
if (skip) console.warn(skip);

const ADMIN_PASSWORD = 'e2e-triage-password-123';

/** A local HTTP receiver that records what it is sent. */
async function receiver(): Promise<{ url: string; hits: { headers: IncomingMessage['headers']; body: string }[]; close: () => Promise<void> }> {
  const hits: { headers: IncomingMessage['headers']; body: string }[] = [];
  const srv: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      hits.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  const port = await new Promise<number>((r) => srv.listen(0, '127.0.0.1', () => r((srv.address() as AddressInfo).port)));
  return { url: `http://127.0.0.1:${port}/hook`, hits, close: () => new Promise((r) => srv.close(() => r())) };
}

describe.skipIf(!!skip)('triage (e2e, chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let log: ProblemLog;
  let hook: Awaited<ReturnType<typeof receiver>>;
  const token = Date.now().toString(36);
  let alertId = '';
  let ruleId = '';
  let channelId = '';

  beforeAll(async () => {
    server = await startServer({ adminPassword: ADMIN_PASSWORD });
    hook = await receiver();
    browser = await launchBrowser();
    ({ context, page, log } = await signedInPage(browser, server, ADMIN_PASSWORD));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await hook?.close();
    await server?.stop();
  });

  it('shows the toast and the alert within 2 s of a brute force arriving', async () => {
    await page.getByRole('link', { name: 'Alerts', exact: true }).click();
    await page.getByRole('heading', { name: 'Alerts' }).waitFor();
    await page.getByTestId('no-alerts').waitFor();
    // The shell's alert stream is open once the bell has its first count.
    await page.getByTestId('alert-badge').waitFor();
    await page.waitForTimeout(300);

    await ingest(server, bruteForce('203.0.113.77'));
    const started = Date.now();
    const title = 'SSH brute force from 203.0.113.77';
    const toast = page.getByTestId('alert-toast').filter({ hasText: title });
    const row = page.getByTestId('alert-row').filter({ hasText: title });
    await Promise.all([toast.waitFor({ timeout: 2000 }), row.waitFor({ timeout: 2000 })]);
    expect(Date.now() - started).toBeLessThan(2000);
    alertId = (await row.getAttribute('data-alert-id'))!;
    expect(alertId).toMatch(/\S/);
    await page.getByTestId('alert-badge').and(page.locator('[data-count="1"]')).waitFor();
  });

  it('opens the alert: rule, matching events, history; acknowledges it', async () => {
    await page.getByTestId('alert-row').filter({ hasText: 'SSH brute force from 203.0.113.77' }).click();
    await page.waitForURL((u) => u.pathname === `/alerts/${alertId}`);
    await page.getByTestId('alert-title').filter({ hasText: 'SSH brute force from 203.0.113.77' }).waitFor();
    // The rule id shows as the link text until the rule (its title) has loaded, and below it.
    await page.getByTestId('alert-rule').getByText('ssh-brute-force', { exact: true }).last().waitFor();
    await page.getByTestId('alert-events').getByTestId('result-row').first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('alert-events').getByTestId('result-row').count()).toBeGreaterThanOrEqual(6);
    await page.getByTestId('alert-facts').getByText('203.0.113.77').waitFor();
    await page.getByTestId('alert-history').locator('[data-action="opened"]').waitFor();

    await page.getByTestId('alert-actions').getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await page.getByTestId('alert-history').locator('[data-action="acknowledged"]').waitFor({ timeout: 5000 });
    await page.locator('[data-testid="alert-state"][data-state="acknowledged"]').first().waitFor();
    const api = await (await page.request.get(`${server.url}/api/v1/alerts/${alertId}`)).json() as { alert: { state: string } };
    expect(api.alert.state).toBe('acknowledged');

    // "Open as search" carries the rule's query and the alert's source address.
    await page.getByTestId('open-as-search').click();
    await page.waitForURL((u) => u.pathname === '/search' && (u.searchParams.get('q') ?? '').includes('source.ip:"203.0.113.77"'));
    await page.getByTestId('result-row').first().waitFor({ timeout: 10_000 });
  });

  it('acknowledges and resolves from a phone-sized screen', async () => {
    await ingest(server, bruteForce('198.51.100.78'));
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.url}/alerts`);
    const card = phone.getByTestId('alert-row').filter({ hasText: 'SSH brute force from 198.51.100.78' });
    await card.waitFor({ timeout: 20_000 });
    await card.getByRole('button', { name: /^Acknowledge/ }).click();
    await card.getByTestId('alert-state').and(phone.locator('[data-state="acknowledged"]')).waitFor({ timeout: 5000 });
    await card.getByRole('button', { name: /^Resolve/ }).click();
    // Resolved alerts leave the default list (open and acknowledged).
    await card.waitFor({ state: 'detached', timeout: 5000 });
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await phone.close();
  });

  it('adds a webhook channel and test-sends it to a local receiver', async () => {
    await page.goto(`${server.url}/channels`);
    await page.getByRole('button', { name: 'Add channel' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add channel' });
    await dialog.getByLabel(/^Name/).fill(`e2e hook ${token}`);
    await dialog.getByLabel(/^URL/).fill(hook.url);
    await dialog.getByLabel(/^Signing secret/).fill('e2e-signing-secret');
    await dialog.getByLabel('Allow private addresses').check({ force: true });
    await dialog.getByRole('button', { name: 'Add channel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const card = page.getByTestId('channel-card').filter({ hasText: `e2e hook ${token}` });
    await card.waitFor();
    channelId = (await card.getAttribute('data-channel-id'))!;

    await card.getByRole('button', { name: /Send a test/ }).click();
    await page.locator('[data-testid="test-result"][data-ok="true"]').waitFor({ timeout: 10_000 });
    expect(hook.hits).toHaveLength(1);
    expect(hook.hits[0]!.headers['x-vigil-signature']).toBeTruthy();
    expect(JSON.parse(hook.hits[0]!.body)).toMatchObject({ kind: 'alert' });

    await card.click();
    await page.waitForURL((u) => u.pathname === `/channels/${channelId}`);
    // The secret URL is never shown again.
    expect(await page.getByTestId('channel-config').innerText()).not.toContain(hook.url);
    const delivery = page.locator('[data-testid="delivery"][data-status="delivered"]');
    await delivery.waitFor();
    await delivery.click();
    await page.getByTestId('delivery-attempt').first().waitFor();
    expect(await page.getByTestId('delivery-attempt').count()).toBe(1);
  });

  it('writes a rule in the editor, validated as it is typed, and sees it fire', async () => {
    ruleId = `e2e-rule-${token}`;
    await page.goto(`${server.url}/rules`);
    await page.getByRole('link', { name: 'New rule' }).click();
    await page.waitForURL((u) => u.pathname === '/rules/new');
    await page.getByTestId('yaml-editor').waitFor();
    await page.getByText('Form', { exact: true }).click();
    const form = page.getByTestId('rule-form');
    await form.getByLabel(/^Id/).fill(ruleId);
    await form.getByLabel(/^Title/).fill(`E2E custom rule ${token}`);
    await form.getByLabel(/^Query/).fill('event.dataset:(e2e');
    await page.getByTestId('rule-problem').filter({ hasText: 'query' }).waitFor({ timeout: 5000 });
    await form.getByLabel(/^Query/).fill(`event.dataset:e2e.custom AND "${token}"`);
    await form.getByRole('combobox', { name: /^Kind/ }).click();
    await page.getByRole('option', { name: /^Match/ }).click();
    await form.getByRole('combobox', { name: /^Severity/ }).click();
    await page.getByRole('option', { name: 'critical' }).click();
    await page.getByTestId('rule-valid').waitFor({ timeout: 5000 });
    await page.getByTestId('save-rule').click();
    await page.waitForURL((u) => u.pathname === `/rules/${ruleId}`);

    // The detector reloads rules within a second.
    await page.waitForTimeout(1200);
    await ingest(server, [{ message: `custom trigger ${token}`, 'event.dataset': 'e2e.custom', 'host.name': 'e2e-host' }]);
    const toast = page.getByTestId('alert-toast').filter({ hasText: `E2E custom rule ${token}` });
    await toast.waitFor({ timeout: 5000 });
    // The toast opens its alert.
    await toast.click();
    await page.waitForURL((u) => u.pathname.startsWith('/alerts/'));
    await page.getByTestId('alert-title').filter({ hasText: `E2E custom rule ${token}` }).waitFor();

    // The test bench runs the rule over JSON events; the backtest finds the stored event that fired it.
    await page.goto(`${server.url}/rules/${ruleId}`);
    await page.getByRole('tab', { name: 'Test and backtest' }).click();
    await page.getByText('JSON events', { exact: true }).click();
    await page.getByRole('textbox', { name: /^JSON events/ }).fill(JSON.stringify([{ message: `custom trigger ${token}`, 'event.dataset': 'e2e.custom' }, { message: 'unrelated', 'event.dataset': 'e2e.custom' }]));
    await page.getByTestId('run-test').click();
    await page.getByTestId('test-matched').filter({ hasText: /^1$/ }).waitFor({ timeout: 10_000 });
    await page.getByTestId('would-be-alert').filter({ hasText: `E2E custom rule ${token}` }).waitFor();
    await page.getByTestId('run-backtest').click();
    await page.getByTestId('backtest-matched').filter({ hasText: /^1$/ }).waitFor({ timeout: 20_000 });

    // The list shows it with its hit count; history has its first version.
    await page.goto(`${server.url}/rules`);
    const row = page.locator(`[data-testid="rule-row"][data-rule-id="${ruleId}"]`);
    await row.waitFor();
    await expect.poll(async () => (await row.getByTestId('rule-alerts').innerText()).trim(), { timeout: 5000 }).toBe('1');
    await row.click();
    await page.getByRole('tab', { name: 'History' }).click();
    await page.locator('[data-testid="rule-version"][data-version="1"]').waitFor();
  });

  it('draws the underscores of a query (labels.bars_ui is not labels.bars ui)', async () => {
    await page.goto(`${server.url}/search?q=${encodeURIComponent('labels.bars_ui:x')}`);
    const input = page.getByRole('combobox', { name: 'Query' });
    await input.waitFor();
    await input.press('End');
    await input.blur();
    const box = (await input.boundingBox())!;
    const clip = { x: box.x + 30, y: box.y, width: 200, height: box.height };
    const withUnderscore = await page.screenshot({ clip });
    await input.fill('labels.bars ui:x');
    await input.blur();
    const withSpace = await page.screenshot({ clip });
    expect(withUnderscore.equals(withSpace)).toBe(false);
  });

  it('silences an alert from its page and sees the silence listed; edits the routing tree in the visual editor and saves it', async () => {
    await page.goto(`${server.url}/alerts/${alertId}`);
    await page.getByTestId('silence-alert').click();
    await page.waitForURL((u) => u.pathname === '/silences' && u.searchParams.get('new') === '1');
    const dialog = page.getByRole('dialog', { name: 'New silence' });
    const match = dialog.getByTestId('silence-match');
    await expect.poll(() => match.inputValue()).toBe('rule.id:"ssh-brute-force" AND source.ip:"203.0.113.77"');
    await dialog.locator('label').filter({ hasText: /^1h$/ }).click();
    await dialog.getByRole('button', { name: 'Create silence' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const silence = page.locator('[data-testid="silence"][data-state="active"]').filter({ hasText: 'source.ip:"203.0.113.77"' });
    await silence.waitFor();
    const listed = await (await page.request.get(`${server.url}/api/v1/silences?state=active`)).json() as { silences: { match: string; comment: string }[] };
    expect(listed.silences).toEqual([expect.objectContaining({ match: 'rule.id:"ssh-brute-force" AND source.ip:"203.0.113.77"', comment: 'Silenced from alert SSH brute force from 203.0.113.77' })]);

    // The routing tree: a child route with a broken query is refused and the problem shows at that route.
    await page.goto(`${server.url}/routing/tree`);
    const root = page.getByRole('region', { name: 'Root route' });
    await root.getByRole('button', { name: 'Add a child route to Root route' }).click();
    const route = page.getByRole('region', { name: 'Route routes[0]' });
    await route.getByTestId('route-match').fill('severity:critical)');
    await log.expectingHttpErrors(400, async () => {
      await page.getByTestId('save-tree').click();
      await route.getByTestId('route-problems').filter({ hasText: 'routes[0].match' }).waitFor({ timeout: 5000 });
    });
    await route.getByTestId('route-match').fill('severity:critical');
    await route.getByRole('combobox', { name: 'Receivers' }).click();
    await page.getByRole('option', { name: `e2e hook ${token}` }).click();
    await route.getByLabel('Repeat interval').fill('30m');
    await page.getByTestId('save-tree').click();
    await page.getByText('Routing tree saved').waitFor({ timeout: 5000 });
    await expect.poll(async () => (await page.request.get(`${server.url}/api/v1/routes`)).json()).toEqual({ routes: [{ match: 'severity:critical', receivers: [channelId], repeat_interval: '30m' }] });
    // Trying the silenced alert on the tree: the silence created from it mutes it.
    const tryPanel = page.getByTestId('route-try');
    await tryPanel.getByText('Alert id', { exact: true }).click();
    await tryPanel.getByRole('textbox', { name: 'Alert id' }).fill(alertId);
    await tryPanel.getByTestId('run-route-test').click();
    await tryPanel.getByTestId('route-test-muted').filter({ hasText: 'silence' }).waitFor({ timeout: 5000 });
    // The raw view shows what was saved, and survives a reload.
    await page.reload();
    await page.getByText('YAML', { exact: true }).click();
    expect(await page.getByTestId('tree-raw').inputValue()).toContain('match: severity:critical');
  });

  it('renders every page at 1440 and 390 px, light and dark, without horizontal overflow', async () => {
    const paths = ['/', '/alerts', `/alerts/${alertId}`, '/live', '/search', '/rules', `/rules/${ruleId}`, '/rules/new', '/rules/import', '/rules/coverage', '/channels', `/channels/${channelId}`, '/silences', '/routing/tree', '/routing/escalation', '/routing/maintenance', '/devices', '/settings/api-keys'];
    await checkPages(browser, server, ADMIN_PASSWORD, paths);
  }, 300_000);

  it('logged no console errors on any page', () => {
    expect(log.problems).toEqual([]);
  });
});
