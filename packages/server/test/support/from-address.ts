/**
 * Test support: HTTP requests from a chosen loopback source address (127.0.0.2, 127.0.0.3, …), so a
 * test can be "another client" of a server on 127.0.0.1 without leaving the machine.
 */
import { request } from 'node:http';

/** Sends a JSON request from `localAddress`; answers status, parsed body and headers. */
export function requestFrom(localAddress: string, base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Record<string, string | string[] | undefined> }> {
  const u = new URL(path, base);
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method, localAddress, headers: { ...(data ? { 'content-type': 'application/json' } : {}), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

/** Logs in from an address; answers the status, body and the session cookie. */
export async function loginFrom(localAddress: string, base: string, username: string, password: string, tenant?: string): Promise<{ status: number; body: any; cookie: string }> {
  const r = await requestFrom(localAddress, base, 'POST', '/api/v1/auth/login', { username, password, ...(tenant ? { tenant } : {}) });
  const set = r.headers['set-cookie'];
  return { status: r.status, body: r.body, cookie: Array.isArray(set) ? set[0]!.split(';')[0]! : '' };
}
