/**
 * @module query/elements
 * The values of a field that comparisons look at: a scalar, or each scalar of a list. Objects,
 * nested lists and null never match a comparison (only `field:*` sees them).
 */
import type { FieldValue } from '@vigil/contracts';

export type Scalar = string | number | boolean;

const EMPTY: Scalar[] = [];

/** The comparable scalars of a field value. */
export function elementsOf(v: FieldValue | undefined): readonly Scalar[] {
  if (v === undefined || v === null) return EMPTY;
  if (typeof v !== 'object') return [v];
  if (!Array.isArray(v)) return EMPTY;
  return v.filter((x): x is Scalar => x !== null && typeof x !== 'object');
}
