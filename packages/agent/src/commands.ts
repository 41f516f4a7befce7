/**
 * @module commands
 * What the agent does for a command from its server: a registry by command type (only `ping` until
 * response actions arrive). A handler answers a result object or throws with a reason.
 */
import { AGENT_VERSION } from './version.ts';

/** A command handler. */
export type CommandHandler = (args: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** The built-in handlers. */
export const COMMAND_HANDLERS: Readonly<Record<string, CommandHandler>> = {
  ping: async (args) => ({ pong: true, at: new Date().toISOString(), agentVersion: AGENT_VERSION, ...(typeof args.echo === 'string' ? { echo: args.echo.slice(0, 200) } : {}) }),
};
