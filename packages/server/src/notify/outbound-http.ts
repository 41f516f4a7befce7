/**
 * @module notify/outbound-http
 * The one HTTP client of the channels: a POST through the outbound guard, with a time limit, no
 * redirects (a redirect could lead past the guard), and the answer turned into a `DeliveryResult`.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { VigilError } from '@vigil/contracts';
import { checkLiteralHost, guardedLookup } from './outbound-guard.ts';
import type { DeliveryResult } from './notifier.ts';

/** One outbound request. */
export interface OutboundRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  allowPrivate: boolean;
  timeoutMs: number;
}

/** Most bytes of a response body kept (for error reasons). */
const MAX_RESPONSE_BYTES = 64 * 1024;

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The reason text of a thrown error, coded errors and socket errors alike. */
function errorReason(err: unknown): { reason: string; retry: boolean } {
  if (err instanceof VigilError) return { reason: `${err.code}: ${err.message}`, retry: err.code !== 'VIGIL_ERR_OUTBOUND_BLOCKED' };
  const e = err as NodeJS.ErrnoException;
  return { reason: e.code ? `${e.code}: ${e.message}` : String(e.message ?? err), retry: true };
}

/** Sends a POST and classifies the answer: 2xx ok; 408/429/5xx and network errors retryable; other 4xx and 3xx permanent. */
export async function postOutbound(req: OutboundRequest): Promise<DeliveryResult> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = new URL(req.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new VigilError('VIGIL_ERR_VALIDATION', `only http and https URLs are allowed, not ${url.protocol}`);
    checkLiteralHost(url.hostname, req.allowPrivate);
  } catch (err) {
    return { ok: false, ...errorReason(err), retry: false, latencyMs: latency() };
  }
  return new Promise<DeliveryResult>((resolve) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const r = send(url, {
      method: 'POST',
      headers: { 'content-length': Buffer.byteLength(req.body), 'user-agent': 'Vigil-Notifier', ...req.headers },
      lookup: guardedLookup(req.allowPrivate) as never,
      timeout: req.timeoutMs,
    }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        if (size < MAX_RESPONSE_BYTES) chunks.push(c);
        size += c.length;
      });
      res.on('error', (err) => resolve({ ok: false, ...errorReason(err), latencyMs: latency() }));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) return resolve({ ok: true, statusCode: status, latencyMs: latency() });
        const text = Buffer.concat(chunks).toString('utf8').slice(0, 300).replace(/\s+/g, ' ').trim();
        const retry = status === 408 || status === 429 || status >= 500;
        const retryAfterMs = parseRetryAfter(res.headers['retry-after'], Date.now());
        const why = status >= 300 && status < 400 ? ' (redirects are not followed)' : '';
        resolve({ ok: false, retry, reason: `HTTP ${status} from ${url.host}${why}${text ? `: ${text}` : ''}`, statusCode: status, latencyMs: latency(), ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
      });
    });
    r.on('timeout', () => r.destroy(Object.assign(new Error(`no answer from ${url.host} within ${req.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    r.on('error', (err) => resolve({ ok: false, ...errorReason(err), latencyMs: latency() }));
    r.end(req.body);
  });
}
