/**
 * @module sigma/modifiers/modifier
 * The shape of a Sigma value modifier (`field|contains|all`), after pySigma's `SigmaModifier`.
 */
import type { SigmaValue } from '../sigma-value.ts';

/** What a detection item knows while its modifiers run, and the flags they set. */
export interface ItemState {
  /** Field name as written in the rule (before the pipeline maps it); undefined for keywords. */
  field: string | undefined;
  /** `|all`: every value must match, not any. */
  all: boolean;
  /** `|cased`: case-sensitive matching. */
  cased: boolean;
  /** Placeholder values for `|expand` (`%name%`), from the processing pipeline. */
  placeholders: Readonly<Record<string, readonly string[]>>;
}

/** A named modifier: transforms an item's values, or sets a flag on it. Throws `SigmaModifierError` on misuse. */
export interface SigmaModifier {
  name: string;
  apply(values: SigmaValue[], item: ItemState): SigmaValue[];
}

/** A modifier applied to a value it cannot handle; the converter turns it into a located, coded error. */
export class SigmaModifierError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SigmaModifierError';
  }
}

/** Applies `f` to each value, requiring the kinds it accepts. */
export function eachValue(
  name: string,
  values: SigmaValue[],
  accepts: readonly SigmaValue['kind'][],
  f: (v: SigmaValue) => SigmaValue | SigmaValue[],
): SigmaValue[] {
  const out: SigmaValue[] = [];
  for (const raw of values) {
    // Numbers are strings to string modifiers (pySigma converts them alike): `Details|contains: 4`.
    const v: SigmaValue =
      raw.kind === 'number' && !accepts.includes('number') && accepts.includes('string') ? { kind: 'string', parts: [String(raw.value)], original: String(raw.value) } : raw;
    if (!accepts.includes(v.kind)) throw new SigmaModifierError(`modifier '${name}' cannot be applied to a ${v.kind} value`);
    const r = f(v);
    if (Array.isArray(r)) out.push(...r);
    else out.push(r);
  }
  return out;
}
