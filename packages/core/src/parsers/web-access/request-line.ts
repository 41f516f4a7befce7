/**
 * @module parsers/web-access/request-line
 * The HTTP request line `METHOD target[ HTTP/x.y]`. Anything else (TLS bytes sent to a plain port,
 * scanner garbage) is kept whole in `url.original` so detection rules still see it.
 */
import type { FieldValue } from '@vigil/contracts';

/** True when every char is an ASCII letter (or `_`/`-`): the shape of an HTTP method. */
function isMethod(s: string): boolean {
  if (s.length === 0 || s.length > 20) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45)) return false;
  }
  return true;
}

/** Fills `http.request.method`, `url.original`, `url.path`, `url.query`, `http.version` from a request line. */
export function setRequestLine(f: Record<string, FieldValue>, request: string): void {
  if (request === '' || request === '-') return;
  const sp = request.indexOf(' ');
  const method = sp < 0 ? '' : request.slice(0, sp);
  if (!isMethod(method)) {
    f['url.original'] = request;
    return;
  }
  let target = request.slice(sp + 1);
  const h = target.lastIndexOf(' HTTP/');
  if (h >= 0) {
    f['http.version'] = target.slice(h + 6);
    target = target.slice(0, h);
  } else if (target.indexOf(' ') >= 0) {
    f['url.original'] = request;
    return;
  }
  f['http.request.method'] = method;
  f['url.original'] = target;
  const q = target.indexOf('?');
  f['url.path'] = q < 0 ? target : target.slice(0, q);
  if (q >= 0) f['url.query'] = target.slice(q + 1);
}
