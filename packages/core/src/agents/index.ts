/**
 * @module agents
 * Pure host-agent decisions the server uses: host status from the last time heard of, and metric
 * samples as detection-ready events.
 */
export * from './host-status.ts';
export * from './metric-events.ts';
