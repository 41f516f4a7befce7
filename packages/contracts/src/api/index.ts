/**
 * @module api
 * The HTTP API contracts, one file per resource: TypeBox schemas (validation and OpenAPI in the
 * server) and their static types (the web app's view of the API).
 */
export * from './common.ts';
export * from './auth.ts';
export * from './users.ts';
export * from './api-keys.ts';
export * from './events.ts';
export * from './ingest.ts';
export * from './saved-searches.ts';
export * from './extraction-rules.ts';
export * from './parsers.ts';
export * from './inputs.ts';
export * from './ops.ts';
export * from './stream.ts';
export * from './snmp.ts';
export * from './metrics.ts';
export * from './devices.ts';
export * from './tenants.ts';
export * from './alerts.ts';
export * from './rules.ts';
export * from './channels.ts';
export * from './routes.ts';
export * from './silences.ts';
export * from './time-intervals.ts';
export * from './inhibit-rules.ts';
export * from './escalation-policies.ts';
export * from './alert-links.ts';
export * from './incidents.ts';
export * from './audit-log.ts';
export * from './reports.ts';
export * from './agents.ts';
export * from './hosts.ts';
export * from './dashboards.ts';
