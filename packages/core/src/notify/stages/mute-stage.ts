/**
 * @module notify/stages/mute-stage
 * Drops the alerts a `Muter` mutes now (silences, inhibit rules), noting each in the context.
 */
import type { Muter } from '../muter.ts';
import type { Stage } from '../stage.ts';

/** The stage of one muter. */
export function muteStage(muter: Muter): Stage {
  return {
    name: `mute:${muter.kind}`,
    run(ctx, alerts) {
      return alerts.filter((a) => {
        const by = muter.mutedBy(a, ctx.now);
        if (by) ctx.muted.push({ id: a.id, state: a.state, kind: muter.kind, by });
        return !by;
      });
    },
  };
}
