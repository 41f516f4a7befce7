/**
 * @module sigma
 * Native Sigma: rules, collections and correlation rules converted to Vigil's query AST and rule
 * model through a processing pipeline defined as YAML data (docs/sigma.md).
 */
import { parse } from 'yaml';
import type { SigmaPipeline } from './pipeline/pipeline.ts';
import { pipelineProblems } from './pipeline/pipeline.ts';
import { VIGIL_PIPELINE_YAML } from './pipeline/vigil-pipeline.ts';

export { convertSigma, type SigmaConvertOptions } from './convert.ts';
export type { SigmaResult, SigmaDetectionRule, SigmaCorrelationRule, SigmaFailure, SigmaLocation, SigmaMeta, SigmaCorrelationCondition, SigmaCorrelationType } from './sigma-rule.ts';
export { BUILTIN_MODIFIERS, type ModifierRegistry } from './modifiers/builtin.ts';
export type { SigmaModifier, ItemState } from './modifiers/modifier.ts';
export { resolveLogsource, describeLogsource, pipelineProblems, type SigmaPipeline, type SigmaLogsource, type PipelineLogsource } from './pipeline/pipeline.ts';
export { VIGIL_PIPELINE_YAML } from './pipeline/vigil-pipeline.ts';
export { sigmaRuleDocs, sigmaRuleId, sigmaSeverity } from './to-rule-doc.ts';

/** Parses pipeline YAML; throws a plain Error listing the problems when it is not a valid pipeline. */
export function parsePipeline(yamlText: string): SigmaPipeline {
  const doc: unknown = parse(yamlText);
  const problems = pipelineProblems(doc);
  if (problems.length > 0) throw new Error(`invalid Sigma pipeline: ${problems.join('; ')}`);
  return doc as SigmaPipeline;
}

let builtin: SigmaPipeline | undefined;

/** The built-in pipeline (parsed once). */
export function builtinPipeline(): SigmaPipeline {
  builtin ??= parsePipeline(VIGIL_PIPELINE_YAML);
  return builtin;
}
