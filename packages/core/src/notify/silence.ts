/**
 * @module notify/silence
 * Silences: a query and a time range. While it runs, every alert the query matches sends nothing
 * (its resolve notice neither). The silencer is a `Muter` over a tenant's silences.
 */
import { SILENCE_LIMITS, VigilError } from '@vigil/contracts';
import { compileAlertMatch, type AlertMatcher } from './alert-doc.ts';
import type { Muter } from './muter.ts';

/** A silence as the pipeline needs it (times in epoch ms). */
export interface SilenceSpec {
  id: string;
  match: string;
  startsAt: number;
  endsAt: number;
}

/** A compiled silence. */
export interface CompiledSilence extends SilenceSpec {
  matches: AlertMatcher;
}

/** Where a silence is at `now`. */
export function silenceState(s: { startsAt: number; endsAt: number }, now: number): 'pending' | 'active' | 'expired' {
  return now < s.startsAt ? 'pending' : now < s.endsAt ? 'active' : 'expired';
}

/** Checks a new silence's match and times (`VIGIL_ERR_VALIDATION` / query errors naming the field). */
export function validateSilence(s: { match: string; startsAt: number; endsAt: number }, now: number): void {
  try {
    compileAlertMatch(s.match);
  } catch (err) {
    if (err instanceof VigilError) throw new VigilError(err.code, `match: ${err.message}`, { field: 'match', ...(err.details as object) });
    throw err;
  }
  if (!s.match.trim()) throw new VigilError('VIGIL_ERR_VALIDATION', 'match: a silence needs a query (an empty one would silence everything)', { field: 'match' });
  if (!(s.endsAt > s.startsAt)) throw new VigilError('VIGIL_ERR_VALIDATION', 'endsAt must be after startsAt', { field: 'endsAt' });
  if (s.endsAt <= now) throw new VigilError('VIGIL_ERR_VALIDATION', 'endsAt is in the past: the silence would never be active', { field: 'endsAt' });
  if (s.endsAt - s.startsAt > SILENCE_LIMITS.maxDurationMs) throw new VigilError('VIGIL_ERR_VALIDATION', 'a silence lasts at most 366 days', { field: 'endsAt' });
}

/** Compiles a stored silence; a query that no longer compiles matches nothing (it was valid when created). */
export function compileSilence(s: SilenceSpec): CompiledSilence {
  let matches: AlertMatcher;
  try {
    matches = compileAlertMatch(s.match);
  } catch {
    matches = () => false;
  }
  return { ...s, matches };
}

/** The muter of a tenant's silences. */
export function silencer(silences: readonly CompiledSilence[]): Muter {
  return {
    kind: 'silence',
    mutedBy(alert, now) {
      for (const s of silences) if (now >= s.startsAt && now < s.endsAt && s.matches(alert.doc)) return s.id;
      return null;
    },
  };
}
