/**
 * The search indexer yields to ingest: while events arrive faster than the busy rate, each slice of
 * work earns a pause that keeps the indexer to its share of the time; when arrivals slow down it
 * catches up at full speed.
 */
import { describe, it, expect } from 'vitest';
import { busyPause as indexerPause } from '../../src/storage/busy-pause.ts';

describe('search indexer pacing', () => {
  it('pauses so that work is the configured share of the time while the log grows fast', () => {
    // 50,000 events arrived in one second; 100 ms of work at a 10 % share owes 900 ms.
    expect(indexerPause({ head: 0, at: 0 }, { head: 50_000, at: 1000 }, 100, 0.1, 2000)).toEqual({ busy: true, pauseMs: 900 });
    // 25 % share: 300 ms.
    expect(indexerPause({ head: 0, at: 0 }, { head: 50_000, at: 1000 }, 100, 0.25, 2000).pauseMs).toBeCloseTo(300);
  });

  it('runs at full speed when arrivals are slow, on the first sample, or unpaced', () => {
    expect(indexerPause({ head: 0, at: 0 }, { head: 1_000, at: 1000 }, 100, 0.1, 2000)).toEqual({ busy: false, pauseMs: 0 });
    expect(indexerPause(null, { head: 1e6, at: 1000 }, 100, 0.1, 2000)).toEqual({ busy: false, pauseMs: 0 });
    expect(indexerPause({ head: 0, at: 0 }, { head: 1e6, at: 1000 }, 100, 1, 2000)).toEqual({ busy: false, pauseMs: 0 });
  });

  it('never owes more than 30 s, nor a negative or non-finite pause', () => {
    expect(indexerPause({ head: 0, at: 0 }, { head: 1e9, at: 1 }, 60_000, 0.01, 2000).pauseMs).toBe(30_000);
    expect(indexerPause({ head: 0, at: 10 }, { head: 1e9, at: 10 }, 100, 0.1, 2000).pauseMs).toBe(0);
    expect(indexerPause({ head: 0, at: 0 }, { head: Number.NaN, at: 10 }, 100, 0.1, 2000).pauseMs).toBe(0);
    expect(indexerPause({ head: 0, at: 0 }, { head: 1e6, at: 10 }, -5, 0.1, 2000).pauseMs).toBe(0);
  });
});
