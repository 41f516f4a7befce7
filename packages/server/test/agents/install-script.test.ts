/**
 * The installer and the supply chain, run for real with /bin/sh in a temp root: `GET /install.sh`
 * downloads the bundle from the server, checks its SHA-256 and Ed25519 signature (release key in the
 * data dir, 0600), installs, writes the config and enrolls with a token; `--no-systemd --no-start`
 * stops before running it, and without `--no-systemd` under `--root` the unit file is written (no
 * systemctl). `--no-user` skips useradd, which a test must not run on the machine. A tampered bundle
 * (wrong digest, or a digest forged without the key) is refused and nothing is installed.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServer, Client, type TestServer } from '../support/server.ts';
import { tempDir } from '../support/temp-dir.ts';
import { buildAgentBundle } from '../support/agent.ts';

let srv: TestServer;
let admin: Client;
let script: string;
const roots = tempDir('vigil-install-');

function sh(text: string, args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((res) => {
    const file = join(roots.path, `install-${Math.random().toString(36).slice(2)}.sh`);
    writeFileSync(file, text);
    const child = spawn('/bin/sh', [file, ...args], { env: { ...process.env, NODE: process.execPath }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => res({ code, out }));
  });
}

async function token(): Promise<string> {
  return (await admin.req('POST', '/api/v1/agents/tokens', { body: { ttl: '10m' } })).body.token;
}

beforeAll(async () => {
  buildAgentBundle();
  srv = await startTestServer();
  admin = new Client(srv.url);
  await admin.login('admin', 'correct-horse-battery');
  const r = await fetch(`${srv.url}/install.sh`);
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/text\/x-shellscript/);
  script = await r.text();
}, 180_000);
afterAll(async () => {
  await srv?.close();
  roots.remove();
});

describe('the signed bundle', () => {
  it('is served with its digest and a signature by the release key kept 0600 in the data dir', async () => {
    const info = (await (await fetch(`${srv.url}/api/v1/agents/bundle/info`)).json()) as { sha256: string; signature: string; publicKey: string; version: string; sbom: boolean };
    const bytes = Buffer.from(await (await fetch(`${srv.url}/api/v1/agents/bundle`)).arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(info.sha256);
    expect(verify(null, bytes, createPublicKey(info.publicKey), Buffer.from(info.signature, 'base64'))).toBe(true);
    expect((await (await fetch(`${srv.url}/api/v1/agents/bundle/signature`)).text()).trim()).toBe(info.signature);
    const keyFile = join(srv.dataDir, 'agent-release-key.pem');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(script).toContain(info.publicKey.trim());
    expect(script).toContain(info.sha256);
    expect(script).not.toContain('PRIVATE KEY');
    expect(info.version).toBe('0.1.0');
    if (info.sbom) expect(((await (await fetch(`${srv.url}/api/v1/agents/bundle/sbom`)).json()) as { bomFormat: string }).bomFormat).toBe('CycloneDX');
  });
});

describe('install.sh', { timeout: 120_000 }, () => {
  it('verifies, installs under --root, writes the config and enrolls (--no-systemd --no-start --no-user)', async () => {
    const root = join(roots.path, 'r1');
    const r = await sh(script, ['--root', root, '--no-systemd', '--no-start', '--no-user', '--token', await token()]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/bundle verified/);
    const installed = readFileSync(join(root, 'opt/vigil-agent/vigil-agent.js'));
    expect(createHash('sha256').update(installed).digest('hex')).toBe(readFileSync(join(root, 'opt/vigil-agent/vigil-agent.js.sha256'), 'utf8').split(' ')[0]);
    const cfg = JSON.parse(readFileSync(join(root, 'etc/vigil-agent/agent.json'), 'utf8')) as { server: string; stateDir: string };
    expect(cfg).toEqual({ server: srv.url, stateDir: join(root, 'var/lib/vigil-agent') });
    expect(statSync(join(root, 'var/lib/vigil-agent')).mode & 0o777).toBe(0o700);
    expect(statSync(join(root, 'var/lib/vigil-agent/credential.json')).mode & 0o777).toBe(0o600);
    const hostId = (JSON.parse(readFileSync(join(root, 'var/lib/vigil-agent/credential.json'), 'utf8')) as { hostId: string }).hostId;
    expect((await admin.req('GET', `/api/v1/hosts/${hostId}`)).status).toBe(200);
    expect(existsSync(join(root, 'etc/systemd/system/vigil-agent.service'))).toBe(false);
  });

  it('writes a hardened systemd unit (without systemctl under --root)', async () => {
    const root = join(roots.path, 'r2');
    const r = await sh(script, ['--root', root, '--no-start', '--no-user']);
    expect(r.code, r.out).toBe(0);
    const unit = readFileSync(join(root, 'etc/systemd/system/vigil-agent.service'), 'utf8');
    expect(unit).toContain('User=vigil-agent');
    expect(unit).toContain('RestartPreventExitStatus=3 4');
    expect(unit).toContain(`ExecStart=${process.execPath} --max-old-space-size=64 /opt/vigil-agent/vigil-agent.js run --config /etc/vigil-agent/agent.json`);
    expect(unit).toContain('NoNewPrivileges=yes');
  });

  it('refuses a tampered bundle and installs nothing', async () => {
    // A proxy in front of the server that changes one byte of the bundle.
    const up = new URL(srv.url);
    const proxy: Server = createServer((req, res) => {
      const p = request({ host: up.hostname, port: up.port, path: req.url, method: req.method, headers: req.headers }, (pr) => {
        const chunks: Buffer[] = [];
        pr.on('data', (c: Buffer) => chunks.push(c));
        pr.on('end', () => {
          let body = Buffer.concat(chunks);
          if (req.url === '/api/v1/agents/bundle') body = Buffer.concat([body, Buffer.from('\nrequire("child_process").exec("id");\n')]);
          res.writeHead(pr.statusCode ?? 500, { 'content-type': pr.headers['content-type'] ?? 'text/plain' });
          res.end(body);
        });
      });
      req.pipe(p);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const addr = proxy.address() as { port: number };
    try {
      const root = join(roots.path, 'r3');
      const r = await sh(script, ['--root', root, '--no-systemd', '--no-start', '--no-user', '--server', `http://127.0.0.1:${addr.port}`]);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/SHA-256 mismatch/);
      expect(r.out).toMatch(/refusing to install/);
      expect(existsSync(root) ? readdirSync(root) : []).toEqual([]);
      // The digest forged to match the tampered bundle: the signature still gives it away.
      const tampered = Buffer.from(await (await fetch(`http://127.0.0.1:${addr.port}/api/v1/agents/bundle`)).arrayBuffer());
      const forged = script.replace(/^EXPECTED_SHA256='[0-9a-f]{64}'$/m, `EXPECTED_SHA256='${createHash('sha256').update(tampered).digest('hex')}'`);
      expect(forged).not.toBe(script);
      const r2 = await sh(forged, ['--root', root, '--no-systemd', '--no-start', '--no-user', '--server', `http://127.0.0.1:${addr.port}`]);
      expect(r2.code).toBe(1);
      expect(r2.out).toMatch(/signature does not verify/);
      expect(existsSync(root) ? readdirSync(root) : []).toEqual([]);
    } finally {
      proxy.close();
    }
  });
});
