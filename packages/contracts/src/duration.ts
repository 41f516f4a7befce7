/**
 * @module duration
 * The one duration grammar: a positive number and a unit, `500ms`, `30s`, `15m`, `1.5h`, `7d`, `2w`.
 * Configuration (`auth.session_ttl`), search ranges (`-15m`, `interval=1h`) and rule windows all read
 * durations with it, so a spelling that works in one place works in all.
 */

/** Milliseconds per unit. */
export const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** The grammar as a regex source (number, unit), for composing (e.g. relative times `now-15m`). */
export const DURATION_PATTERN = '(\\d{1,15}(?:\\.\\d{1,9})?)(ms|s|m|h|d|w)';

const DURATION = new RegExp(`^${DURATION_PATTERN}$`);

/** Human text of the grammar, for error messages. */
export const DURATION_HINT = 'a duration such as 500ms, 30s, 15m, 12h, 7d or 2w';

/** Milliseconds of a duration like `15m` (rounded to whole ms), or null when the text is not one. */
export function parseDuration(text: string): number | null {
  if (typeof text !== 'string') return null;
  const m = DURATION.exec(text.trim());
  if (!m) return null;
  return Math.round(Number(m[1]) * DURATION_UNITS[m[2]!]!);
}
