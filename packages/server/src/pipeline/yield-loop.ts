/**
 * @module pipeline/yield-loop
 * Long synchronous loops (parsing a 13 MB text ingest, trying 1,000 lines on /parsers/test) give the
 * event loop a turn every few milliseconds, so health checks, syslog and other requests keep flowing.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Items between clock reads: reading the clock per item would cost more than the work for short items. */
const CHECK_EVERY = 256;

/**
 * Runs `fn(i)` for i in [0, n), yielding to the event loop whenever a slice ran longer than `sliceMs`.
 * `checkEvery` items pass between clock reads (1 when each item may be large, e.g. a 1 MiB line).
 */
export async function forEachYielding(n: number, fn: (i: number) => void, sliceMs = 8, checkEvery = CHECK_EVERY): Promise<void> {
  let sliceStart = performance.now();
  for (let i = 0; i < n; i++) {
    fn(i);
    if ((i + 1) % checkEvery === 0 && performance.now() - sliceStart > sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}

/** Text lines (LF or CRLF) as line items of one sender, skipping blank lines; a 13 MB body is split in slices that yield. */
export async function textLineItems(text: string, sourceIp: string | undefined, sliceMs = 8): Promise<{ kind: 'line'; line: string; sourceIp?: string }[]> {
  const items: { kind: 'line'; line: string; sourceIp?: string }[] = [];
  let start = 0;
  let sliceStart = performance.now();
  let n = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    if (line.trim()) items.push({ kind: 'line', line, sourceIp });
    if (++n % CHECK_EVERY === 0 && performance.now() - sliceStart > sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  return items;
}
