/**
 * @module notify
 * The notification pipeline (pure, after Alertmanager): route -> group -> inhibit -> silence ->
 * time mute -> dedup -> record, and escalation. Decisions take `now`; the server does timers and I/O.
 */
export * from './alert-doc.ts';
export * from './config-problems.ts';
export * from './route-tree.ts';
export * from './time-interval.ts';
export * from './muter.ts';
export * from './silence.ts';
export * from './inhibit-rule.ts';
export * from './escalation.ts';
export * from './notification.ts';
export * from './stage.ts';
export { muteStage } from './stages/mute-stage.ts';
export { timeMuteStage, timeMutedBy } from './stages/time-mute-stage.ts';
export { dedupStage, needsUpdate } from './stages/dedup-stage.ts';
export { recordStage } from './stages/record-stage.ts';
export * from './notification-pipeline.ts';
export * from './dispatcher.ts';
export * from './notify-config.ts';
export * from './message-template.ts';
