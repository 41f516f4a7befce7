/**
 * @module log/pretty
 * Human-readable log lines for a terminal: `12:04:31 INFO  vigil started url=… database=sqlite`.
 * A pino destination that reformats each JSON line pino writes (after redaction, so no secret shows).
 * Logs are per request and per batch, never per event, so parsing them again costs nothing that matters.
 */
import type { Writable } from 'node:stream';

const LEVELS: Record<number, { name: string; color: string }> = {
  10: { name: 'TRACE', color: '90' },
  20: { name: 'DEBUG', color: '36' },
  30: { name: 'INFO ', color: '32' },
  40: { name: 'WARN ', color: '33' },
  50: { name: 'ERROR', color: '31' },
  60: { name: 'FATAL', color: '35' },
};
/** Fields every line has; they are shown in the prefix or not at all. */
const HIDDEN = new Set(['level', 'time', 'msg', 'service', 'pid', 'hostname', 'err']);

function show(v: unknown): string {
  if (typeof v === 'string') return /[\s"=]/.test(v) || v === '' ? JSON.stringify(v) : v;
  return JSON.stringify(v);
}

/** Formats one pino JSON line. */
export function formatPretty(line: string, color: boolean): string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const lvl = LEVELS[o.level as number] ?? { name: String(o.level).padEnd(5), color: '0' };
  const time = typeof o.time === 'string' ? o.time.slice(11, 19) : new Date(Number(o.time)).toISOString().slice(11, 19);
  const level = color ? `\u001b[${lvl.color}m${lvl.name}\u001b[0m` : lvl.name;
  const fields = Object.entries(o)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => `${k}=${show(v)}`)
    .join(' ');
  let out = `${time} ${level} ${o.msg ?? ''}${fields ? ` ${color ? `\u001b[2m${fields}\u001b[0m` : fields}` : ''}\n`;
  const err = o.err as { message?: string; stack?: string } | undefined;
  if (err) out += `    ${(err.stack ?? err.message ?? JSON.stringify(err)).split('\n').join('\n    ')}\n`;
  return out;
}

/** A pino destination writing pretty lines to a stream (stdout by default). */
export function prettyDestination(stream: Writable & { isTTY?: boolean } = process.stdout): { write(line: string): void } {
  const color = !!stream.isTTY && !process.env.NO_COLOR;
  return {
    write(chunk: string) {
      // pino writes one JSON document per call, newline-terminated.
      for (const line of chunk.split('\n')) if (line) stream.write(formatPretty(line, color));
    },
  };
}
