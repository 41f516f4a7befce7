/**
 * Regenerates the UI screenshots in docs/screenshots/ (`npm run screenshots`): starts a real server
 * on a free port with a temp data dir, seeds an hour of varied events, brute forces that fire built-in
 * rules, a Sigma import, an own rule and a webhook channel (to a local receiver), and captures each
 * page in light mode at 1440x900 (a few also at 390 px wide and in dark mode) with Debian's chromium;
 * seeds an escalation policy, a routing tree and a silence for the notification pages.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, browserSkipReason, ingest, launchBrowser, login, startServer, type RunningServer } from '../test/e2e/harness.ts';

const OUT = join(REPO_ROOT, 'docs/screenshots');
const PASSWORD = 'screenshot-admin-password';

const HOSTS = ['web-1', 'web-2', 'db-1', 'fw-edge', 'vpn-1', 'mail-1'];
const IPS = ['203.0.113.7', '198.51.100.23', '192.0.2.44', '10.0.4.12', '10.0.7.31', '185.220.101.5', '45.155.205.99'];
const USERS = ['root', 'admin', 'alice', 'bob', 'deploy', 'oracle'];

/** A deterministic pseudo-random generator, so screenshots look the same run to run. */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

function pick<T>(r: () => number, xs: T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

/** One plausible event at time t. */
function makeEvent(r: () => number, t: number): Record<string, unknown> {
  const host = pick(r, HOSTS);
  const ip = pick(r, IPS);
  const user = pick(r, USERS);
  const kind = r();
  const base = { '@timestamp': new Date(t).toISOString(), 'host.name': host, 'source.ip': ip };
  if (kind < 0.35) {
    const ok = r() < 0.3;
    return { ...base, 'event.dataset': 'sshd', 'event.action': 'ssh_login', 'event.outcome': ok ? 'success' : 'failure', 'user.name': user, 'vigil.severity': ok ? 'info' : r() < 0.2 ? 'high' : 'medium', 'source.port': 40000 + Math.floor(r() * 20000), message: ok ? `Accepted publickey for ${user} from ${ip}` : `Failed password for ${user} from ${ip} port ${40000 + Math.floor(r() * 20000)} ssh2` };
  }
  if (kind < 0.7) {
    const status = pick(r, [200, 200, 200, 200, 301, 404, 404, 403, 500, 502]);
    const path = pick(r, ['/', '/login', '/api/v1/orders', '/wp-login.php', '/.env', '/admin', '/static/app.js']);
    const method = pick(r, ['GET', 'GET', 'GET', 'POST']);
    return { ...base, 'event.dataset': 'nginx.access', 'http.request.method': method, 'http.response.status_code': status, 'url.original': path, 'vigil.severity': status >= 500 ? 'medium' : status === 403 || path === '/.env' ? 'low' : 'info', message: `${ip} - - "${method} ${path} HTTP/1.1" ${status}` };
  }
  if (kind < 0.9) {
    const deny = r() < 0.4;
    const port = pick(r, [22, 443, 3389, 445, 53, 8080]);
    return { ...base, 'host.name': 'fw-edge', 'event.dataset': 'fortigate.traffic', 'observer.vendor': 'Fortinet', 'destination.ip': '10.0.0.10', 'destination.port': port, 'network.transport': 'tcp', 'event.action': deny ? 'deny' : 'accept', 'vigil.severity': deny && (port === 3389 || port === 445) ? 'high' : deny ? 'low' : 'info', message: `${deny ? 'deny' : 'accept'} tcp ${ip} -> 10.0.0.10:${port}` };
  }
  const critical = r() < 0.25;
  return { ...base, 'event.dataset': 'sudo', 'user.name': user, 'process.name': 'sudo', 'vigil.severity': critical ? 'critical' : 'medium', message: critical ? `${user} : user NOT in sudoers ; COMMAND=/bin/bash` : `${user} : TTY=pts/0 ; COMMAND=/usr/bin/systemctl restart nginx` };
}

async function seed(server: RunningServer): Promise<void> {
  const r = rng(7);
  const now = Date.now();
  const events: Record<string, unknown>[] = [];
  for (let i = 0; i < 900; i++) {
    // More traffic recently, with a burst 20 minutes ago.
    const age = Math.pow(r(), 1.4) * 3600_000;
    const t = r() < 0.12 ? now - 20 * 60_000 - r() * 120_000 : now - age;
    events.push(makeEvent(r, t));
  }
  for (let i = 0; i < events.length; i += 300) await ingest(server, events.slice(i, i + 300));
  // Raw syslog lines, so some events carry event.original and the syslog fields.
  const lines = [
    '<38>1 2026-01-01T00:00:00Z web-1 sshd 2211 - - Failed password for invalid user oracle from 185.220.101.5 port 51234 ssh2',
    '<86>Jan  1 00:00:01 db-1 sudo: alice : TTY=pts/1 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/apt upgrade',
    '<30>Jan  1 00:00:02 mail-1 postfix/smtpd[812]: NOQUEUE: reject: RCPT from unknown[45.155.205.99]: 554 5.7.1 Relay access denied',
  ];
  await ingest(server, lines.join('\n'));
}

/** A BSD syslog timestamp for now, as sshd writes it. */
function bsd(ts: Date): string {
  const mon = ts.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  return `${mon} ${String(ts.getUTCDate()).padStart(2, ' ')} ${ts.toISOString().slice(11, 19)}`;
}

/** A Sigma rule written for these screenshots (not one of SigmaHQ's). */
const SIGMA = `title: Sudo to root shell by a user not in sudoers
id: 6b0f4d2e-1c7a-4f7e-9a51-2f9d0c3b7e11
status: experimental
description: A user tried to run a root shell with sudo without being allowed to.
author: Vigil documentation
references:
  - https://www.sudo.ws/docs/man/sudoers.man/
tags: [attack.privilege_escalation, attack.t1548.003]
logsource: {product: linux}
detection:
  keywords: ['user NOT in sudoers']
  condition: keywords
level: critical
`;

/** An own rule, created through the API the editor uses. */
const OWN_RULE = `id: nginx-env-file-probe
title: .env probed by {{source.ip}}
description: Requests for /.env look for leaked credentials.
severity: medium
tags: [attack.reconnaissance, attack.t1595.003]
query: 'event.dataset:nginx.access AND url.original:"/.env"'
match: {group_by: [source.ip]}
suppress: {window: 1h}
`;

/** Fires built-in rules (SSH brute force from three addresses), imports Sigma, adds a rule and a channel. */
async function seedDetection(server: RunningServer, page: Page, hookUrl: string): Promise<void> {
  const api = async (method: string, path: string, body: string | object, type = 'application/json') => {
    const csrf = await page.evaluate(async () => ((await (await fetch('/api/v1/auth/session')).json()) as { csrfToken?: string }).csrfToken ?? '');
    const res = await page.request.fetch(`${server.url}/api/v1${path}`, { method, headers: { 'content-type': type, 'x-csrf-token': csrf }, data: typeof body === 'string' ? body : JSON.stringify(body) });
    if (!res.ok()) throw new Error(`${method} ${path} answered ${res.status()}: ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  await api('POST', '/rules/import', SIGMA, 'application/yaml');
  await api('POST', '/rules', OWN_RULE, 'application/yaml');
  const channel = await api('POST', '/channels', { name: 'SOC webhook', type: 'webhook', default: true, config: { url: hookUrl, secret: 'screenshot-secret', allow_private: true } });
  await api('POST', `/channels/${String(channel.id)}/test`, {});
  // Notification routing: an escalation policy, a routing tree using it, a silence.
  const policy = await api('POST', '/escalation-policies', { name: 'Page the on-call engineer', steps: [{ wait: '15m', receivers: [String(channel.id)] }, { wait: '30m', receivers: [String(channel.id)] }], repeat: 1 });
  await api('PUT', '/routes', {
    receivers: [String(channel.id)],
    group_by: ['rule.id'],
    routes: [
      { match: 'severity:critical', receivers: [String(channel.id)], repeat_interval: '30m', escalation_policy: String(policy.id) },
      { match: 'tags:attack.credential_access', group_by: ['source.ip'], group_wait: '1m' },
    ],
  });
  await api('POST', '/silences', { match: 'rule.id:"ssh-brute-force" AND source.ip:"10.0.4.12"', duration: '4h', comment: 'Vulnerability scanner run by the red team' });
  await new Promise((r) => setTimeout(r, 1200)); // the detector reloads rules within a second
  const now = new Date();
  for (const [ip, n] of [['185.220.101.5', 14], ['45.155.205.99', 9], ['203.0.113.7', 7]] as const) {
    await ingest(server, Array.from({ length: n }, (_, i) => `<38>${bsd(now)} web-1 sshd[${300 + i}]: Failed password for root from ${ip} port ${42000 + i} ssh2`).join('\n'));
  }
  await ingest(server, `<86>${bsd(now)} db-1 sudo: mallory : user NOT in sudoers ; TTY=pts/2 ; PWD=/tmp ; USER=root ; COMMAND=/bin/bash`);
  await ingest(server, [{ '@timestamp': now.toISOString(), 'event.dataset': 'nginx.access', 'event.category': 'web', 'source.ip': '198.51.100.23', 'url.original': '/.env', 'http.response.status_code': 404, 'host.name': 'web-2', message: '198.51.100.23 - - "GET /.env HTTP/1.1" 404' }]);
  await new Promise((r) => setTimeout(r, 2500));
}

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(600);
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
}

async function main(): Promise<void> {
  const skip = browserSkipReason();
  if (skip) {
    console.error(skip);
    process.exit(1);
  }
  mkdirSync(OUT, { recursive: true });
  const server = await startServer({ adminPassword: PASSWORD });
  const browser = await launchBrowser();
  const hook = createServer((req, res) => req.resume().on('end', () => res.writeHead(204).end()));
  const hookPort = await new Promise<number>((r) => hook.listen(0, '127.0.0.1', () => r((hook.address() as AddressInfo).port)));
  let trickle: ReturnType<typeof setInterval> | undefined;
  try {
    await seed(server);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light', deviceScaleFactor: 1 });
    await context.addInitScript(() => localStorage.setItem('vigil-color-scheme', 'light'));
    const page = await context.newPage();

    await page.goto(server.url);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await shot(page, 'login');

    await login(page, server, PASSWORD);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await seedDetection(server, page, `http://127.0.0.1:${hookPort}/hook`);
    await page.reload();
    await page.getByTestId('open-alerts').waitFor();
    await page.getByTestId('rate-chart').waitFor();
    await page.getByTestId('panel-datasets').getByText('sshd').waitFor({ timeout: 15_000 });
    await shot(page, 'overview');

    await page.getByRole('link', { name: 'Live feed', exact: true }).click();
    await page.locator('[data-testid="stream-status"]', { hasText: 'Live' }).waitFor();
    const r = rng(99);
    trickle = setInterval(() => void ingest(server, [makeEvent(r, Date.now())]).catch(() => undefined), 150);
    await page.locator('[data-testid="live-event"]').nth(14).waitFor({ timeout: 15_000 });
    clearInterval(trickle);
    trickle = undefined;
    await shot(page, 'live');

    await page.goto(`${server.url}/search?${new URLSearchParams({ q: 'event.dataset:sshd AND event.outcome:failure', from: '-1h', to: 'now' })}`);
    await page.locator('[data-testid="result-row"]').first().waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Top values of source.ip' }).click();
    await page.getByTestId('top-values-source.ip').waitFor();
    await shot(page, 'search');

    await page.locator('[data-testid="result-row"]').first().click();
    await page.getByTestId('event-fields').waitFor();
    await shot(page, 'event-detail');
    await page.keyboard.press('Escape');

    await page.goto(`${server.url}/incidents`);
    await page.getByTestId('new-incident').click();
    await page.getByTestId('incident-title').fill('SSH password spraying against web-1');
    await page.getByLabel('Description').fill('Failed sshd logins from 185.220.101.5 and 45.155.205.99 against root and oracle.');
    await page.getByTestId('create-incident').click();
    await page.getByTestId('incident-timeline').waitFor();
    await page.getByTestId('owner-select').click();
    await page.getByRole('option', { name: 'admin' }).click();
    await page.getByTestId('incident-timeline').getByText('admin · owner').waitFor();
    await page.getByTestId('note-text').fill('Blocked 185.220.101.5 at fw-edge; checking web-1 for a successful login.');
    await page.getByTestId('add-note').click();
    await page.getByTestId('incident-timeline').getByText('Blocked 185.220.101.5').waitFor();
    await shot(page, 'incident-detail');
    await page.getByTestId('tab-postmortem').click();
    await page.getByTestId('pm-summary').fill('Password spraying from two Tor exit nodes against **web-1**; no login succeeded.');
    await page.getByTestId('pm-rootCause').fill('sshd on web-1 accepted passwords from the internet.');
    await shot(page, 'incident-postmortem');
    await page.goto(`${server.url}/incidents`);
    await page.locator('[data-testid="incident-row"]').first().waitFor();
    await shot(page, 'incidents');

    await page.goto(`${server.url}/dashboards`);
    await page.getByTestId('panel-count').first().waitFor({ timeout: 15_000 });
    await page.getByTestId('panel-top').first().waitFor({ timeout: 15_000 });
    await shot(page, 'dashboards');

    await page.goto(`${server.url}/audit`);
    await page.locator('[data-testid="audit-row"]').first().waitFor();
    await shot(page, 'audit-log');

    await page.goto(`${server.url}/settings/api-keys`);
    await page.getByRole('button', { name: 'Create API key' }).click();
    await page.getByRole('dialog', { name: 'Create API key' }).getByRole('textbox', { name: 'Name' }).fill('firewall syslog relay');
    await page.getByRole('dialog', { name: 'Create API key' }).getByRole('button', { name: 'Create key' }).click();
    await page.getByTestId('new-secret').waitFor();
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await page.getByTestId('new-secret').waitFor({ state: 'detached' });
    await shot(page, 'settings-api-keys');

    await page.getByRole('tab', { name: 'Users' }).click();
    await page.locator('[data-testid="user-row"]').first().waitFor();
    await shot(page, 'settings-users');

    // Alerts: the list, one alert, and the same on a phone.
    await page.goto(`${server.url}/alerts`);
    await page.getByTestId('alert-row').nth(3).waitFor({ timeout: 15_000 });
    await shot(page, 'alerts');
    await page.getByTestId('alert-row').filter({ has: page.getByRole('link', { name: 'SSH brute force from 185.220.101.5', exact: true }) }).click();
    await page.getByTestId('alert-events').getByTestId('result-row').first().waitFor({ timeout: 15_000 });
    await shot(page, 'alert-detail');
    await page.goto(`${server.url}/alerts`);
    const sigmaAlert = page.getByTestId('alert-row').filter({ hasText: 'Sudo to root shell' });
    await sigmaAlert.waitFor({ timeout: 15_000 });
    await sigmaAlert.click();
    await page.getByTestId('rule-source').waitFor();
    await shot(page, 'alert-detail-sigma');

    // Rules: the list, the editor with a problem shown at its place, history, import report, coverage.
    await page.goto(`${server.url}/rules`);
    await page.getByTestId('rule-row').nth(10).waitFor();
    await shot(page, 'rules');
    await page.goto(`${server.url}/rules/nginx-env-file-probe`);
    await page.getByTestId('yaml-editor').waitFor();
    await page.getByTestId('rule-valid').waitFor({ timeout: 10_000 });
    await page.getByTestId('yaml-editor').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('severity_from: {field: vigil.severity, map: {warn: loud}}');
    await page.getByTestId('rule-problems').waitFor({ timeout: 10_000 });
    await shot(page, 'rule-editor');
    await page.getByText('Form', { exact: true }).click();
    await page.getByTestId('rule-form').waitFor();
    await shot(page, 'rule-editor-form');
    await page.goto(`${server.url}/rules/import`);
    await page.getByRole('tab', { name: 'Paste YAML' }).click();
    await page.getByTestId('import-text').fill(`${SIGMA.replace('6b0f4d2e-1c7a-4f7e-9a51-2f9d0c3b7e11', '0c8a1f7e-3d2b-4e6a-8f19-5b7d2c4e9a10').replace('Sudo to root shell', 'Sudo root shell (copy)')}---\ntitle: Cloud trail rule\nlogsource: {product: aws, service: cloudtrail}\ndetection: {sel: {eventName: ConsoleLogin}, condition: sel}\n`);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('import-report').waitFor();
    await shot(page, 'rule-import');
    await page.goto(`${server.url}/rules/coverage`);
    await page.locator('[data-testid="tactic"][data-covered="true"]').first().waitFor();
    await shot(page, 'rules-coverage');

    // Channels: the list and one channel's delivery log.
    await page.goto(`${server.url}/channels`);
    await page.getByTestId('channel-card').first().waitFor();
    await shot(page, 'channels');
    await page.getByTestId('channel-card').first().click();
    await page.getByTestId('delivery').first().waitFor({ timeout: 15_000 });
    await page.getByTestId('delivery').first().click();
    await page.getByTestId('delivery-attempt').first().waitFor();
    await shot(page, 'channel-detail');
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByTestId('channel-form').waitFor();
    await shot(page, 'channel-form');
    await page.keyboard.press('Escape');

    // Notification routing and silences.
    await page.goto(`${server.url}/routing/tree`);
    await page.getByTestId('route-node').nth(2).waitFor();
    await shot(page, 'routing-tree');
    await page.goto(`${server.url}/routing/escalation`);
    await page.getByText('Page the on-call engineer').first().waitFor();
    await shot(page, 'routing-escalation');
    await page.goto(`${server.url}/silences`);
    await page.getByTestId('silence').first().waitFor();
    await shot(page, 'silences');

    // Hosts (no agent enrolled here: the empty list with its Add host command).
    await page.goto(`${server.url}/hosts`);
    await page.getByRole('heading', { name: 'Hosts' }).waitFor();
    await shot(page, 'hosts');
    await context.close();

    // The same app on a phone (390 px) and in dark mode.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'light', deviceScaleFactor: 1 });
    await phone.addInitScript(() => localStorage.setItem('vigil-color-scheme', 'light'));
    const p = await phone.newPage();
    await login(p, server, PASSWORD);
    await p.getByRole('heading', { name: 'Overview' }).waitFor();
    await p.getByTestId('open-alerts').waitFor();
    await shot(p, 'overview-phone');
    await p.goto(`${server.url}/alerts`);
    await p.getByTestId('alert-cards').waitFor();
    await shot(p, 'alerts-phone');
    await p.goto(`${server.url}/incidents`);
    await p.locator('[data-testid="incident-row"]').first().waitFor();
    await p.locator('[data-testid="incident-row"]').first().getByRole('link').first().click();
    await p.getByTestId('incident-timeline').waitFor();
    await shot(p, 'incident-detail-phone');
    await p.goto(`${server.url}/dashboards`);
    await p.getByTestId('panel-count').first().waitFor({ timeout: 15_000 });
    await shot(p, 'dashboards-phone');
    await phone.close();

    const dark = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark', deviceScaleFactor: 1 });
    await dark.addInitScript(() => localStorage.setItem('vigil-color-scheme', 'dark'));
    const d = await dark.newPage();
    await login(d, server, PASSWORD);
    await d.getByRole('heading', { name: 'Overview' }).waitFor();
    await d.goto(`${server.url}/alerts`);
    await d.getByTestId('alert-row').first().waitFor();
    await d.getByTestId('alert-row').first().click();
    await d.getByTestId('alert-events').getByTestId('result-row').first().waitFor({ timeout: 15_000 });
    await shot(d, 'alert-detail-dark');
    await d.goto(`${server.url}/dashboards`);
    await d.getByTestId('panel-top').first().waitFor({ timeout: 15_000 });
    await shot(d, 'dashboards-dark');
    await d.goto(`${server.url}/routing/tree`);
    await d.getByTestId('route-node').nth(2).waitFor();
    await shot(d, 'routing-tree-dark');
    await dark.close();
  } finally {
    if (trickle) clearInterval(trickle);
    hook.close();
    await browser.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
