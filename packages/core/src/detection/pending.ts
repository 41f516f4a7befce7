/**
 * @module detection/kinds/pending
 * Events held until the watermark makes them final, for kinds whose answer a late event could still
 * change (new_terms: an earlier occurrence; metric: a sample that breaks a run). They are decided in
 * (time, id) order once no event before them can arrive any more.
 */
import type { FieldValue } from '@vigil/contracts';
import { dropFront, insertAt, insertionPoint } from './sorted-entries.ts';

/** Pending entries as parallel arrays sorted by (time, id). */
export interface Pending {
  pt: number[];
  pi: string[];
  /** A small per-entry number (metric: 1 when the sample breaches). */
  pn?: number[];
  /** Captured title/severity values per entry. */
  pc?: (FieldValue[] | null)[];
}

/** Adds an entry in order; false when that event is already pending. */
export function addPending(p: Pending, t: number, id: string, n: number | undefined, cap: FieldValue[] | undefined): boolean {
  const at = insertionPoint(p.pt, p.pi, t, id);
  if (at < 0) return false;
  insertAt(p.pt, at, t);
  insertAt(p.pi, at, id);
  if (n !== undefined) insertAt((p.pn ??= p.pt.map(() => 0)), at, n);
  if (cap || p.pc) {
    p.pc ??= p.pt.map(() => null);
    insertAt(p.pc, at, cap ?? null);
  }
  return true;
}

/** Removes and visits, in order, the entries before `watermark`. */
export function takeFinal(p: Pending, watermark: number, visit: (t: number, id: string, n: number, cap: FieldValue[] | null) => void): void {
  let k = 0;
  while (k < p.pt.length && p.pt[k]! < watermark) {
    visit(p.pt[k]!, p.pi[k]!, p.pn?.[k] ?? 0, p.pc?.[k] ?? null);
    k++;
  }
  if (!k) return;
  dropFront(p.pt, k);
  dropFront(p.pi, k);
  if (p.pn) dropFront(p.pn, k);
  if (p.pc) dropFront(p.pc, k);
}
