/**
 * @module sigma/detection
 * A Sigma search identifier (a map of field items, a list of maps, or keywords) to a `SigmaExpr`,
 * running each item's modifiers from the registry.
 */
import { andOf, orOf, type SigmaExpr, type SigmaMatch } from './sigma-expr.ts';
import { sigmaString, type SigmaValue } from './sigma-value.ts';
import { SigmaModifierError, type ItemState } from './modifiers/modifier.ts';
import type { ModifierRegistry } from './modifiers/builtin.ts';

/** Where an error sits inside the detection, as a path of keys and indexes. */
export class SigmaDetectionError extends SigmaModifierError {
  constructor(
    message: string,
    readonly path: (string | number)[],
  ) {
    super(message);
    this.name = 'SigmaDetectionError';
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** A YAML scalar as a Sigma value (strings get wildcard parsing; YAML dates stay text). */
function scalarValue(v: unknown, path: (string | number)[]): SigmaValue {
  if (v === null) return { kind: 'null' };
  if (typeof v === 'string') return sigmaString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? { kind: 'number', value: v } : sigmaString(String(v));
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (v instanceof Date) return sigmaString(v.toISOString().slice(0, 10));
  throw new SigmaDetectionError(`a value must be a string, number, boolean or null, not ${Array.isArray(v) ? 'a list' : typeof v}`, path);
}

function item(
  key: string,
  raw: unknown,
  registry: ModifierRegistry,
  placeholders: ItemState['placeholders'],
  path: (string | number)[],
): SigmaMatch {
  const [fieldPart, ...mods] = key.split('|');
  const field = fieldPart === '' ? undefined : fieldPart;
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw new SigmaDetectionError('an empty list of values matches nothing', path);
  let values = list.map((v, i) => scalarValue(v, Array.isArray(raw) ? [...path, i] : path));
  const state: ItemState = { field, all: false, cased: false, placeholders };
  for (const m of mods) {
    const mod = Object.prototype.hasOwnProperty.call(registry, m) ? registry[m] : undefined;
    if (!mod) throw new SigmaDetectionError(`unknown modifier '${m}'`, path);
    try {
      values = mod.apply(values, state);
    } catch (err) {
      if (err instanceof SigmaModifierError) throw new SigmaDetectionError(err.message, path);
      throw err;
    }
  }
  return { op: 'match', field, values, all: state.all, cased: state.cased };
}

function mapSearch(
  map: Record<string, unknown>,
  registry: ModifierRegistry,
  placeholders: ItemState['placeholders'],
  path: (string | number)[],
): SigmaExpr {
  const keys = Object.keys(map);
  if (keys.length === 0) throw new SigmaDetectionError('an empty map matches nothing', path);
  return andOf(keys.map((k) => item(k, map[k], registry, placeholders, [...path, k])));
}

/** Converts one search identifier's definition. */
export function searchExpr(
  def: unknown,
  registry: ModifierRegistry,
  placeholders: ItemState['placeholders'],
  path: (string | number)[],
): SigmaExpr {
  if (isPlainObject(def)) return mapSearch(def, registry, placeholders, path);
  if (Array.isArray(def)) {
    if (def.length === 0) throw new SigmaDetectionError('an empty list matches nothing', path);
    if (def.every(isPlainObject)) return orOf(def.map((m, i) => mapSearch(m as Record<string, unknown>, registry, placeholders, [...path, i])));
    if (def.some(isPlainObject)) throw new SigmaDetectionError('a list mixes maps and keywords', path);
    return item('', def, registry, placeholders, path);
  }
  if (typeof def === 'string' || typeof def === 'number') return item('', def, registry, placeholders, path);
  throw new SigmaDetectionError('a search identifier must be a map, a list of maps, or keywords', path);
}
