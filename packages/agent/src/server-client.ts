/**
 * @module server-client
 * The agent's only way out: HTTP(S) requests to its server (it never listens). Answers are classified
 * for the caller: `revoked` (401 VIGIL_ERR_AGENT_REVOKED: stop for good), `unauthorized` (any other
 * 401: the credential is wrong; stop too, retrying cannot help), `rejected` (another 4xx: this batch
 * will never be taken as it is), `retry` (network errors, 5xx, 429: keep it and back off).
 * node:http rather than fetch keeps the agent's memory down (undici costs several MB); node:https
 * (and TLS with it, about 1 MB resident) is loaded only for an https:// server.
 */
import http from 'node:http';
import type { ErrorBody } from '@vigil/contracts';

/** The outcome of one request. */
export type Outcome<T> =
  | { ok: true; status: number; body: T; date: number | null }
  | { ok: false; kind: 'revoked' | 'unauthorized' | 'rejected' | 'retry'; status: number; code: string | null; message: string; retryAfterMs?: number };

/** A client of one server. */
export class ServerClient {
  private readonly tls: boolean;
  private transport: Promise<{ request: typeof http.request; agent: http.Agent }> | null = null;
  private agent: http.Agent | null = null;

  constructor(private readonly base: string, private readonly opts: { credential?: () => string | undefined; insecureTls?: boolean; timeoutMs?: number; userAgent?: string } = {}) {
    const u = new URL(base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`server URL must be http:// or https://, not ${base}`);
    this.tls = u.protocol === 'https:';
  }

  /** The request function and keep-alive agent for the server's scheme, made on first use. */
  private connect(): Promise<{ request: typeof http.request; agent: http.Agent }> {
    this.transport ??= (async () => {
      if (!this.tls) return { request: http.request, agent: (this.agent = new http.Agent({ keepAlive: true, maxSockets: 4 })) };
      const https = await import('node:https');
      return { request: https.request, agent: (this.agent = new https.Agent({ keepAlive: true, maxSockets: 4, rejectUnauthorized: !this.opts.insecureTls })) };
    })();
    return this.transport;
  }

  /** Sends one request (a Buffer body is JSON already and goes as it is); never throws. */
  async request<T>(method: string, path: string, body?: unknown, opts: { timeoutMs?: number; auth?: boolean } = {}): Promise<Outcome<T>> {
    const { request, agent } = await this.connect();
    const url = new URL(path, this.base.endsWith('/') ? this.base : `${this.base}/`);
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string | number> = { accept: 'application/json', 'user-agent': this.opts.userAgent ?? 'vigil-agent' };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    const cred = opts.auth === false ? undefined : this.opts.credential?.();
    if (cred) headers.authorization = `Bearer ${cred}`;
    const timeoutMs = opts.timeoutMs ?? this.opts.timeoutMs ?? 30_000;
    return new Promise((resolve) => {
      let settled = false;
      const done = (o: Outcome<T>) => {
        if (!settled) {
          settled = true;
          resolve(o);
        }
      };
      const req = request(url, { method, headers, agent, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => done({ ok: false, kind: 'retry', status: 0, code: null, message: err.message }));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = undefined;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = text;
          }
          const date = res.headers.date ? Date.parse(res.headers.date) : NaN;
          if (status >= 200 && status < 300) return done({ ok: true, status, body: parsed as T, date: Number.isFinite(date) ? date : null });
          const err = (parsed as Partial<ErrorBody> | undefined)?.error;
          const code = err?.code ?? null;
          const message = err?.message ?? `HTTP ${status}`;
          const retryAfter = Number(res.headers['retry-after']);
          const kind = status === 401 ? (code === 'VIGIL_ERR_AGENT_REVOKED' ? 'revoked' : 'unauthorized') : status === 429 || status >= 500 || status === 408 ? 'retry' : 'rejected';
          done({ ok: false, kind, status, code, message, ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}) });
        });
      });
      req.on('timeout', () => req.destroy(new Error(`no answer from ${url.host} within ${timeoutMs / 1000} s`)));
      req.on('error', (err) => done({ ok: false, kind: 'retry', status: 0, code: null, message: err.message }));
      req.end(payload);
    });
  }

  /** Closes idle connections. */
  close(): void {
    this.agent?.destroy();
  }
}
