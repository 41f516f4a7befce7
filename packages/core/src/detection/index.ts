/**
 * @module detection
 * The pure detection engine: compile rules once (`compileRule`), index them (`createRuleSet`), and
 * evaluate batches of events (`evaluate`) against a JSON-serialisable state. See docs/rules.md.
 */
export { compileRule, signalSeverity, type CompiledRule, type CompileResult } from './compile-rule.ts';
export { locateProblems } from './locate-problems.ts';
export { createRuleSet, evaluate, seedGroups, type EngineOptions, type EvalResult, type EvalStats, type RuleSet, type RuleStats } from './engine.ts';
export { createEngineState, stateFromJSON, stateToJSON, type EngineState, type EngineStateJSON } from './engine-state.ts';
export { BUILTIN_RULE_KINDS } from './registry.ts';
export type { RuleKind, RuleKindRegistry, Hit, Fire, KindContext, KindCompileContext } from './rule-kind.ts';
export { partitionOf, groupKeyOf } from './group-key.ts';
export { signalId } from './signal-id.ts';
export { anchorsOf, RuleIndex } from './rule-index.ts';
export { RuleReplay, sortByEventTime, type ReplayAlert, type ReplayOptions, type ReplayResult } from './rule-replay.ts';
export { testRules, type TestedRule, type TestRulesOptions } from './test-rules.ts';
