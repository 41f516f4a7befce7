/**
 * @module detection/group-key
 * Group keys: the canonical JSON of the `group_by` values. An event missing any `group_by` field (absent
 * or null) belongs to no group and is skipped by the rule (counted as `missingGroup`), as Splunk's
 * `stats by` and Elastic's terms aggregations do; add `field:*` to the query to make that explicit.
 */
import type { FieldValue, VigilEvent } from '@vigil/contracts';
import { hash64 } from './signal-id.ts';

/** Characters JSON.stringify would escape (quotes, backslash, controls, lone surrogates). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** The group key of an event, or null when a `group_by` field is missing. `[]` without group_by. */
export function groupKeyOf(event: VigilEvent, fields: readonly string[]): string | null {
  if (fields.length === 0) return '[]';
  if (fields.length === 1) {
    const v = Object.hasOwn(event, fields[0]!) ? event[fields[0]!] : undefined;
    if (v === undefined || v === null) return null;
    // The common case (an IP, a user, a host) needs no escaping: skip JSON.stringify and its array.
    return typeof v === 'string' && !NEEDS_ESCAPE.test(v) ? `["${v}"]` : JSON.stringify([v]);
  }
  const values: FieldValue[] = [];
  for (const f of fields) {
    const v = Object.hasOwn(event, f) ? event[f] : undefined;
    if (v === undefined || v === null) return null;
    values.push(v);
  }
  return JSON.stringify(values);
}

/**
 * The engine's own key of a group (its maps and timers): a lone string value that does not start with
 * `[` is its own key — the event's string, already hashed once for every rule grouping by that field —
 * and anything else is the JSON key {@link groupKeyOf} writes (which always starts with `[`, so the two
 * never collide). Signals and checkpoints always carry the JSON key ({@link publicKey}).
 */
export function engineKeyOf(event: VigilEvent, fields: readonly string[]): string | null {
  if (fields.length === 1) {
    const v = Object.hasOwn(event, fields[0]!) ? event[fields[0]!] : undefined;
    if (typeof v === 'string' && v.charCodeAt(0) !== 91) return v;
  }
  return groupKeyOf(event, fields);
}

/** The JSON group key of an engine key ({@link engineKeyOf}). */
export function publicKey(key: string): string {
  if (key.charCodeAt(0) === 91) return key;
  return NEEDS_ESCAPE.test(key) ? JSON.stringify([key]) : `["${key}"]`;
}

/** The engine key of a JSON group key (checkpoints, seeds): the inverse of {@link publicKey}. */
export function engineKey(key: string): string {
  if (!key.startsWith('["') || !key.endsWith('"]')) return key;
  let values: unknown;
  try {
    values = JSON.parse(key);
  } catch {
    return key;
  }
  if (Array.isArray(values) && values.length === 1 && typeof values[0] === 'string' && values[0].charCodeAt(0) !== 91) return values[0];
  return key;
}

/**
 * The group keys of the event being evaluated, built at most once per distinct `group_by` list: the
 * rules sharing a list (in the mixed bench, dozens group by `source.ip`) share the key string too, and
 * V8 hashes a string once, so each rule's map lookup skips building and hashing it again.
 */
export class EventGroupKeys {
  private readonly lists: (readonly string[])[] = [];
  private readonly slots = new Map<string, number>();
  private keys: (string | null)[] = [];
  private stamps: number[] = [];
  private event = 0;

  /** Registers a `group_by` list (at rule-set build time); answers its slot. */
  slotOf(fields: readonly string[]): number {
    const id = fields.join('\u0000');
    let slot = this.slots.get(id);
    if (slot === undefined) {
      slot = this.lists.push(fields) - 1;
      this.slots.set(id, slot);
      this.keys.push(null);
      this.stamps.push(0);
    }
    return slot;
  }

  /** Starts the next event: every key is built anew on first use. */
  next(): void {
    this.event++;
  }

  /** The engine key ({@link engineKeyOf}) of `event` (the current one) for list `slot`. */
  keyOf(event: VigilEvent, slot: number): string | null {
    if (this.stamps[slot] === this.event) return this.keys[slot]!;
    const key = engineKeyOf(event, this.lists[slot]!);
    this.keys[slot] = key;
    this.stamps[slot] = this.event;
    return key;
  }
}

/** The group values by field name (for signals and titles). */
export function groupRecord(groupKey: string, fields: readonly string[]): Record<string, FieldValue> {
  const values = JSON.parse(groupKey) as FieldValue[];
  const out: Record<string, FieldValue> = {};
  fields.forEach((f, i) => {
    out[f] = values[i] ?? null;
  });
  return out;
}

/** The group values by field name, read from an event of the group (what {@link groupRecord} answers for its key). */
export function groupRecordOf(event: VigilEvent, fields: readonly string[]): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const f of fields) out[f] = (Object.hasOwn(event, f) ? event[f] : null) ?? null;
  return out;
}

/**
 * The partition (0…n-1) that owns a group key, so several detection processes can split the groups of
 * every rule between them and each group's state lives in exactly one.
 *
 * @example
 * partitionOf('["10.0.0.1"]', 4); // 0…3, the same in every process
 */
export function partitionOf(groupKey: string, n: number): number {
  if (!(n >= 1)) return 0;
  return parseInt(hash64(groupKey).slice(0, 8), 16) % Math.floor(n);
}
