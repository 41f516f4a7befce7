/**
 * @module parsers/json/parse-json
 * JSON lines: nested objects flattened to dotted names (`{"source":{"ip":…}}` → `source.ip`),
 * the usual time / message / level keys promoted to ECS, and Windows event JSON (NXLog, Wazuh)
 * handed to the Windows mapping.
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { flatten } from '../../normalize/flatten.ts';
import { parseTimestamp } from '../../normalize/timestamp.ts';
import { mapSeverity } from '../../normalize/severity-map.ts';
import { toIso } from '../shared/time.ts';
import { windowsFromJson } from '../windows/index.ts';

const TIME_KEYS = ['@timestamp', 'timestamp', 'time', 'ts', 'date', 'datetime', 'EventTime', 'TimeCreated'];
const MESSAGE_KEYS = ['message', 'msg', 'log', 'MESSAGE', 'Message', 'short_message'];
const LEVEL_KEYS = ['log.level', 'level', 'severity', 'Severity', 'loglevel'];

/** A deep copy where every `__proto__` key is renamed `_proto_` (a rare, slow path). */
function withoutProtoKeys(v: unknown, depth = 0): unknown {
  if (v === null || typeof v !== 'object' || depth > 64) return v;
  if (Array.isArray(v)) return v.map((x) => withoutProtoKeys(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const value = withoutProtoKeys((v as Record<string, unknown>)[k], depth + 1);
    Object.defineProperty(out, k === '__proto__' ? '_proto_' : k, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Index of the first non-blank char (after an `@cee:` cookie), when it is `{`; -1 otherwise. */
export function jsonStart(line: string): number {
  let i = 0;
  // rsyslog's CEE cookie: "@cee: {json}"
  if (line.charCodeAt(0) === 64 && line.startsWith('@cee:')) i = 5;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  return line.charCodeAt(i) === 123 ? i : -1;
}

/** Parses a JSON object line; null when the text is not a JSON object. */
export function parseJsonLine(line: string, ctx: ParseContext): ParseResult | null {
  const at = jsonStart(line);
  if (at < 0) return null;
  let value: unknown;
  try {
    value = JSON.parse(at === 0 ? line : line.slice(at));
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  // JSON.parse makes "__proto__" an own key; assigned on, it would replace a prototype instead.
  if (line.includes('"__proto__"')) value = withoutProtoKeys(value);
  const raw = flatten(value as Record<string, unknown>);
  const win = windowsFromJson(raw, ctx);
  if (win) return { fields: win, parser: 'json+windows', ok: true };
  const f: Record<string, FieldValue> = raw;
  for (const k of TIME_KEYS) {
    const v = f[k];
    if (v === undefined || v === null) continue;
    const ms = parseTimestamp(v);
    if (ms !== null) {
      f['@timestamp'] = toIso(ms);
      break;
    }
  }
  if (typeof f['@timestamp'] !== 'string') delete f['@timestamp'];
  else if (parseTimestamp(f['@timestamp']) === null) {
    f['json.@timestamp'] = f['@timestamp'];
    delete f['@timestamp'];
  }
  for (const k of MESSAGE_KEYS) {
    const v = f[k];
    if (typeof v === 'string') {
      f.message = v;
      break;
    }
  }
  if (f.message !== undefined && typeof f.message !== 'string') {
    f['json.message'] = f.message;
    delete f.message;
  }
  if (f['vigil.severity'] === undefined) {
    for (const k of LEVEL_KEYS) {
      const sev = mapSeverity(f[k]);
      if (sev) {
        f['vigil.severity'] = sev;
        break;
      }
    }
  }
  if (f['event.dataset'] === undefined) f['event.dataset'] = 'json';
  return { fields: f, parser: 'json', ok: true };
}
