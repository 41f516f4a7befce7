/**
 * Shared test helpers: a fixed clock and a one-call parse.
 */
import { parseLine, type ParseContext } from '../../src/parsers/index.ts';
import type { FieldValue } from '@vigil/contracts';

/** 2024-05-14T12:00:00Z: the injected receive time of every test. */
export const RECEIVED_AT = Date.UTC(2024, 4, 14, 12, 0, 0);

/** The default context of the tests. */
export const CTX: ParseContext = { receivedAt: RECEIVED_AT };

/** Parses a line with the test clock and returns its fields. */
export function parse(line: string, ctx: Partial<ParseContext> = {}, pinned?: string): Record<string, FieldValue> {
  return parseLine(line, { ...CTX, ...ctx }, pinned).fields;
}
