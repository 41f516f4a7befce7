/**
 * @module version
 * The agent's version: set by the bundle build from packages/agent/package.json.
 */
declare const __VIGIL_AGENT_VERSION__: string | undefined;

/** This agent's version. */
export const AGENT_VERSION: string = typeof __VIGIL_AGENT_VERSION__ === 'string' ? __VIGIL_AGENT_VERSION__ : '0.1.0-dev';
