/**
 * @module rules/rule-text
 * Rule YAML text (Vigil or Sigma, one or many documents) to rule documents, with a located failure for
 * each document that cannot become one. Shared by the API's test/backtest and `vigil rules test`.
 */
import { parseAllDocuments } from 'yaml';
import { builtinPipeline, convertSigma, sigmaRuleDocs } from '@vigil/core';

/** A document that could not become a rule. */
export interface RuleTextFailure {
  title?: string;
  code: string;
  message: string;
  line?: number;
  path?: string;
}

/** What a text holds. */
export interface RuleText {
  format: 'vigil' | 'sigma';
  /** Rule documents, not yet compiled (the compiler reports their problems). */
  docs: unknown[];
  failures: RuleTextFailure[];
}

/** True when the YAML holds a Sigma rule (detection, correlation, logsource or a collection's global). */
export function isSigmaText(text: string): boolean {
  return parseAllDocuments(text).some((d) => {
    const js = d.errors.length ? null : (d.toJS() as Record<string, unknown> | null);
    return !!js && typeof js === 'object' && ('detection' in js || 'correlation' in js || 'logsource' in js || js.action === 'global');
  });
}

/** The rule documents of a YAML text: Sigma converted through the built-in pipeline, Vigil as written. */
export function ruleDocsOfText(text: string, file?: string): RuleText {
  if (isSigmaText(text)) {
    const { docs, failures } = sigmaRuleDocs(convertSigma(text, { pipeline: builtinPipeline(), ...(file ? { file } : {}) }));
    return { format: 'sigma', docs, failures: failures.map((f) => ({ ...(f.title ? { title: f.title } : {}), code: f.code, message: f.reason, line: f.location.line, ...(f.location.path ? { path: f.location.path } : {}) })) };
  }
  const docs: unknown[] = [];
  const failures: RuleTextFailure[] = [];
  for (const d of parseAllDocuments(text)) {
    if (d.errors.length) {
      failures.push({ code: 'VIGIL_ERR_MALFORMED_BODY', message: `YAML: ${d.errors[0]!.message.split('\n')[0]}`, line: d.errors[0]!.linePos?.[0]?.line ?? 1 });
      continue;
    }
    if (d.contents === null) continue;
    docs.push(d.toJS());
  }
  return { format: 'vigil', docs, failures };
}
