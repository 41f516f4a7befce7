/**
 * @module notify/stages/time-mute-stage
 * Holds a route's notifications back inside its `mute_time_intervals` (maintenance windows) and
 * outside its `active_time_intervals` (office hours). Nothing is lost: the group's log is not
 * written, so the next flush after the window sends what changed.
 */
import type { FlushContext, Stage } from '../stage.ts';

/** The interval that holds a route back at `now`, or null. */
export function timeMutedBy(ctx: Pick<FlushContext, 'route' | 'timeIntervals' | 'now'>): string | null {
  const { route, timeIntervals, now } = ctx;
  for (const name of route.muteTimeIntervals) if (timeIntervals.get(name)?.contains(now)) return name;
  if (route.activeTimeIntervals.length && !route.activeTimeIntervals.some((name) => timeIntervals.get(name)?.contains(now))) return route.activeTimeIntervals.join(',');
  return null;
}

/** The time mute stage. */
export function timeMuteStage(): Stage {
  return {
    name: 'time-mute',
    run(ctx, alerts) {
      ctx.timeMuted = timeMutedBy(ctx);
      return ctx.timeMuted ? [] : alerts;
    },
  };
}
