/**
 * @module config/load
 * Reads vigil.yaml and VIGIL_* variables into a validated Config. A wrong value stops start-up with
 * a message naming the key and what is allowed.
 */
import { readFileSync, existsSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { VigilError } from '@vigil/contracts';
import { CONFIG_SCHEMA, envName, type ConfigKey, type ConfigKeyName } from './schema.ts';
import { parseDuration } from './duration.ts';
import { runConfigChecks } from './checks.ts';

type ValueOf<K extends ConfigKeyName> = (typeof CONFIG_SCHEMA)[K]['type'] extends 'int' | 'duration'
  ? number
  : (typeof CONFIG_SCHEMA)[K]['type'] extends 'bool'
    ? boolean
    : string;

/** The validated configuration: every key of the schema, resolved. */
export type Config = { [K in ConfigKeyName]: ValueOf<K> | ((typeof CONFIG_SCHEMA)[K]['default'] extends undefined ? undefined : never) } & {
  /** The file the config came from, if any. */
  source?: string;
};

function lookupYaml(doc: Record<string, unknown>, key: string): unknown {
  // A flat dotted key (`http.port: 8080`) is the same setting as the nested form.
  if (key in doc) return doc[key];
  let cur: unknown = doc;
  for (const part of key.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** Every path in the YAML that is not a key (nested typos such as `http: {prot: 1}` included). */
function unknownPaths(node: Record<string, unknown>, prefix: string, known: readonly string[]): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (known.includes(path)) continue;
    const isSection = known.some((k) => k.startsWith(`${path}.`));
    if (isSection && value !== null && typeof value === 'object' && !Array.isArray(value)) out.push(...unknownPaths(value as Record<string, unknown>, path, known));
    else if (isSection && value === null) continue; // an empty section (`http:`) sets nothing
    else out.push(path);
  }
  return out;
}

function unknownKeyError(path: string, file: string, known: readonly string[]): VigilError {
  const best = known.map((k) => ({ k, d: distance(path, k) })).sort((a, b) => a.d - b.d)[0];
  const hint = best && best.d <= Math.max(2, Math.floor(path.length / 4)) ? ` Did you mean "${best.k}"?` : '';
  return new VigilError('VIGIL_ERR_CONFIG', `Unknown key "${path}" in ${file}: Vigil would ignore it.${hint} Fix or remove it; every key is listed in docs/configuration.md.`, { key: path });
}

function fail(key: string, origin: string, spec: ConfigKey, value: unknown): never {
  const allowed =
    spec.type === 'enum'
      ? `one of ${spec.allowed!.join(', ')}`
      : spec.type === 'int'
        ? `an integer${spec.min !== undefined ? ` >= ${spec.min}` : ''}${spec.max !== undefined ? ` and <= ${spec.max}` : ''}`
        : spec.type === 'duration'
          ? 'a duration such as 30s, 15m, 12h or 7d'
          : spec.type === 'bool'
            ? 'true or false'
            : 'a string';
  // A secret's value is never repeated in a message (messages reach logs and terminals).
  const shown = spec.type === 'secret' ? 'value' : `value ${JSON.stringify(value)}`;
  throw new VigilError('VIGIL_ERR_CONFIG', `Invalid ${shown} for ${key} (from ${origin}): expected ${allowed}.`, { key, origin, allowed });
}

function coerce(key: string, origin: string, spec: ConfigKey, raw: unknown): string | number | boolean {
  switch (spec.type) {
    case 'int': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
      if (!Number.isInteger(n) || (spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) fail(key, origin, spec, raw);
      return n;
    }
    case 'duration': {
      const ms = typeof raw === 'number' ? raw * 1000 : typeof raw === 'string' ? parseDuration(raw) : null;
      if (ms === null || !(ms >= 0)) fail(key, origin, spec, raw);
      return ms;
    }
    case 'bool': {
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true' || raw === '1') return true;
      if (raw === 'false' || raw === '0') return false;
      return fail(key, origin, spec, raw);
    }
    case 'enum': {
      const s = String(raw);
      if (!spec.allowed!.includes(s)) fail(key, origin, spec, raw);
      return s;
    }
    default:
      if (typeof raw === 'object') fail(key, origin, spec, raw);
      return String(raw);
  }
}

/** Loads the configuration from an optional YAML file and the environment. */
export function loadConfig(opts: { file?: string; env?: NodeJS.ProcessEnv; overrides?: Partial<Record<ConfigKeyName, unknown>> } = {}): Config {
  const env = opts.env ?? process.env;
  const file = opts.file ?? env.VIGIL_CONFIG ?? (existsSync('vigil.yaml') ? 'vigil.yaml' : undefined);
  let doc: Record<string, unknown> = {};
  if (file) {
    if (!existsSync(file)) throw new VigilError('VIGIL_ERR_CONFIG', `Config file ${file} does not exist. Create it or unset VIGIL_CONFIG / --config.`);
    try {
      doc = (parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown>) ?? {};
    } catch (err) {
      throw new VigilError('VIGIL_ERR_CONFIG', `Config file ${file} is not valid YAML: ${(err as Error).message}`);
    }
  }
  const known = Object.keys(CONFIG_SCHEMA);
  const unknown = file ? unknownPaths(doc, '', known) : [];
  if (unknown.length) throw unknownKeyError(unknown[0]!, file!, known);
  const out: Record<string, unknown> = { source: file };
  const origins: Record<string, string> = {};
  for (const [key, spec] of Object.entries(CONFIG_SCHEMA) as [string, ConfigKey][]) {
    const override = opts.overrides?.[key as ConfigKeyName];
    const fromEnv = env[envName(key)];
    const fromYaml = lookupYaml(doc, key);
    let value: unknown = spec.default;
    let origin = 'the default';
    if (override !== undefined) {
      value = coerce(key, 'command line', spec, override);
      origin = 'the command line';
    } else if (fromEnv !== undefined && fromEnv !== '') {
      value = coerce(key, envName(key), spec, fromEnv);
      origin = 'the environment';
    } else if (fromYaml !== undefined && fromYaml !== null) {
      value = coerce(key, file!, spec, fromYaml);
      origin = file!;
    } else if (spec.type === 'duration' && typeof spec.default === 'string') value = parseDuration(spec.default);
    out[key] = value;
    origins[key] = origin;
  }
  runConfigChecks(out, (key) => origins[key] ?? 'the default');
  return out as Config;
}
