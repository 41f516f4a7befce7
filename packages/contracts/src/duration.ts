/**
 * @module duration
 * Durations such as `30s`, `15m`, `12h`, `7d`: one grammar for config, time ranges and rule windows.
 */

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Milliseconds of a duration like `15m`, or null when the text is not one. */
export function parseDuration(text: string): number | null {
  if (typeof text !== 'string') return null;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(text.trim());
  if (!m) return null;
  return Math.round(Number(m[1]) * UNITS[m[2]!]!);
}
