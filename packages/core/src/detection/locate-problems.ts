/**
 * @module detection/locate-problems
 * Puts a rule's problems at their place in the YAML the user wrote: the compiler names a path
 * (`threshold.window`, `sequence.steps.1.query`), an editor needs a line and a column. A problem whose
 * path is missing from the text (a required key left out) points at the nearest parent that exists;
 * a query syntax error inside a one-line query points at its own column within the line.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { RuleProblem } from '@vigil/contracts';

/** The node at a key of a map or an index of a sequence, or undefined. */
function child(node: unknown, key: string): { key: Node | null; value: Node | null } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === key);
    return pair ? { key: isScalar(pair.key) ? pair.key : null, value: (pair.value as Node | null) ?? null } : undefined;
  }
  if (isSeq(node) && /^\d+$/.test(key)) {
    const item = node.items[Number(key)];
    return item === undefined ? undefined : { key: null, value: (item as Node | null) ?? null };
  }
  return undefined;
}

/**
 * The problems with `line` and `column` (1-based) filled in from the YAML text they came from.
 * Problems that already carry a position (YAML syntax errors) keep it.
 *
 * @example
 * locateProblems('id: x\nseverity: loud\n', [{ code: 'VIGIL_ERR_RULE_INVALID', path: 'severity', message: '…' }])
 * // [{ …, line: 2, column: 11 }]
 */
export function locateProblems(text: string, problems: readonly RuleProblem[]): RuleProblem[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length) return [...problems];
  const at = (offset: number) => lines.linePos(offset);
  return problems.map((p) => {
    if (p.code === 'VIGIL_ERR_MALFORMED_BODY') return p;
    let node: unknown = doc.contents;
    let found: Node | null = (doc.contents as Node | null) ?? null;
    let exact = true;
    for (const seg of p.path ? p.path.split('.') : []) {
      const c = child(node, seg);
      if (!c) {
        exact = false;
        break;
      }
      found = c.value ?? c.key ?? found;
      node = c.value;
    }
    const range = found?.range;
    if (!range) return { ...p, line: 1, column: 1 };
    let offset = range[0];
    // A query error's column is within the query text: exact only for a one-line plain or quoted scalar.
    if (exact && p.code === 'VIGIL_ERR_QUERY_SYNTAX' && p.column !== undefined && isScalar(found) && (p.line ?? 1) === 1) {
      const quoted = found.type === 'QUOTE_DOUBLE' || found.type === 'QUOTE_SINGLE';
      const plainOrQuoted = quoted || found.type === 'PLAIN';
      const oneLine = !text.slice(range[0], range[1]).includes('\n');
      if (plainOrQuoted && oneLine) offset = Math.min(range[1], range[0] + (quoted ? 1 : 0) + p.column - 1);
    }
    const pos = at(offset);
    return { ...p, line: pos.line, column: pos.col };
  });
}
