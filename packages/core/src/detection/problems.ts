/**
 * @module detection/problems
 * Collects every located problem of a rule document instead of stopping at the first (pySigma's
 * collect-all mode): the API and `vigil rules validate` show them all at once.
 */
import type { RuleProblem } from '@vigil/contracts';

/** A sink for located problems; `ok` stays true until one is added. */
export class Problems {
  readonly list: RuleProblem[] = [];

  /** Records a problem at a dotted path (`threshold.window`, `sequence.steps.1.query`). */
  add(path: string, message: string, code: RuleProblem['code'] = 'VIGIL_ERR_RULE_INVALID', at?: { line?: number; column?: number }): void {
    this.list.push({ code, path, message, ...(at?.line !== undefined ? { line: at.line } : {}), ...(at?.column !== undefined ? { column: at.column } : {}) });
  }

  /** True while no problem was recorded. */
  get ok(): boolean {
    return this.list.length === 0;
  }
}

/** Joins a parent path and a key (`''` + `threshold` = `threshold`). */
export function pathOf(parent: string, key: string | number): string {
  return parent ? `${parent}.${key}` : String(key);
}

/** A plain object's own value for a key (never an inherited one such as `__proto__` or `constructor`). */
export function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** True for a plain, non-array object. */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
