/**
 * @module parsers
 * Vigil's parser library: a registry of named parsers, `parseLine` (envelope → body → common
 * fields), the built-in formats, grok-style custom rules on RE2, and benchmark cases.
 *
 * @example
 * ```ts
 * import { parseLine } from '@vigil/core';
 * const { fields } = parseLine('<34>Oct 11 22:14:15 host sshd[42]: Failed password for root from 10.0.0.1 port 22 ssh2', { receivedAt: Date.now() });
 * fields['event.outcome']; // 'failure'
 * ```
 */
import { registerBuiltinParsers } from './builtin.ts';

export type { ParseContext, ParseResult, Parser, ParserStage, Envelope } from './types.ts';
export { registerParser, unregisterParser, getParser, listParsers } from './registry.ts';
export { parseLine } from './parse-line.ts';
export { UNKNOWN_DATASET } from './finalize.ts';
export { BUILTIN_PARSERS, registerBuiltinParsers } from './builtin.ts';
export { parseRfc5424, parseStructuredData, type StructuredData } from './rfc5424/index.ts';
export { parseRfc3164 } from './rfc3164/index.ts';
export { FACILITY_NAMES, SEVERITY_NAMES } from './shared/syslog-codes.ts';
export { parserBenchCases, type ParserBenchCase } from './bench-cases.ts';
export { compileGrok, GROK_PATTERNS, GROK_LIMITS, grokParser, type GrokMatcher, type GrokType, type GrokRule } from './grok/index.ts';

registerBuiltinParsers();
