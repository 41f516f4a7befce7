/**
 * `vigil rules validate|test|import|export|backtest` with the real CLI: files alone for validate/test, a
 * running server for import/export/backtest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/process.ts';
import { tempDir } from '../support/temp-dir.ts';
import { Client, startTestServer, type TestServer } from '../support/server.ts';

const dir = tempDir();
let srv: TestServer;
let writeKey = '';

const GOOD = `id: cli-brute
title: brute force from {{source.ip}}
severity: high
query: 'event.dataset:sshd AND event.outcome:failure'
threshold: {count: 3, window: 5m, group_by: [source.ip]}
`;
const BAD = `id: Bad Id
title: x
severity: extreme
threshold: {count: 0, window: soon}
`;
const SIGMA = `title: Root login
id: 1b6f2c6e-0000-4000-8000-000000000077
author: CLI Test
logsource: {product: linux, service: sshd}
detection: {kw: ['Accepted password for root'], condition: kw}
---
title: Cloud thing
logsource: {product: aws, service: cloudtrail}
detection: {sel: {eventName: x}, condition: sel}
`;

beforeAll(async () => {
  writeFileSync(join(dir.path, 'good.yaml'), GOOD);
  writeFileSync(join(dir.path, 'bad.yaml'), BAD);
  writeFileSync(join(dir.path, 'sigma.yml'), SIGMA);
  writeFileSync(join(dir.path, 'sample.log'), [1, 2, 3, 4].map((i) => `<38>Jan  2 10:00:0${i} web-1 sshd[9]: Failed password for root from 203.0.113.9 port 40${i}0 ssh2`).join('\n'));
  srv = await startTestServer();
  const admin = new Client(srv.url);
  await admin.login('admin', 'correct-horse-battery');
  writeKey = (await admin.req('POST', '/api/v1/api-keys', { body: { name: 'cli', scopes: ['read', 'write'] } })).body.key;
});
afterAll(async () => {
  await srv?.close();
  dir.remove();
});

describe('vigil rules', () => {
  it('validate reports each rule of Vigil and Sigma files, and exits 1 when one fails', async () => {
    const r = await runCli(['rules', 'validate', dir.path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ok\s+.*good\.yaml:1\s+cli-brute$/m);
    expect(r.stdout).toMatch(/^FAILED\s+.*bad\.yaml:1\s+.*id must be a slug/m);
    expect(r.stdout).toMatch(/^ok\s+.*sigma\.yml\s+sigma-1b6f2c6e/m);
    expect(r.stdout).toMatch(/^FAILED\s+.*sigma\.yml:\d+\s+Cloud thing: Vigil does not parse the log source product:aws/m);
    const ok = await runCli(['rules', 'validate', join(dir.path, 'good.yaml')]);
    expect(ok.code).toBe(0);
  });

  it('test shows the parsed events, the matches, the alerts it would raise and timing', async () => {
    const r = await runCli(['rules', 'test', join(dir.path, 'good.yaml'), join(dir.path, 'sample.log')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/parsed 4 events in [\d.]+ ms: sshd 4/);
    expect(r.stdout).toMatch(/rule cli-brute \(threshold\): 4 of 4 events match/);
    expect(r.stdout).toMatch(/alerts it would raise: 1 \(1 signals\)\n\s+high\s+brute force from 203\.0\.113\.9 {2}\(group \["203\.0\.113\.9"\], 3 events/);
    expect(r.stdout).toMatch(/timing: compile [\d.]+ ms, evaluate [\d.]+ ms/);
  });

  // Three CLI processes: a loaded machine takes well over the default 30 s to start them.
  it('import sends files to the server with a line per rule; export prints them back', { timeout: 180_000 }, async () => {
    const env = { VIGIL_URL: srv.url, VIGIL_API_KEY: writeKey };
    const r = await runCli(['rules', 'import', join(dir.path, 'good.yaml'), join(dir.path, 'sigma.yml')], env);
    expect(r.stdout).toMatch(/^created\s+.*good\.yaml\s+cli-brute$/m);
    expect(r.stdout).toMatch(/^created\s+.*sigma\.yml\s+sigma-1b6f2c6e/m);
    expect(r.stdout).toMatch(/^failed\s+.*sigma\.yml\s+Cloud thing/m);
    expect(r.code).toBe(1);
    const again = await runCli(['rules', 'import', join(dir.path, 'good.yaml')], env);
    expect(again.stdout).toMatch(/^unchanged\s+.*cli-brute/m);
    const exp = await runCli(['rules', 'export'], env);
    expect(exp.code, exp.stderr).toBe(0);
    expect(exp.stdout).toMatch(/id: cli-brute/);
    expect(exp.stdout).toMatch(/author: CLI Test/);
    expect(exp.stdout).not.toMatch(/id: ssh-brute-force/);
  });

  it('backtest runs a rule file or a stored rule over the server\'s history and prints what it would have raised', { timeout: 180_000 }, async () => {
    const day = Date.now() - 86_400_000;
    const history = [0, 1, 2, 3].map((i) => JSON.stringify({ '@timestamp': new Date(day + i * 1000).toISOString(), message: 'Failed password', 'event.dataset': 'sshd', 'event.outcome': 'failure', 'source.ip': '192.0.2.77' }));
    const r = await fetch(`${srv.url}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${srv.boot.ingestKey}`, 'content-type': 'application/x-ndjson' }, body: history.join('\n') });
    expect(r.status).toBe(202);
    const env = { VIGIL_URL: srv.url, VIGIL_API_KEY: writeKey };
    const file = await runCli(['rules', 'backtest', join(dir.path, 'good.yaml'), '--from', '-3d'], env);
    expect(file.code, file.stderr).toBe(0);
    expect(file.stdout).toMatch(/rule cli-brute \(threshold\): 4 candidate events, 4 matched; alerts it would have raised: 1 \(1 signals\)/);
    expect(file.stdout).toMatch(/high\s+brute force from 192\.0\.2\.77 {2}\(group \["192\.0\.2\.77"\], 3 events/);
    const byId = await runCli(['rules', 'backtest', '--id', 'ssh-brute-force', '--from', '-3d'], env);
    expect(byId.stdout).toMatch(/rule ssh-brute-force \(threshold\): 0 candidate events/);
    const both = await runCli(['rules', 'backtest', join(dir.path, 'good.yaml'), '--id', 'x'], env);
    expect(both.code).not.toBe(0);
  });
});
