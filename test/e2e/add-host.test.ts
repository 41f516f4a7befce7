/**
 * The issue-12 manual check, automated: on a real server, in headless Chromium, Hosts → Add host →
 * copy the one-liner, run it on this machine, and see the host online with its charts within a minute.
 * The one-liner runs exactly as copied except for what keeps it off the shared machine's system
 * directories: `--root <temp dir> --no-user --no-systemd` appended (install under a temp root, as the
 * invoking user, the agent in the foreground), and `sudo` dropped when this test already runs as root
 * without sudo installed. The agent it starts reads this machine's /proc like an installed one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { REPO_ROOT, browserSkipReason, collectProblems, launchBrowser, login, startServer, type ProblemLog, type RunningServer } from './harness.ts';

const AGENT_BUNDLE = join(REPO_ROOT, 'packages/agent/dist/vigil-agent.js');
const skip = browserSkipReason() ?? (spawnSync('curl', ['--version'], { stdio: 'ignore' }).status !== 0 && !process.env.CI ? 'add-host e2e skipped: curl is not installed' : null);
if (skip) console.warn(skip);

const ADMIN_PASSWORD = 'e2e-admin-password-123';

describe.skipIf(!!skip)('Add host one-liner (e2e, chromium, real agent)', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let log: ProblemLog;
  let root: string;
  let installer: ChildProcess | null = null;
  let installerOutput = '';

  beforeAll(async () => {
    if (!existsSync(AGENT_BUNDLE)) spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/build-agent.mjs')], { stdio: 'inherit' });
    root = mkdtempSync(join(tmpdir(), 'vigil-e2e-agent-root-'));
    server = await startServer({ adminPassword: ADMIN_PASSWORD });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    log = collectProblems(context);
    page = await context.newPage();
  });

  afterAll(async () => {
    if (installer?.pid && installer.exitCode === null) {
      try {
        process.kill(-installer.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
    await context?.close();
    await browser?.close();
    await server?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('Hosts → Add host, the copied one-liner enrolls this machine, and it is online with charts within a minute', async () => {
    await login(page, server, ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByRole('link', { name: 'Hosts', exact: true }).click();
    await page.getByTestId('hosts-empty').waitFor();
    await page.getByTestId('add-host').click();
    await page.getByTestId('create-token').click();
    await page.getByTestId('install-command').waitFor();
    await page.getByTestId('copy-install').click();
    await page.getByTestId('copy-install').filter({ hasText: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(new RegExp(`^curl -fsSL ${server.url}/install\\.sh \\| sudo sh -s -- --server ${server.url} --token vgt_\\S+$`));
    expect(await page.getByTestId('install-command').locator('pre').innerText()).toBe(copied);

    const started = Date.now();
    const noSudo = spawnSync('sudo', ['--version'], { stdio: 'ignore' }).status !== 0 && process.getuid?.() === 0;
    const command = `${noSudo ? copied.replace('| sudo sh', '| sh') : copied} --root ${root} --no-user --no-systemd`;
    installer = spawn('sh', ['-c', command], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    installer.stdout!.on('data', (d) => (installerOutput += d));
    installer.stderr!.on('data', (d) => (installerOutput += d));

    await page.keyboard.press('Escape');
    const row = page.getByTestId('host-row').first();
    // The list refreshes by itself (every 15 s).
    const deadline = started + 60_000;
    while (!(await row.count()) || !/\bonline\b/i.test(await row.innerText())) {
      if (Date.now() > deadline) throw new Error(`the host was not online within a minute (page: ${(await page.locator('main').innerText()).slice(0, 600)}); installer said:\n${installerOutput}`);
      if (installer.exitCode !== null) throw new Error(`the installer exited (${installer.exitCode}):\n${installerOutput}`);
      await page.waitForTimeout(1000);
    }
    expect(installerOutput).toContain('bundle verified');
    await row.getByRole('link').click();
    await page.getByTestId('host-detail').waitFor();
    // (Badges show their text in capitals.)
    await expect(page.getByTestId('host-status').innerText()).resolves.toMatch(/^online$/i);
    // Charts: CPU, memory and load drawn from the agent's samples (no "No … data yet").
    while ((await page.locator('.uplot').count()) < 3 || (await page.getByTestId('chart-empty').filter({ hasText: /cpu|memory|load/ }).count()) > 0) {
      if (Date.now() > deadline) throw new Error(`no charts within a minute (${await page.locator('.uplot').count()} drawn); installer said:\n${installerOutput}`);
      await page.waitForTimeout(1000);
      if ((await page.getByTestId('chart-empty').count()) > 0) await page.reload();
    }
    const elapsed = Date.now() - started;
    console.info(`add-host e2e: online with charts ${(elapsed / 1000).toFixed(1)} s after the one-liner started`);
    expect(elapsed).toBeLessThan(60_000);
    expect(await page.getByTestId('host-cpu-mem').innerText()).toMatch(/\d+(\.\d+)? ?% \/ \d+(\.\d+)? ?%/);
    expect(log.problems).toEqual([]);
  }, 120_000);
});
