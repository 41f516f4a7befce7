/**
 * @module log/logger
 * Structured logs (pino): JSON lines for pipes, files and log shippers; human lines on a terminal
 * (`log.format`). Secret-bearing paths are redacted so no password or key is ever logged.
 */
import { pino, type Logger } from 'pino';
import { prettyDestination } from './pretty.ts';

export type { Logger };

/** How logs are written: `auto` is pretty on a terminal and JSON otherwise. */
export type LogFormat = 'auto' | 'json' | 'pretty';

/** The format `auto` stands for on a stream. */
export function resolveLogFormat(format: string, stream: { isTTY?: boolean } = process.stdout): 'json' | 'pretty' {
  if (format === 'json' || format === 'pretty') return format;
  return stream.isTTY ? 'pretty' : 'json';
}

/** Creates the process logger at a level; `format` pretty writes human lines to stdout (or the destination). */
export function createLogger(level: string, destination?: pino.DestinationStream, format: 'json' | 'pretty' = 'json'): Logger {
  const dest = format === 'pretty' ? prettyDestination((destination as never) ?? process.stdout) : destination;
  return pino(
    {
      level,
      base: { service: 'vigil' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['password', '*.password', 'key', '*.key', 'secret', '*.secret', 'token', '*.token', 'req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'ingestKey', 'admin_password', '*.admin_password', 'secret_key', '*.secret_key', 'database.url'],
        censor: '[redacted]',
      },
    },
    dest,
  );
}
