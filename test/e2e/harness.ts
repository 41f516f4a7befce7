/**
 * @module e2e harness
 * Starts a real Vigil server (temp data dir, free port) and a real headless Chromium for the e2e
 * tests and the screenshot script. Never downloads a browser: it uses Debian's `/usr/bin/chromium`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, spawnVigil } from '../../packages/server/test/support/process.ts';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const CHROMIUM_PATH = process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium';
export const WEB_DIST = join(REPO_ROOT, 'packages/web/dist');

/** Chromium flags for headless runs in containers and CI. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Why browser tests cannot run here, or null when they can. Under CI a missing browser is a failure, not a skip. */
export function browserSkipReason(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null;
  if (process.env.CI) return null;
  return `browser tests skipped: ${CHROMIUM_PATH} is missing (install Debian's chromium: apt-get install -y chromium)`;
}

/** A free TCP port on 127.0.0.1 (the shared test helper). */
export { freePort };

/** Builds the web UI when its dist is missing (a fresh checkout that skipped postinstall). */
export function ensureWebBuilt(): void {
  if (existsSync(join(WEB_DIST, 'index.html'))) return;
  execFileSync('npm', ['run', 'build', '-w', '@vigil/web'], { cwd: REPO_ROOT, stdio: 'inherit' });
}

export interface Bootstrap {
  url: string;
  tenant: string;
  admin: { username: string; password: string };
  ingestKey: string;
}

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  bootstrap: Bootstrap;
  /** Server output so far (for failure messages). */
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts `vigil start` on a free port with a temp data dir; resolves when /healthz answers. */
export async function startServer(opts: { adminPassword?: string; env?: Record<string, string> } = {}): Promise<RunningServer> {
  ensureWebBuilt();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
  // An empty VIGIL_ADMIN_PASSWORD counts as unset: without a password the server generates one.
  const env: Record<string, string> = { VIGIL_DATA_DIR: dataDir, VIGIL_LOG_LEVEL: 'warn', VIGIL_ADMIN_PASSWORD: opts.adminPassword ?? '', ...opts.env };
  // The shared spawner (packages/server/test/support/process.ts); ready once bootstrap.json is written.
  const proc = await spawnVigil({ env, port, cwd: REPO_ROOT, timeoutMs: 90_000, ready: () => existsSync(join(dataDir, 'bootstrap.json')) });
  const url = proc.url;
  const bootstrap = JSON.parse(readFileSync(join(dataDir, 'bootstrap.json'), 'utf8')) as Bootstrap;

  const stop = async () => {
    await proc.stop(10_000);
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, port, dataDir, bootstrap, output: proc.output, stop };
}

/** Launches headless Debian Chromium through playwright-core. */
export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** A console or page error seen by the browser. */
export interface BrowserProblem {
  page: string;
  text: string;
}

/** What `collectProblems` records, plus a way to expect HTTP errors for a moment. */
export interface ProblemLog {
  problems: BrowserProblem[];
  /** Runs `fn` while the browser's own "Failed to load resource: … 4xx" lines are expected (e.g. a deliberate syntax error). */
  expectingHttpErrors<T>(status: number, fn: () => Promise<T>): Promise<T>;
}

/**
 * Records console errors and uncaught page errors of every page in the context. Only 4xx lines inside
 * an `expectingHttpErrors` block are expected and left out; everything else — including a failed
 * request on first load — fails the test that asserts the log is empty.
 */
export function collectProblems(context: BrowserContext): ProblemLog {
  const problems: BrowserProblem[] = [];
  let expected: number | null = null;
  const watch = (page: Page) => {
    page.on('console', (msg: ConsoleMessage) => {
      if (msg.type() !== 'error') return;
      const loc = msg.location()?.url ?? '';
      const text = msg.text();
      if (expected !== null && text.includes(`status of ${expected}`) && loc.includes('/api/v1/')) return;
      problems.push({ page: page.url(), text: `${text} ${loc ? `(${loc})` : ''}`.trim() });
    });
    page.on('pageerror', (err) => problems.push({ page: page.url(), text: `uncaught: ${err.message}` }));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    problems,
    async expectingHttpErrors(status, fn) {
      expected = status;
      try {
        return await fn();
      } finally {
        expected = null;
      }
    },
  };
}

