/**
 * @module log
 * The agent's log: one line per message on stderr (journald or the terminal keeps it), never a secret.
 */

/** Log levels. */
export type Level = 'debug' | 'info' | 'warn' | 'error';

const RANK: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** A logger. */
export type Log = (level: Level, message: string, fields?: Record<string, unknown>) => void;

/** A logger writing at or above `min` to stderr. */
export function createLog(min: Level = (process.env.VIGIL_AGENT_LOG_LEVEL as Level) || 'info'): Log {
  return (level, message, fields) => {
    if (RANK[level] < (RANK[min] ?? 1)) return;
    const extra = fields ? ` ${Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ')}` : '';
    process.stderr.write(`${new Date().toISOString()} ${level} ${message}${extra}\n`);
  };
}
