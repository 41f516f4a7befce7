/**
 * A fetch stand-in for component tests: routes "METHOD /path" to handlers and records calls.
 * Only component tests use it; e2e tests run against a real server.
 */
import { vi } from 'vitest';
import { jsonResponse } from './render.tsx';

export interface RecordedCall {
  method: string;
  path: string;
  params: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

export type Handler = (call: RecordedCall) => Response | Promise<Response> | unknown;

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Installs a fetch mock; unknown routes answer 404 with a coded error. */
export function mockApi(routes: Record<string, Handler>) {
  const calls: RecordedCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const headers = Object.fromEntries(Object.entries((init?.headers as Record<string, string>) ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    // JSON bodies arrive parsed; others (YAML) as their text.
    const body = typeof init?.body === 'string' ? parseOrText(init.body) : undefined;
    const call = { method, path, params: url.searchParams, headers, body };
    calls.push(call);
    const handler = routes[`${method} ${path}`] ?? Object.entries(routes).find(([k]) => {
      const [m, p] = k.split(' ');
      return m === method && new RegExp(`^${p.replace(/:[^/]+/g, '[^/]+')}$`).test(path);
    })?.[1];
    if (!handler) return jsonResponse({ error: { code: 'VIGIL_ERR_NOT_FOUND', message: `No mock for ${method} ${path}` } }, 404);
    const out = await handler(call);
    return out instanceof Response ? out : jsonResponse(out);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}
