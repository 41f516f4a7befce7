/**
 * Configuration that used to lie by omission now stops `vigil start` with a message naming the key,
 * its env variable and what to do (real CLI, real sockets): a nested YAML typo, an unsupported database
 * URL, a missing TLS file, half a TLS pair, a busy HTTP port and a busy syslog port.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { createSocket, type Socket } from 'node:dgram';
import { join } from 'node:path';
import { runCli, freePort, NO_DEFAULT_PORTS } from '../support/process.ts';
import { tempDir } from '../support/temp-dir.ts';
import { loadConfig, explainListenError } from '../../src/config/index.ts';

let dir: ReturnType<typeof tempDir>;
const held: (Server | Socket)[] = [];

beforeAll(() => {
  dir = tempDir();
});
afterAll(() => {
  for (const h of held) h.close();
  dir.remove();
});

/** Runs `vigil start` expecting it to refuse; answers stderr. */
async function refuses(env: Record<string, string>, args: string[] = []): Promise<string> {
  const port = await freePort();
  const r = await runCli([...args, 'start'], { ...NO_DEFAULT_PORTS, VIGIL_HTTP_PORT: String(port), VIGIL_DATA_DIR: join(dir.path, `d${port}`), VIGIL_LOG_FORMAT: 'json', ...env });
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^error: .*\(VIGIL_ERR_CONFIG\)\n$/);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  return r.stderr;
}

function tcpHold(port: number): Promise<void> {
  return new Promise((res, rej) => {
    const s = createServer().once('error', rej);
    s.listen(port, '0.0.0.0', () => (held.push(s), res()));
  });
}
function udpHold(port: number): Promise<void> {
  return new Promise((res, rej) => {
    const s = createSocket('udp4').once('error', rej);
    s.bind(port, '0.0.0.0', () => (held.push(s), res()));
  });
}

describe('vigil start refuses configuration it cannot honour', () => {
  it('a nested YAML typo: names the path and the key meant', async () => {
    const f = join(dir.path, 'typo.yaml');
    writeFileSync(f, 'http:\n  prot: 18585\n');
    const err = await refuses({}, ['--config', f]);
    expect(err).toMatch(/Unknown key "http\.prot" in .*typo\.yaml.*Did you mean "http\.port"\?/);
  });

  it('a database URL that is neither PostgreSQL nor SQLite', async () => {
    const err = await refuses({ VIGIL_DATABASE_URL: 'mysql://vigil:secret@127.0.0.1/vigil' });
    expect(err).toMatch(/database\.url \(VIGIL_DATABASE_URL\) from the environment uses "mysql:".*postgres:\/\//);
    expect(err).not.toContain('secret');
  });

  it('a TLS certificate file that does not exist', async () => {
    const err = await refuses({ VIGIL_SYSLOG_TLS_CERT: join(dir.path, 'missing.pem'), VIGIL_SYSLOG_TLS_KEY: join(dir.path, 'missing.key') });
    expect(err).toMatch(/syslog\.tls_cert \(VIGIL_SYSLOG_TLS_CERT\) .*missing\.pem, which does not exist\. Point it at the PEM certificate/);
  });

  it('a TLS certificate without its key', async () => {
    const cert = join(dir.path, 'cert.pem');
    writeFileSync(cert, '-----BEGIN CERTIFICATE-----\n');
    const err = await refuses({ VIGIL_SYSLOG_TLS_CERT: cert });
    expect(err).toMatch(/syslog\.tls_cert \(VIGIL_SYSLOG_TLS_CERT\) is set .* but syslog\.tls_key \(VIGIL_SYSLOG_TLS_KEY\) is not/);
  });

  it('a busy HTTP port', async () => {
    const port = await freePort();
    await tcpHold(port);
    const err = await refuses({ VIGIL_HTTP_PORT: String(port), VIGIL_HTTP_HOST: '0.0.0.0' });
    expect(err).toMatch(new RegExp(`http\\.port \\(VIGIL_HTTP_PORT\\): port ${port} is already in use.*set VIGIL_HTTP_PORT to a free port`));
  });

  it('a busy syslog port', async () => {
    const port = await freePort();
    await tcpHold(port);
    await udpHold(port);
    const err = await refuses({ VIGIL_SYSLOG_PORT: String(port), VIGIL_SYSLOG_HOST: '0.0.0.0' });
    expect(err).toMatch(new RegExp(`syslog\\.port \\(VIGIL_SYSLOG_PORT\\): port ${port} is already in use.*0 disables`));
  });
});

describe('config checks (in process)', () => {
  it('accepts what is valid: postgres://, postgresql://, sqlite: and a bare SQLite path; a flat dotted YAML key', () => {
    for (const url of ['postgres://u@h/db', 'postgresql://u@h:5433/db?schema=s', 'sqlite:/tmp/x.db', './data/other.db']) expect(() => loadConfig({ env: { VIGIL_DATABASE_URL: url } })).not.toThrow();
    const f = join(dir.path, 'flat.yaml');
    writeFileSync(f, 'http.port: 18586\nsyslog:\n  port: 0\nhttp:\n');
    const c = loadConfig({ file: f, env: {} });
    expect(c['http.port']).toBe(18586);
    expect(c['syslog.port']).toBe(0);
  });

  it('names the key of a port that needs privileges', () => {
    const e = explainListenError(Object.assign(new Error('listen EACCES'), { code: 'EACCES', port: 514 }), { 'syslog.port': 514, 'http.port': 8080 });
    expect(e?.message).toMatch(/syslog\.port \(VIGIL_SYSLOG_PORT\): port 514 needs root/);
    expect(explainListenError(new Error('other'), {})).toBeNull();
  });
});
