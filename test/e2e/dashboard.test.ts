/**
 * The dashboard end to end, in headless Chromium against a real server: log in, ingest through the
 * API, see the event in the live feed within a second, find it by a field query, open its detail,
 * create and revoke an API key — with no console errors on any page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserSkipReason, collectProblems, ingest, launchBrowser, login, startServer, type ProblemLog, type RunningServer } from './harness.ts';

const skip = browserSkipReason();
if (skip) console.warn(skip);

const ADMIN_PASSWORD = 'e2e-admin-password-123';

describe.skipIf(!!skip)('web dashboard (e2e, chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let log: ProblemLog;
  const token = `e2e-${Date.now().toString(36)}`;
  const host = `e2e-host-${token}`;

  beforeAll(async () => {
    server = await startServer({ adminPassword: ADMIN_PASSWORD });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    log = collectProblems(context);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('logs in with the configured admin password, without a forced password change', async () => {
    await login(page, server, ADMIN_PASSWORD);
    await expect(page.getByRole('heading', { name: 'Overview' }).waitFor()).resolves.toBeUndefined();
    expect(await page.getByText('Choose a new password').count()).toBe(0);
    await page.getByTestId('panel-ingest').waitFor();
  });

  it('shows an ingested event in the live feed within 1 s', async () => {
    await page.getByRole('link', { name: 'Live feed', exact: true }).click();
    await page.getByRole('heading', { name: 'Live feed' }).waitFor();
    await page.locator('[data-testid="stream-status"]', { hasText: 'Live' }).waitFor({ timeout: 10_000 });

    const started = Date.now();
    const accepted = await ingest(server, [
      { message: `Failed password for mallory from 10.9.8.7 port 52211 ssh2 ${token}`, 'host.name': host, 'event.dataset': 'sshd', 'vigil.severity': 'high', 'source.ip': '10.9.8.7', 'user.name': 'mallory', 'event.outcome': 'failure' },
    ]);
    expect(accepted).toBe(1);
    const row = page.locator('[data-testid="live-event"]', { hasText: token });
    await row.waitFor({ timeout: 1000 });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(1000);
    await expect(row.getAttribute('data-event-id')).resolves.toMatch(/\S/);
  });

  it('pauses the live feed with the space bar and counts what arrives', async () => {
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('Space');
    await page.locator('[data-testid="paused-banner"]').waitFor();
    await ingest(server, [{ message: `held while paused ${token}`, 'host.name': host, 'event.dataset': 'e2e' }]);
    await page.locator('[data-testid="pending-count"]', { hasText: '1' }).waitFor({ timeout: 3000 });
    expect(await page.locator('[data-testid="live-event"]', { hasText: 'held while paused' }).count()).toBe(0);
    await page.keyboard.press('Space');
    await page.locator('[data-testid="live-event"]', { hasText: 'held while paused' }).waitFor({ timeout: 2000 });
  });

  it('finds the event by a field query and opens its detail', async () => {
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    const input = page.getByRole('combobox', { name: 'Query' });
    await input.waitFor();
    const query = `host.name:"${host}" AND user.name:mallory`;
    await input.fill(query);
    await input.press('Escape');
    await input.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === query);
    // Two events carry the token; the field query matches only the one from mallory.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="result-row"]').length === 1, undefined, { timeout: 10_000 });
    const row = page.locator('[data-testid="result-row"]', { hasText: token });
    await row.waitFor();
    await page.locator('[data-testid="result-count"]', { hasText: /^1 event$/ }).waitFor();

    await row.click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('Event detail').waitFor();
    const fields = drawer.locator('[data-testid="event-fields"]');
    const fieldRow = (name: string) => fields.locator('tr').filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${name.replace('.', '\\.')}$`) }) });
    await expect(fieldRow('source.ip').innerText()).resolves.toContain('10.9.8.7');
    await expect(fieldRow('user.name').innerText()).resolves.toContain('mallory');
    expect(new URL(page.url()).searchParams.get('event')).toMatch(/\S/);
    await drawer.getByRole('tab', { name: 'Raw line' }).click();
    await drawer.getByRole('tabpanel').waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  it('points at the column of a query syntax error', async () => {
    const input = page.getByRole('combobox', { name: 'Query' });
    const err = page.getByTestId('query-error');
    // The 400 answers are the point here; the browser logs each failed request on its own.
    await log.expectingHttpErrors(400, async () => {
      const rejected = Promise.all(
        ['/api/v1/events?', '/api/v1/events/histogram?', '/api/v1/events/fields?'].map((p) => page.waitForResponse((r) => r.url().includes(p) && r.status() === 400)),
      );
      await input.fill('host.name:(web');
      await input.press('Escape');
      await input.press('Enter');
      await err.waitFor({ timeout: 10_000 });
      await page.getByTestId('fix-query').waitFor();
      await rejected;
      await page.waitForTimeout(100);
    });
    expect(await err.innerText()).toMatch(/column \d+/);
    // A bad query is a user error, not a page error: fix it and the results come back.
    await input.fill(`host.name:"${host}"`);
    await input.press('Escape');
    await input.press('Enter');
    await page.locator('[data-testid="result-row"]', { hasText: token }).first().waitFor({ timeout: 10_000 });
    expect(await err.count()).toBe(0);
  });

  it('restores a shared search URL', async () => {
    const shared = `${server.url}/search?q=${encodeURIComponent(`user.name:mallory`)}&from=-1h&to=now`;
    await page.goto(shared);
    await page.locator('[data-testid="result-row"]', { hasText: token }).waitFor({ timeout: 10_000 });
    await expect(page.getByRole('combobox', { name: 'Query' }).inputValue()).resolves.toBe('user.name:mallory');
    await page.getByTestId('time-range').getByText('Last 1 hour').waitFor();
  });

  it('filters from the field sidebar, zooms the histogram, saves and exports the search', async () => {
    await page.goto(`${server.url}/search?${new URLSearchParams({ q: `host.name:"${host}"`, from: '-1h', to: 'now' })}`);
    await page.locator('[data-testid="result-row"]', { hasText: token }).first().waitFor({ timeout: 10_000 });

    // Field sidebar: open user.name's top values and filter mallory out.
    await page.getByRole('button', { name: 'Top values of user.name' }).click();
    await page.getByTestId('top-values-user.name').getByText('mallory').waitFor();
    await page.getByRole('button', { name: 'Filter out user.name mallory' }).click();
    await page.waitForURL((u) => u.searchParams.get('q') === `host.name:"${host}" AND NOT user.name:"mallory"`);
    await expect.poll(() => page.locator('[data-testid="result-row"]', { hasText: 'Failed password' }).count(), { timeout: 10_000 }).toBe(0);
    await page.locator('[data-testid="result-row"]', { hasText: 'held while paused' }).waitFor({ timeout: 10_000 });

    // Saved searches: save this one, leave, and come back through the menu.
    await page.getByRole('button', { name: 'Saved' }).click();
    await page.getByRole('menuitem', { name: 'Save current search…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save search' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(`not mallory ${token}`);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.goto(`${server.url}/search`);
    await page.getByRole('button', { name: 'Saved' }).click();
    await page.getByRole('menuitem', { name: new RegExp(`not mallory ${token}`) }).click();
    await page.waitForURL((u) => u.searchParams.get('q') === `host.name:"${host}" AND NOT user.name:"mallory"` && u.searchParams.get('from') === '-1h');

    // Export: the CSV download holds the matching event.
    await page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'CSV' }).click()]);
    const stream = await download.createReadStream();
    let csv = '';
    for await (const chunk of stream) csv += chunk.toString();
    expect(csv.split('\n')[0]).toContain('@timestamp');
    expect(csv).toContain('held while paused');
    expect(csv).not.toContain('Failed password');

    // Histogram: dragging across it sets an absolute range.
    const chart = page.getByTestId('histogram').locator('.u-over');
    await chart.waitFor();
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.waitForURL((u) => /^\d{4}-\d\d-\d\dT/.test(u.searchParams.get('from') ?? '') && /^\d{4}-/.test(u.searchParams.get('to') ?? ''));
    const u = new URL(page.url());
    expect(Date.parse(u.searchParams.get('from')!)).toBeLessThan(Date.parse(u.searchParams.get('to')!));
  });

  it('creates an API key, shows it once, and revokes it', async () => {
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    await page.getByRole('button', { name: 'Create API key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create API key' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(`e2e reader ${token}`);
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const secret = page.getByTestId('new-secret');
    await secret.waitFor();
    const key = (await secret.innerText()).trim();
    expect(key.length).toBeGreaterThan(20);

    // The new key works against the API ...
    const ok = await fetch(`${server.url}/api/v1/events?limit=1`, { headers: { Authorization: `Bearer ${key}` } });
    expect(ok.status).toBe(200);

    await page.getByRole('button', { name: 'I have copied it' }).click();
    await secret.waitFor({ state: 'detached' });
    const row = page.locator('[data-testid="api-key-row"]', { hasText: `e2e reader ${token}` });
    await row.waitFor();
    expect(await page.content()).not.toContain(key);

    await row.getByRole('button', { name: /Actions for key/ }).click();
    await page.getByRole('menuitem', { name: /Revoke/ }).click();
    await page.getByRole('dialog', { name: 'Revoke API key' }).getByRole('button', { name: 'Revoke key' }).click();
    await page.locator(`[data-testid="api-key-row"][data-state="revoked"]`, { hasText: `e2e reader ${token}` }).waitFor({ timeout: 5000 });

    // ... and stops working once revoked.
    const denied = await fetch(`${server.url}/api/v1/events?limit=1`, { headers: { Authorization: `Bearer ${key}` } });
    expect(denied.status).toBe(401);
  });

  it('manages users: add, change role, disable, reset password', async () => {
    await page.goto(`${server.url}/settings/users`);
    await page.locator('[data-testid="user-row"]', { hasText: 'admin' }).waitFor();
    const name = `ana-${token}`;
    await page.getByRole('button', { name: 'Add user' }).click();
    const add = page.getByRole('dialog', { name: 'Add user' });
    await add.getByRole('textbox', { name: 'Username' }).fill(name);
    await add.getByLabel(/^Initial password/).fill('initial-password-123');
    await add.getByRole('button', { name: 'Add user' }).click();
    await add.waitFor({ state: 'hidden' });
    const row = page.locator('[data-testid="user-row"]', { hasText: name });
    await row.waitFor();

    await row.getByLabel(`Role of ${name}`).click();
    await page.getByRole('option', { name: 'viewer' }).click();
    await expect.poll(async () => row.getByLabel(`Role of ${name}`).inputValue(), { timeout: 5000 }).toBe('viewer');

    await row.getByRole('switch', { name: `${name} enabled` }).click({ force: true });
    await expect.poll(async () => row.getByRole('switch', { name: `${name} enabled` }).isChecked(), { timeout: 5000 }).toBe(false);

    await row.getByRole('button', { name: `Actions for ${name}` }).click();
    await page.getByRole('menuitem', { name: /Reset password/ }).click();
    const reset = page.getByRole('dialog', { name: `Reset password of ${name}` });
    await reset.getByLabel(/^New temporary password/).fill('temporary-password-456');
    await reset.getByRole('button', { name: 'Reset password' }).click();
    await reset.waitFor({ state: 'hidden' });

    const users = await (await page.request.get(`${server.url}/api/v1/users`)).json() as { users: { username: string; role: string; disabled: boolean }[] };
    expect(users.users.find((u) => u.username === name)).toMatchObject({ role: 'viewer', disabled: true });
  });

  it('renders the profile settings', async () => {
    await page.getByRole('tab', { name: 'Profile' }).click();
    await page.waitForURL(/\/settings\/profile$/);
    await page.getByTestId('profile-username').getByText('admin').waitFor();
  });

  it('shows the overview with live data', async () => {
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    await page.getByTestId('rate-chart').waitFor();
    await page.getByTestId('panel-datasets').getByText('sshd').waitFor({ timeout: 10_000 });
    await page.getByTestId('panel-sources').getByText('10.9.8.7').waitFor({ timeout: 10_000 });
    await page.getByTestId('panel-ingest').getByText('http').first().waitFor({ timeout: 10_000 });
  });

  it('switches to the dark theme and back', async () => {
    await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html').getAttribute('data-mantine-color-scheme')).resolves.toBe('dark');
    await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html').getAttribute('data-mantine-color-scheme')).resolves.toBe('light');
  });

  it('focuses the search box with /', async () => {
    await page.getByRole('link', { name: 'Live feed', exact: true }).click();
    await page.getByRole('heading', { name: 'Live feed' }).waitFor();
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('/');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Filter live events');
  });

  it('works on a phone-sized screen', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.url}/search?q=${encodeURIComponent(`host.name:"${host}"`)}`);
    await phone.locator('[data-testid="result-row"]', { hasText: token }).first().waitFor({ timeout: 10_000 });
    await phone.getByRole('button', { name: 'Open navigation' }).click();
    await phone.getByRole('link', { name: 'Live feed', exact: true }).click();
    await phone.getByRole('heading', { name: 'Live feed' }).waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await phone.close();
  });

  it('signs out', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });

  it('logged no console errors on any page', () => {
    expect(log.problems).toEqual([]);
  });
});

describe.skipIf(!!skip)('first login of the generated admin (e2e, chromium)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('forces a password change, then opens the app', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const log = collectProblems(context);
    const page = await context.newPage();
    await login(page, server);
    await page.getByText('Choose a new password').waitFor();
    await page.getByLabel(/^Current password/).fill(server.bootstrap.admin.password);
    await page.getByLabel(/^New password/).fill('my-own-new-password-42');
    await page.getByLabel(/^Repeat new password/).fill('my-own-new-password-42');
    await page.getByRole('button', { name: 'Set password and continue' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor({ timeout: 10_000 });
    await context.close();
    expect(log.problems).toEqual([]);
  });
});
