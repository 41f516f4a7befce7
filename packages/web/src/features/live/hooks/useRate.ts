/**
 * @module useRate
 * Events per second from a growing counter, averaged over a sliding window.
 */
import { useEffect, useRef, useState } from 'react';

/** The counter's rate per second over the last `windowSec` seconds, updated every second. */
export function useRate(counter: number, windowSec = 10): number {
  const latest = useRef(counter);
  latest.current = counter;
  const samples = useRef<{ t: number; n: number }[]>([]);
  const [rate, setRate] = useState(0);
  useEffect(() => {
    const id = setInterval(() => {
      const now = Date.now();
      const s = samples.current;
      s.push({ t: now, n: latest.current });
      while (s.length > 1 && now - s[0].t > windowSec * 1000) s.shift();
      const first = s[0];
      const span = (now - first.t) / 1000;
      setRate(span > 0 ? Math.max(0, (latest.current - first.n) / span) : 0);
    }, 1000);
    return () => clearInterval(id);
  }, [windowSec]);
  return rate;
}
