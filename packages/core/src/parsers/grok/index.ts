/**
 * @module parsers/grok
 * Custom extraction rules: grok patterns on RE2 (`compileGrok`), the named pattern library, and
 * `grokParser` to turn a rule into a registrable parser.
 */
export { compileGrok, GROK_LIMITS, type GrokMatcher, type GrokType } from './compile-grok.ts';
export { GROK_PATTERNS } from './patterns.ts';
export { grokParser, type GrokRule } from './grok-parser.ts';
