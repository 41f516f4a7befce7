/**
 * @module detection/block-reader
 * Typed, located reads of a rule block's keys, shared by the compiler and every rule kind: each
 * reader records a problem at `path.key` and answers undefined instead of throwing.
 */
import { parseDuration } from '@vigil/contracts';
import { Problems, own, pathOf, isRecord } from './problems.ts';

/** Longest window, history or lateness a rule may ask for (keeps state bounded in time). */
export const MAX_DURATION_MS = 400 * 86_400_000;

/** Field names as the query language spells them. */
const FIELD_NAME = /^[A-Za-z0-9_.@-]{1,200}$/;

/** Reads the keys of one block (a YAML mapping) with located problems. */
export class BlockReader {
  constructor(
    readonly block: Record<string, unknown>,
    readonly path: string,
    readonly problems: Problems,
  ) {}

  /** Opens `value` as a block at `path`, or records that it must be a mapping. */
  static open(value: unknown, path: string, problems: Problems): BlockReader | undefined {
    if (!isRecord(value)) {
      problems.add(path, `${path || 'the rule'} must be a mapping (key: value pairs)`);
      return undefined;
    }
    return new BlockReader(value, path, problems);
  }

  /** Records every key not in `known` (catches typos such as `treshold`). */
  onlyKeys(known: readonly string[]): void {
    for (const k of Object.keys(this.block)) if (!known.includes(k)) this.problems.add(pathOf(this.path, k), `unknown key "${k}" (expected one of: ${known.join(', ')})`);
  }

  has(key: string): boolean {
    return own(this.block, key) !== undefined;
  }

  raw(key: string): unknown {
    return own(this.block, key);
  }

  at(key: string): string {
    return pathOf(this.path, key);
  }

  string(key: string, opts: { required?: boolean; max?: number; allowEmpty?: boolean } = {}): string | undefined {
    const v = own(this.block, key);
    if (v === undefined || v === null) {
      if (opts.required) this.problems.add(this.at(key), `${key} is required`);
      return undefined;
    }
    if (typeof v !== 'string') return this.fail(key, `${key} must be text`);
    if (!opts.allowEmpty && v.trim() === '') return this.fail(key, `${key} must not be empty`);
    if (v.length > (opts.max ?? 10_000)) return this.fail(key, `${key} is longer than ${opts.max ?? 10_000} characters`);
    return v;
  }

  field(key: string, required = true): string | undefined {
    const v = this.string(key, { required });
    if (v !== undefined && !FIELD_NAME.test(v)) return this.fail(key, `${key} "${v.slice(0, 50)}" is not a field name (letters, digits, _ . @ -)`);
    return v;
  }

  fields(key: string, opts: { required?: boolean; max?: number } = {}): string[] | undefined {
    const v = own(this.block, key);
    if (v === undefined || v === null) {
      if (opts.required) this.problems.add(this.at(key), `${key} is required`);
      return undefined;
    }
    const list = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(list)) return this.fail(key, `${key} must be a list of field names`);
    if (list.length === 0 && opts.required) return this.fail(key, `${key} must name at least one field`);
    if (list.length > (opts.max ?? 10)) return this.fail(key, `${key} takes at most ${opts.max ?? 10} fields`);
    const out: string[] = [];
    list.forEach((f, i) => {
      if (typeof f !== 'string' || !FIELD_NAME.test(f)) this.problems.add(pathOf(this.at(key), i), `${key}[${i}] is not a field name`);
      else if (out.includes(f)) this.problems.add(pathOf(this.at(key), i), `${key} names "${f}" twice`);
      else out.push(f);
    });
    return out;
  }

  int(key: string, opts: { required?: boolean; min?: number; max?: number } = {}): number | undefined {
    const v = own(this.block, key);
    if (v === undefined || v === null) {
      if (opts.required) this.problems.add(this.at(key), `${key} is required`);
      return undefined;
    }
    const min = opts.min ?? 1;
    const max = opts.max ?? 1_000_000;
    if (typeof v !== 'number' || !Number.isInteger(v)) return this.fail(key, `${key} must be a whole number`);
    if (v < min || v > max) return this.fail(key, `${key} must be between ${min} and ${max}`);
    return v;
  }

  number(key: string, required = true): number | undefined {
    const v = own(this.block, key);
    if (v === undefined || v === null) {
      if (required) this.problems.add(this.at(key), `${key} is required`);
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) return this.fail(key, `${key} must be a number`);
    return v;
  }

  bool(key: string): boolean | undefined {
    const v = own(this.block, key);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') return this.fail(key, `${key} must be true or false`);
    return v;
  }

  /** A duration in the shared grammar (`30s`, `10m`, `14d`) as milliseconds. */
  duration(key: string, opts: { required?: boolean; allowZero?: boolean } = {}): number | undefined {
    const v = own(this.block, key);
    if (v === undefined || v === null) {
      if (opts.required) this.problems.add(this.at(key), `${key} is required (a duration such as 10m)`);
      return undefined;
    }
    const ms = typeof v === 'string' ? parseDuration(v) : null;
    if (ms === null) return this.fail(key, `${key} must be a duration such as 30s, 10m, 12h or 14d`);
    if (ms === 0 && !opts.allowZero) return this.fail(key, `${key} must be longer than 0`);
    if (ms > MAX_DURATION_MS) return this.fail(key, `${key} must be at most 400d`);
    return ms;
  }

  private fail(key: string, message: string): undefined {
    this.problems.add(this.at(key), message);
    return undefined;
  }
}
