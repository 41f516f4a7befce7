/**
 * @module pipeline/yield-loop
 * Long synchronous loops (parsing a 13 MB text ingest, trying 1,000 lines on /parsers/test) give the
 * event loop a turn every few milliseconds, so health checks, syslog and other requests keep flowing.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Items between clock reads: reading the clock per item would cost more than the work for short items. */
const CHECK_EVERY = 256;

/** Runs `fn(i)` for i in [0, n), yielding to the event loop whenever a slice ran longer than `sliceMs`. */
export async function forEachYielding(n: number, fn: (i: number) => void, sliceMs = 8): Promise<void> {
  let sliceStart = performance.now();
  for (let i = 0; i < n; i++) {
    fn(i);
    if ((i + 1) % CHECK_EVERY === 0 && performance.now() - sliceStart > sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
