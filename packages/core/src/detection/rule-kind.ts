/**
 * @module detection/rule-kind
 * The contract every rule kind implements. A kind owns the per-group state of its rules: the engine
 * routes each matching event ("hit") to its group's state, drives timers from the watermark, and turns
 * what the kind fires into signals. Group state must be plain JSON (numbers, strings, arrays, objects;
 * no Infinity) so the server can checkpoint it with the event-log position.
 */
import type { FieldValue, VigilEvent } from '@vigil/contracts';
import type { QueryNode } from '../query/ast.ts';
import type { Predicate } from '../query/predicate.ts';
import type { BlockReader } from './block-reader.ts';

/** A matching event as a kind sees it. */
export interface Hit {
  /** Event time, epoch ms. */
  readonly t: number;
  readonly id: string;
  readonly event: VigilEvent;
}

/** What a kind fires; the engine adds rule, group, title, severity and the deterministic id. */
export interface Fire {
  /** Start of the window or suppression period: with rule and group it makes the signal id. */
  windowStart: number;
  /** Replaces `windowStart` in the id where one window may fire several times (plain match: the event id). */
  idKey?: string;
  first: number;
  last: number;
  count: number;
  sampleIds: string[];
  eventIds?: string[];
  /** The event whose fields fill the title and `severity_from` (eager kinds). */
  event?: VigilEvent;
  /** Captured template/severity values (timer-driven kinds keep them instead of whole events). */
  captured?: FieldValue[];
  /** Which rule of a shared unit fired (its position among the unit's rules); absent for a rule alone. */
  member?: number;
}

/** What the engine offers a kind while it handles a hit or a timer. */
export interface KindContext {
  /** Events older than this are final (too late to arrive); state below it may be pruned. */
  readonly watermark: number;
  /** Length of a suppression period (`suppress.window`), or null. */
  readonly suppressMs: number | null;
  /** The values a timer-driven fire needs for its title and severity (undefined when none). */
  capture(event: VigilEvent): FieldValue[] | undefined;
  emit(fire: Fire): void;
}

/** What a kind can use while compiling its block. */
export interface KindCompileContext {
  /** Parses and compiles a query at `path`, recording a located problem on failure. */
  query(text: string, path: string): { ast: QueryNode; predicate: Predicate } | undefined;
  /** The rule's `suppress.window` in ms, or null. */
  readonly suppressMs: number | null;
}

/** A rule kind: one folder plus one registry line. */
export interface RuleKind<C = unknown, G = unknown> {
  /** The kind's name, also the rule document key of its block (`threshold: {…}`). */
  readonly name: string;
  /** True when a rule may name the kind without a block (only the plain match). */
  readonly blockOptional?: boolean;
  /** True when `suppress` applies to this kind. */
  readonly suppressible: boolean;
  /** Validates the block (absent only when `blockOptional`) and builds the kind's config. */
  compile(block: BlockReader | undefined, ctx: KindCompileContext): C | undefined;
  /** Fields whose values make the group key. */
  groupBy(config: C): readonly string[];
  /** A query every hit must also match (sequences: any step), ANDed into the rule's filter. */
  filter?(config: C): QueryNode | undefined;
  /** Handles a hit; answers the group's new state, or undefined to keep none. */
  onHit(config: C, state: G | undefined, hit: Hit, ctx: KindContext): G | undefined;
  /** The watermark passed `deadline`: finalize, prune, fire; undefined drops the group. */
  onTimer(config: C, state: G, ctx: KindContext): G | undefined;
  /** The group's next deadline (ms), or null for none; its timer runs once the watermark exceeds it. */
  deadline(config: C, state: G): number | null;
  /** How much evidence the group holds; eviction prefers the lightest of the stalest groups. */
  weight(state: G): number;
  /** Seeds a group from history (`new_terms`, `absence`): the group was last seen at `lastSeen`. */
  seed?(config: C, state: G | undefined, lastSeen: number): G;
  /**
   * What the server should learn from stored events when the rule starts without state (a new or
   * changed rule, a first start): the group fields' distinct values over the last `ms` (`new_terms`).
   */
  history?(config: C): { fields: readonly string[]; ms: number };
  /**
   * Evidence sharing (optional; the windowed kinds): rules of this kind whose keys are equal — and whose
   * filter, group_by and allowed lateness are equal too — gather the same evidence in the same groups, so
   * the engine runs them as one unit over one state ({@link RuleKind.share}).
   */
  shareKey?(config: C): string;
  /** The unit that runs rules with equal share keys together (configs in the rules' order). */
  share?(configs: readonly C[]): SharedUnit;
}

/**
 * Rules running as one over shared evidence: the unit's kind and config (its fires name the member that
 * fired), and the translation between the unit's group state and each rule's own, which checkpoints hold
 * so that a checkpoint reads the same whichever rules happen to share.
 */
export interface SharedUnit {
  readonly kind: RuleKind;
  readonly config: unknown;
  /** Member `m`'s part of a unit group state: what the rule alone would hold. */
  part(state: unknown, m: number): unknown;
  /** A unit group state from the members' parts (undefined: the member holds no such group). */
  join(parts: readonly unknown[]): unknown;
}

/** Rule kinds by name, passed to the compiler and engine as a value (never a global). */
export type RuleKindRegistry = ReadonlyMap<string, RuleKind>;
