/**
 * @module notify/muter
 * The one shape of everything that keeps an alert quiet (Alertmanager's `Muter`): silences and
 * inhibit rules both answer whether they mute an alert now, and which one did.
 */
import type { AlertDoc } from './alert-doc.ts';

/** An alert as muters see it: its id, state and document. */
export interface MuteCandidate {
  id: string;
  state: string;
  doc: AlertDoc;
}

/** Decides whether alerts are muted at a time. */
export interface Muter {
  /** What kind of muter this is (`silence`, `inhibit_rule`), for reports. */
  readonly kind: string;
  /** The id of what mutes the alert at `now`, or null. */
  mutedBy(alert: MuteCandidate, now: number): string | null;
}
