/**
 * @module query
 * The query language: one language for search, rules and the UI (docs/query-language.md).
 */
export type { QueryNode, CompareOp } from './ast.ts';
export { parseQuery } from './parser.ts';
export { printQuery } from './print.ts';
export { compilePredicate, type Predicate } from './predicate.ts';
export { compileSql } from './sql.ts';
export { EVENT_COLUMNS, type SqlColumn, type SqlTarget } from './columns.ts';
export { SQLITE_FUNCTIONS } from './sqlite-functions.ts';
export { POSTGRES_FUNCTIONS_SQL } from './postgres-functions.ts';
export { parseCidr, inCidr, ipValue } from './cidr.ts';
export { assertQueryLimits, QUERY_LIMITS } from './limits.ts';
export { asciiLower, LIT_STAR, LIT_QMARK } from './values.ts';
export { keyPlan, planKeys, forEachTrigram, wordUnit, trigramKey, fieldKey, INDEXED_FIELDS, type KeyPlan } from './index-keys.ts';
export { compareCodePoints } from './text-order.ts';
