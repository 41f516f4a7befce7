/**
 * @module notify/notification-pipeline
 * The stages one group flush runs for each receiver, in one place:
 * inhibit -> silence -> time mute -> dedup -> record. Routing and grouping come before (the
 * dispatcher); the durable queue, retries and the delivery log come after (the server).
 */
import type { Muter } from './muter.ts';
import { multiStage, type Stage } from './stage.ts';
import { muteStage } from './stages/mute-stage.ts';
import { timeMuteStage } from './stages/time-mute-stage.ts';
import { dedupStage } from './stages/dedup-stage.ts';
import { recordStage } from './stages/record-stage.ts';

/** The notification pipeline over a tenant's muters. */
export function notificationPipeline(m: { inhibitor: Muter; silencer: Muter }): Stage {
  return multiStage(muteStage(m.inhibitor), muteStage(m.silencer), timeMuteStage(), dedupStage(), recordStage());
}
