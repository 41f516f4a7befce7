/**
 * @module detection
 * The detector in the server: rules from a RuleSource, the core engine in a worker thread, signals to
 * an AlertSink, checkpoints of (state, position).
 */
export type { AlertSink } from './alert-sink.ts';
export type { RuleSource, StoredRule } from './rule-source.ts';
export { DetectionCheckpoints, type Checkpoint } from './detection-checkpoints.ts';
export { EngineClient } from './engine-client.ts';
export { EngineHost } from './engine-host.ts';
export { DetectionService, type DetectionDeps, type DetectionOptions } from './detection-service.ts';