/** Sends events with the ingest key; returns the accepted count. */
export async function ingest(server: RunningServer, events: Record<string, unknown>[] | string, key = server.bootstrap.ingestKey): Promise<number> {
  const text = typeof events === 'string';
  const res = await fetch(`${server.url}/api/v1/ingest`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': text ? 'text/plain' : 'application/x-ndjson' },
    body: text ? events : events.map((e) => JSON.stringify(e)).join('\n'),
  });
  if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { accepted: number; rejected?: unknown[] };
  return body.accepted;
}

/** Signs in through the login form and waits for the shell. */
export async function login(page: Page, server: RunningServer, password = server.bootstrap.admin.password): Promise<void> {
  await page.goto(server.url);
  await page.getByLabel(/^Username/).fill(server.bootstrap.admin.username);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A BSD syslog timestamp ("Dec  5 14:03:07") for `ts`, as sshd writes it. */
export function bsdTime(ts: Date): string {
  const mon = ts.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  return `${mon} ${String(ts.getUTCDate()).padStart(2, ' ')} ${ts.toISOString().slice(11, 19)}`;
}

/** Eight failed SSH logins from one address now: enough for the built-in ssh-brute-force rule (6 in 1 min). */
export function bruteForce(ip: string, host = 'web-1', firstPid = 200): string {
  const now = new Date();
  return Array.from({ length: 8 }, (_, i) => `<38>${bsdTime(now)} ${host} sshd[${firstPid + i}]: Failed password for root from ${ip} port ${41000 + firstPid + i} ssh2`).join('\n');
}

/**
 * Opens every path at each width, light and dark, in a fresh signed-in context per scheme; fails on a
 * page without a heading, the wrong colour scheme, horizontal overflow (naming what sticks out) or a
 * console error. With `shots` (a directory) it also saves a full-page screenshot of each, to look at.
 */
export async function checkPages(browser: Browser, server: RunningServer, password: string, paths: string[], opts: { widths?: number[]; shots?: string } = {}): Promise<void> {
  const widths = opts.widths ?? [1440, 390];
  if (opts.shots) mkdirSync(opts.shots, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    const ctx = await browser.newContext({ colorScheme: scheme });
    const problems = collectProblems(ctx);
    // The script also runs in about:blank, where localStorage is refused.
    await ctx.addInitScript((s) => {
      if (location.protocol.startsWith('http')) localStorage.setItem('vigil-color-scheme', s);
    }, scheme);
    const p = await ctx.newPage();
    await login(p, server, password);
    await p.getByRole('heading', { name: 'Overview' }).waitFor();
    for (const width of widths) {
      await p.setViewportSize({ width, height: 900 });
      for (const path of paths) {
        const where = `${path} at ${width} px, ${scheme}`;
        await p.goto(`${server.url}${path}`);
        await p.locator('main h1').first().waitFor({ timeout: 20_000 }).catch((err: Error) => {
          throw new Error(`${where}: no heading (${err.message.split('\n')[0]})`);
        });
        // Lists and panels have their data (no loader left) before the width is measured.
        await p.locator('main .mantine-Loader-root').first().waitFor({ state: 'detached', timeout: 20_000 });
        const actual = await p.locator('html').getAttribute('data-mantine-color-scheme');
        if (actual !== scheme) throw new Error(`${where}: colour scheme ${actual}`);
        if (opts.shots) await p.screenshot({ path: join(opts.shots, `${path.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '-') || 'overview'}-${width}-${scheme}.png`), fullPage: true });
        const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 1) {
          const wide = await p.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(-3).map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`).join(' '));
          throw new Error(`${where}: ${overflow} px of horizontal overflow (${wide})`);
        }
      }
    }
    await ctx.close();
    if (problems.problems.length) throw new Error(`console errors in ${scheme}: ${JSON.stringify(problems.problems)}`);
  }
}

/** A 1440 px light context whose console errors are collected, with a page signed in on the overview. */
export async function signedInPage(browser: Browser, server: RunningServer, password: string): Promise<{ context: BrowserContext; page: Page; log: ProblemLog }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light', acceptDownloads: true });
  const log = collectProblems(context);
  const page = await context.newPage();
  await login(page, server, password);
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  return { context, page, log };
}
