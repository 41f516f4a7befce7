/**
 * @module parsers/registry
 * Parsers by name. Adding a format is one folder plus one `registerParser` line in `builtin.ts`.
 */
import { VigilError } from '@vigil/contracts';
import type { Parser } from './types.ts';

const byName = new Map<string, Parser>();
let ordered: { envelope: Parser[]; body: Parser[] } | null = null;

/** Registers a parser under its name; a second parser with the same name is a `VIGIL_ERR_CONFLICT`. */
export function registerParser(parser: Parser): void {
  if (!parser || typeof parser.name !== 'string' || parser.name === '' || typeof parser.parse !== 'function') {
    throw new VigilError('VIGIL_ERR_VALIDATION', 'A parser needs a non-empty name and a parse function.');
  }
  if (byName.has(parser.name)) {
    throw new VigilError('VIGIL_ERR_CONFLICT', `A parser named "${parser.name}" is already registered.`);
  }
  byName.set(parser.name, parser);
  ordered = null;
}

/** Removes a parser by name (for tests and plugins); true when one was removed. */
export function unregisterParser(name: string): boolean {
  const removed = byName.delete(name);
  if (removed) ordered = null;
  return removed;
}

/** The parser registered under `name`, or undefined. */
export function getParser(name: string): Parser | undefined {
  return byName.get(name);
}

/** Every registered parser, in registration order. */
export function listParsers(): Parser[] {
  return [...byName.values()];
}

/** Parsers of each stage, highest priority first (registration order breaks ties); cached until the registry changes. */
export function parsersByStage(): { envelope: readonly Parser[]; body: readonly Parser[] } {
  if (ordered) return ordered;
  const all = [...byName.values()].map((p, i) => ({ p, i }));
  const sort = (xs: typeof all) =>
    xs.sort((a, b) => (b.p.priority ?? 0) - (a.p.priority ?? 0) || a.i - b.i).map((x) => x.p);
  ordered = {
    envelope: sort(all.filter((x) => x.p.stage === 'envelope')),
    body: sort(all.filter((x) => x.p.stage !== 'envelope')),
  };
  return ordered;
}
