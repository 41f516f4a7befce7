/**
 * @module incidents
 * Incidents (pure): the lifecycle (one function per change), automatic grouping of alerts by a
 * tenant's incident rules, and the postmortem export as Markdown.
 */
export * from './incident-state.ts';
export * from './incident-grouping.ts';
export * from './postmortem-markdown.ts';
