/**
 * @module http/body-parsers
 * JSON, NDJSON and text bodies. JSON errors name the line, column and position so senders can fix them.
 */
import type { FastifyInstance } from 'fastify';
import { VigilError } from '@vigil/contracts';

/** Parses JSON text or throws VIGIL_ERR_MALFORMED_BODY with the location of the fault. */
export function parseJsonLocated(text: string, lineOffset = 0): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    const pos = Number(/position (\d+)/.exec(msg)?.[1] ?? text.length);
    const before = text.slice(0, pos);
    const line = lineOffset + before.split('\n').length;
    const column = pos - before.lastIndexOf('\n');
    throw new VigilError('VIGIL_ERR_MALFORMED_BODY', `Malformed JSON at line ${line}, column ${column}: ${msg.replace(/ in JSON at position \d+.*$/, '')}`, { line, column, position: pos });
  }
}

/** Registers the body parsers (the ingest route reads NDJSON and text itself). */
export function registerBodyParsers(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = body as string;
    if (!text.trim()) return done(null, undefined);
    try {
      done(null, parseJsonLocated(text));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app.addContentTypeParser(['application/x-ndjson', 'application/ndjson', 'text/plain', 'application/yaml', 'application/x-yaml', 'text/yaml'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
}
