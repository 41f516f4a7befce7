/**
 * @module notify/config-problems
 * Collects every problem of a routing configuration with the path where it is
 * (`routes[2].routes[0].match: …`) instead of stopping at the first, then throws them as one coded
 * `VIGIL_ERR_VALIDATION` (first problem in the message, all of them in `details.problems`).
 */
import { VigilError } from '@vigil/contracts';

/** One problem and where it is. */
export interface ConfigProblem {
  path: string;
  message: string;
}

/** A problem collector. */
export class ConfigProblems {
  readonly list: ConfigProblem[] = [];

  /** Records a problem at `path`. */
  add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  /** Runs `fn`, recording a thrown coded error as a problem at `path`; answers its value or undefined. */
  check<T>(path: string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (err) {
      if (!(err instanceof VigilError)) throw err;
      this.add(path, err.message);
      return undefined;
    }
  }

  /** Throws the collected problems, if any, as one `VIGIL_ERR_VALIDATION`. */
  throwIfAny(): void {
    if (!this.list.length) return;
    const [first] = this.list;
    const more = this.list.length > 1 ? ` (and ${this.list.length - 1} more problem${this.list.length > 2 ? 's' : ''})` : '';
    throw new VigilError('VIGIL_ERR_VALIDATION', `${first!.path ? `${first!.path}: ` : ''}${first!.message}${more}`, { field: first!.path, problems: this.list });
  }
}

/** `base.key`, or `key` at the root. */
export function problemPath(base: string, key: string | number): string {
  return typeof key === 'number' ? `${base}[${key}]` : base ? `${base}.${key}` : key;
}
