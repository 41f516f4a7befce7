/**
 * Incidents and dashboards end to end, in headless Chromium against a real server. Incidents: two
 * real alerts (brute forces ingested with the ingest key) grouped into an incident; status, a note,
 * the owner picked from the tenant's users, the postmortem written section by section and exported
 * (the downloaded Markdown checked). Dashboards: a new board with a count and a top-values panel over
 * real events, a panel dragged and another resized, saved, kept across a reload, shared and seen by
 * another user of the tenant. Then Incidents, Dashboards, Hosts and Audit at 1440 and 390 px, light
 * and dark, without horizontal overflow — with no console errors anywhere. Each test makes its own data.
 * `VIGIL_E2E_SHOTS=dir` also saves a screenshot of each page in each mode there, to look at.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { Alert, Dashboard, DashboardList, IncidentDetail } from '@vigil/contracts';
import { browserSkipReason, bruteForce, checkPages, ingest, launchBrowser, signedInPage, startServer, type ProblemLog, type RunningServer } from './harness.ts';

const skip = browserSkipReason();
if (skip) console.warn(skip);

const ADMIN_PASSWORD = 'e2e-incidents-password-123';
const SHOTS = process.env.VIGIL_E2E_SHOTS;

/** A session on the HTTP API (cookie and CSRF token), as a second person would use it. */
async function apiSession(server: RunningServer, username: string, password: string) {
  const res = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login as ${username} answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (r.status >= 300) throw new Error(`${method} ${path} answered ${r.status}: ${await r.text()}`);
    return (r.status === 204 ? undefined : await r.json()) as T;
  };
  return { get: <T>(path: string) => call<T>('GET', path), send: call };
}

/** Drags with the mouse from the middle of `from` by (dx, dy), in small steps as a hand would. */
async function drag(page: Page, from: Locator, dx: number, dy: number): Promise<void> {
  const box = (await from.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 5, y + 5, { steps: 2 });
  await page.mouse.move(x + dx, y + dy, { steps: 15 });
  await page.mouse.up();
}

