/**
 * Test support: a real Vigil runtime on a random port with a temp data dir, and a small HTTP client.
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../src/config/index.ts';
import { createLogger } from '../../src/log/logger.ts';
import { startRuntime, type Runtime } from '../../src/app/runtime.ts';
import type { BootstrapFile } from '../../src/app/bootstrap.ts';
import { tempDir } from './temp-dir.ts';
import { NO_DEFAULT_PORTS } from './process.ts';

export interface TestServer {
  rt: Runtime;
  url: string;
  dataDir: string;
  boot: BootstrapFile;
  close: () => Promise<void>;
}

/** Starts a runtime listening on 127.0.0.1 with an ephemeral port. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dir = tempDir();
  const config = loadConfig({ env: { ...NO_DEFAULT_PORTS, VIGIL_DATA_DIR: dir.path, VIGIL_HTTP_PORT: '0', VIGIL_ADMIN_PASSWORD: 'correct-horse-battery', VIGIL_STORE_FLUSH_MS: '5', VIGIL_AUTH_LOGIN_RATE_LIMIT: '1000', ...env } });
  const rt = await startRuntime(config, createLogger('silent'));
  // The runtime names its credentials file (per database: bootstrap.json on SQLite, another name on PostgreSQL).
  const boot = JSON.parse(readFileSync(rt.credentialsFile, 'utf8')) as BootstrapFile;
  return {
    rt,
    url: rt.url,
    dataDir: dir.path,
    boot,
    close: async () => {
      await rt.stop();
      dir.remove();
    },
  };
}

/** A cookie-keeping client for the session flow. */
export class Client {
  cookie = '';
  csrf = '';
  constructor(readonly base: string) {}

  async req(method: string, path: string, opts: { body?: unknown; headers?: Record<string, string>; raw?: string; type?: string } = {}): Promise<{ status: number; body: any; headers: Headers }> {
    const headers: Record<string, string> = { ...opts.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] ??= this.csrf;
    let body: string | undefined;
    if (opts.raw !== undefined) {
      body = opts.raw;
      headers['content-type'] = opts.type ?? 'text/plain';
    } else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers, body });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  async login(username: string, password: string): Promise<{ status: number; body: any }> {
    const r = await this.req('POST', '/api/v1/auth/login', { body: { username, password } });
    if (r.status === 200) this.csrf = r.body.csrfToken;
    return r;
  }
}
