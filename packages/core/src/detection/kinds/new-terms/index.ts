/**
 * @module detection/kinds/new-terms
 * `new_terms {fields, history}`: fires for an event whose value of `fields` (the combination, when
 * several) was not seen in the `history` before it. An occurrence is decided once the watermark passes
 * it — an earlier occurrence arriving late inside the allowed lateness still wins — so the signal comes
 * `allowed_lateness` after the event. The server seeds what the store has seen (`seedGroups`); terms
 * not seen for `history` are forgotten (and would be new again). A rule that starts without state is
 * seeded from the store's distinct values of its fields over `history` (`history()` tells the server).
 */
import type { RuleKind } from '../../rule-kind.ts';
import { addPending, takeFinal, type Pending } from '../../pending.ts';

/** The compiled `new_terms` block. */
export interface NewTermsConfig {
  fields: string[];
  historyMs: number;
}

/** One term: its last final occurrence and the occurrences not final yet. */
export interface NewTermsGroup extends Pending {
  /** Time of the last final occurrence (or seeded), or null. */
  l: number | null;
}

/** The new_terms kind. */
export const newTermsKind: RuleKind<NewTermsConfig, NewTermsGroup> = {
  name: 'new_terms',
  suppressible: false,
  compile(block) {
    if (!block) return undefined;
    block.onlyKeys(['fields', 'history']);
    const fields = block.fields('fields', { required: true });
    const historyMs = block.duration('history', { required: true });
    return fields === undefined || fields.length === 0 || historyMs === undefined ? undefined : { fields, historyMs };
  },
  groupBy: (c) => c.fields,
  onHit(_c, g, hit, ctx) {
    const s = g ?? { l: null, pt: [], pi: [] };
    addPending(s, hit.t, hit.id, undefined, ctx.capture(hit.event));
    return s;
  },
  onTimer(c, s, ctx) {
    takeFinal(s, ctx.watermark, (t, id, _n, cap) => {
      if (s.l === null || t - s.l > c.historyMs) ctx.emit({ windowStart: t, first: t, last: t, count: 1, sampleIds: [id], ...(cap ? { captured: cap } : {}) });
      s.l = s.l === null ? t : Math.max(s.l, t);
    });
    return s.pt.length || (s.l !== null && ctx.watermark <= s.l + c.historyMs) ? s : undefined;
  },
  deadline: (c, s) => (s.pt.length ? s.pt[0]! : s.l === null ? null : s.l + c.historyMs),
  weight: (s) => 1 + s.pt.length,
  history: (c) => ({ fields: c.fields, ms: c.historyMs }),
  seed(_c, g, lastSeen) {
    const s = g ?? { l: null, pt: [], pi: [] };
    s.l = s.l === null ? lastSeen : Math.max(s.l, lastSeen);
    return s;
  },
};
