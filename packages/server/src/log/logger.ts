/**
 * @module log/logger
 * Structured JSON logs (pino). Secret-bearing paths are redacted so no password or key is ever logged.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

/** Creates the process logger at a level. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'vigil' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['password', '*.password', 'key', '*.key', 'secret', '*.secret', 'token', '*.token', 'req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'ingestKey', 'admin_password', '*.admin_password', 'database.url'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