describe.skipIf(!!skip)('incidents and dashboards (e2e, chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let log: ProblemLog;
  let admin: Awaited<ReturnType<typeof apiSession>>;
  const token = Date.now().toString(36);

  /** Waits until the ssh-brute-force alert for `ip` exists and returns its id. */
  async function alertFor(ip: string): Promise<string> {
    let id = '';
    await expect.poll(async () => {
      const { alerts } = await admin.get<{ alerts: Alert[] }>(`/alerts?source=${encodeURIComponent(ip)}&state=open,acknowledged,resolved`);
      id = alerts.find((a) => a.title === `SSH brute force from ${ip}`)?.id ?? '';
      return id;
    }, { timeout: 20_000, interval: 250 }).not.toBe('');
    return id;
  }

  beforeAll(async () => {
    server = await startServer({ adminPassword: ADMIN_PASSWORD });
    admin = await apiSession(server, server.bootstrap.admin.username, ADMIN_PASSWORD);
    browser = await launchBrowser();
    ({ context, page, log } = await signedInPage(browser, server, ADMIN_PASSWORD));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('groups two real alerts into an incident, works it (status, note, owner, postmortem) and exports the postmortem', async () => {
    const analyst = `analyst-${token}`;
    await admin.send('POST', '/users', { username: analyst, password: 'e2e-analyst-password-1', role: 'analyst' });
    await ingest(server, bruteForce('203.0.113.21'));
    await ingest(server, bruteForce('203.0.113.22', 'web-2', 300));
    const [a1, a2] = [await alertFor('203.0.113.21'), await alertFor('203.0.113.22')];

    await page.goto(`${server.url}/incidents`);
    await page.getByRole('heading', { name: 'Incidents' }).waitFor();
    await page.getByTestId('new-incident').click();
    const dialog = page.getByRole('dialog', { name: 'New incident' });
    await dialog.getByTestId('incident-title').fill(`SSH spraying ${token}`);
    await dialog.getByLabel('Description').fill('Failed root logins on web-1 and web-2.');
    await dialog.getByLabel(/^Alert ids/).fill(`${a1}, ${a2}`);
    await dialog.getByTestId('create-incident').click();
    await page.waitForURL((u) => /^\/incidents\/[^/]+$/.test(u.pathname));
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await page.getByTestId('incident-title').filter({ hasText: `SSH spraying ${token}` }).waitFor();
    // Two high alerts: the incident takes their severity.
    await page.getByRole('tab', { name: 'Alerts (2)' }).click();
    for (const a of [a1, a2]) await page.getByTestId('incident-alerts').getByRole('link', { name: a }).waitFor();
    await page.getByRole('tab', { name: /^Timeline/ }).click();

    // Status.
    await page.getByTestId('status-select').click();
    await page.getByRole('option', { name: 'investigating' }).click();
    await page.getByTestId('incident-status').filter({ hasText: 'investigating' }).waitFor();

    // A note, shown in the timeline.
    await page.getByTestId('note-text').fill(`Blocked both sources at fw-edge ${token}`);
    await page.getByTestId('add-note').click();
    await page.getByTestId('incident-timeline').getByText(`Blocked both sources at fw-edge ${token}`).waitFor();

    // The owner: picked from the tenant's users, found by typing part of the name.
    const owner = page.getByTestId('owner-select');
    await owner.click();
    await owner.fill(`lyst-${token}`);
    await page.getByRole('option', { name: analyst }).click();
    await expect.poll(() => owner.inputValue()).toBe(analyst);
    await page.getByTestId('incident-timeline').getByText(`${server.bootstrap.admin.username} · owner`).waitFor();

    // The postmortem, section by section (Markdown), with an action item.
    await page.getByTestId('tab-postmortem').click();
    await page.getByTestId('pm-summary').fill(`Password spraying against **web-1** and **web-2** ${token}; no login succeeded.`);
    await page.getByTestId('pm-impact').fill('None: no account was taken over.');
    await page.getByTestId('pm-timeline').fill('09:40 | first alert\n09:55 | sources blocked');
    await page.getByTestId('pm-rootCause').fill('sshd accepted passwords from the internet.');
    await page.getByTestId('pm-factors').fill('No MFA\nNo rate limit');
    await page.getByTestId('pm-add-action').click();
    const action = page.getByTestId('pm-action').first();
    await action.getByLabel('Action', { exact: true }).fill('Require keys for sshd');
    await action.getByLabel('Owner', { exact: true }).fill(analyst);
    await action.getByLabel('Due', { exact: true }).fill('2027-01-15');
    await page.getByTestId('pm-save').click();
    await page.getByTestId('postmortem-editor').getByText('Saved', { exact: true }).waitFor();

    // Export: the downloaded Markdown has every section as written.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-postmortem').click()]);
    expect(download.suggestedFilename()).toMatch(/^postmortem-.*\.md$/);
    const md = readFileSync((await download.path())!, 'utf8');
    expect(md).toContain(`# Postmortem: SSH spraying ${token}`);
    expect(md).toContain('| Status | investigating |');
    expect(md).toContain(`| Owner | ${analyst} |`);
    expect(md).toContain('| Alerts | 2 |');
    expect(md).toContain(`## Summary\n\nPassword spraying against **web-1** and **web-2** ${token}; no login succeeded.\n`);
    expect(md).toContain('## Impact\n\nNone: no account was taken over.\n');
    expect(md).toContain('## Timeline\n\n| Time | What happened |\n|---|---|\n| 09:40 | first alert |\n| 09:55 | sources blocked |\n');
    expect(md).toContain('## Root cause\n\nsshd accepted passwords from the internet.\n');
    expect(md).toContain('## Contributing factors\n\n- No MFA\n- No rate limit\n');
    expect(md).toContain(`## Action items\n\n- [ ] Require keys for sshd — owner: ${analyst}, due 2027-01-15\n`);

    // What the page showed is what the server keeps.
    const kept = await admin.get<IncidentDetail>(`/incidents/${encodeURIComponent(id)}`);
    expect(kept.incident).toMatchObject({ status: 'investigating', owner: analyst, alertIds: expect.arrayContaining([a1, a2]) });
    expect(kept.timeline.some((e) => e.action === 'note' && e.text === `Blocked both sources at fw-edge ${token}`)).toBe(true);
  });

  it('builds a board with a count and a top-values panel, drags and resizes, saves, keeps it across a reload and shares it', async () => {
    const ip = '198.51.100.61';
    await ingest(server, bruteForce(ip, 'db-1'));
    await page.goto(`${server.url}/dashboards`);
    await page.getByTestId('new-board').click();
    const name = page.getByTestId('board-name');
    await name.waitFor();
    await page.waitForURL((u) => /^\/dashboards\/[^/]+$/.test(u.pathname) && !u.pathname.includes('builtin'));
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await name.fill(`SSH board ${token}`);

    // A count panel…
    await page.getByTestId('add-panel').click();
    let editor = page.getByRole('dialog', { name: 'Panel' });
    await editor.getByTestId('panel-title').fill('Failed logins');
    await editor.getByTestId('panel-query').fill(`source.ip:"${ip}"`);
    await editor.getByTestId('panel-save').click();
    await editor.waitFor({ state: 'hidden' });
    // …and a top-values panel, placed below it.
    await page.getByTestId('add-panel').click();
    editor = page.getByRole('dialog', { name: 'Panel' });
    await editor.getByTestId('panel-kind').getByText('Top values', { exact: true }).click();
    await editor.getByTestId('panel-title').fill('Top hosts');
    await editor.getByTestId('panel-query').fill('event.dataset:sshd OR "Failed password"');
    await editor.getByTestId('panel-field').fill('host.name');
    await editor.getByTestId('panel-save').click();
    await editor.waitFor({ state: 'hidden' });
    const count = page.getByTestId('panel').filter({ hasText: 'Failed logins' });
    const top = page.getByTestId('panel').filter({ hasText: 'Top hosts' });
    await Promise.all([count.waitFor(), top.waitFor()]);
    const countBox = (await count.boundingBox())!;
    const topBox = (await top.boundingBox())!;
    expect(topBox.y).toBeGreaterThan(countBox.y + countBox.height - 1);

    // Drag the top panel by its title bar to the right of the count panel; make the count panel taller.
    await drag(page, top.locator('.panel-drag'), countBox.width + 12, -(topBox.y - countBox.y));
    await expect.poll(async () => (await top.boundingBox())!.x, { timeout: 5000 }).toBeGreaterThan(countBox.x + countBox.width);
    await drag(page, page.locator('.react-grid-item').filter({ has: count }).locator('.react-resizable-handle').first(), 0, 3 * 52);
    await expect.poll(async () => (await count.boundingBox())!.height, { timeout: 5000 }).toBeGreaterThan(countBox.height + 100);

    // Share it with the tenant and save.
    await page.getByTestId('board-shared').check({ force: true });
    await page.getByTestId('save-board').click();
    await page.getByTestId('edit-board').waitFor();
    const saved = await admin.get<Dashboard>(`/dashboards/${encodeURIComponent(id)}`);
    expect(saved.name).toBe(`SSH board ${token}`);
    expect(saved.shared).toBe(true);
    const [pCount, pTop] = [saved.panels.find((p) => p.title === 'Failed logins')!, saved.panels.find((p) => p.title === 'Top hosts')!];
    expect(pCount).toMatchObject({ kind: 'count', query: `source.ip:"${ip}"`, x: 0, y: 0, w: 6 });
    expect(pCount.h).toBeGreaterThanOrEqual(8);
    expect(pTop).toMatchObject({ kind: 'top', field: 'host.name', x: 6, y: 0, w: 6 });

    // A reload shows the same board, laid out the same, with the real numbers.
    await page.reload();
    await expect.poll(() => page.getByTestId('board-select').inputValue(), { timeout: 20_000 }).toBe(`SSH board ${token}`);
    // The count is what search counts for the query: the eight logins (and the alert's own event).
    const total = async () => (await admin.get<{ buckets: { count: number }[] }>(`/events/histogram?${new URLSearchParams({ q: `source.ip:"${ip}"`, from: '-24h', to: 'now' }).toString()}`)).buckets.reduce((n, b) => n + b.count, 0);
    await expect.poll(async () => (await count.getByTestId('panel-count').innerText().catch(() => '')) === String(await total()), { timeout: 20_000 }).toBe(true);
    expect(Number(await count.getByTestId('panel-count').innerText())).toBeGreaterThanOrEqual(8);
    await top.getByTestId('panel-top').getByText('db-1').waitFor({ timeout: 20_000 });
    const after = [(await count.boundingBox())!, (await top.boundingBox())!];
    expect(after[1]!.x).toBeGreaterThan(after[0]!.x + after[0]!.width);
    expect(after[0]!.height).toBeGreaterThan(countBox.height + 100);
    await page.getByText('shared', { exact: true }).waitFor();

    // Shared: another person of the tenant sees it (and cannot change it).
    const viewer = `viewer-${token}`;
    await admin.send('POST', '/users', { username: viewer, password: 'e2e-viewer-password-1', role: 'viewer' });
    const other = await apiSession(server, viewer, 'e2e-viewer-password-1');
    await other.send('POST', '/auth/password', { currentPassword: 'e2e-viewer-password-1', newPassword: 'e2e-viewer-password-2' });
    const list = await other.get<DashboardList>('/dashboards');
    expect(list.dashboards.map((d) => d.id)).toContain(id);
    expect(await other.get<Dashboard>(`/dashboards/${encodeURIComponent(id)}`)).toMatchObject({ name: `SSH board ${token}`, editable: false });
  });

  it('renders Incidents, Dashboards, Hosts and Audit at 1440 and 390 px, light and dark, without horizontal overflow', async () => {
    const { incident } = await admin.send<IncidentDetail>('POST', '/incidents', { title: `Layout check ${token}`, description: 'A long description to wrap on a phone: '.repeat(4) });
    const board = await admin.send<Dashboard>('POST', '/dashboards', {
      name: `Layout board ${token}`,
      panels: [
        { id: 'a', kind: 'count', title: 'Events', query: '', from: '-24h', to: 'now', x: 0, y: 0, w: 4, h: 4 },
        { id: 'b', kind: 'top', title: 'Hosts', query: '', from: '-24h', to: 'now', field: 'host.name', x: 4, y: 0, w: 8, h: 6 },
      ],
    });
    await checkPages(browser, server, ADMIN_PASSWORD, ['/incidents', `/incidents/${incident.id}`, `/dashboards/${board.id}`, '/hosts', '/audit'], { shots: SHOTS });
  }, 300_000);

  it('logged no console errors on any page', () => {
    expect(log.problems).toEqual([]);
  });
});
