/**
 * @module notifications duration
 * Minutes ↔ the API's duration strings (`15m`, `1h30m`, `90s`) for the forms that ask for minutes.
 */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** A duration like `1h30m` in milliseconds, or null when it is not one. */
export function parseDurationMs(text: string): number | null {
  const s = text.trim();
  if (!s) return null;
  let total = 0;
  let rest = s;
  while (rest) {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/.exec(rest);
    if (!m) return null;
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return total;
}

/** A duration in minutes (fractions for seconds), or null. */
export function durationMinutes(text: string): number | null {
  const ms = parseDurationMs(text);
  return ms === null ? null : ms / 60_000;
}

/** Minutes as the API's duration (`15m`; `90s` for a fraction). */
export function minutesDuration(minutes: number): string {
  return Number.isInteger(minutes) ? `${minutes}m` : `${Math.round(minutes * 60)}s`;
}
