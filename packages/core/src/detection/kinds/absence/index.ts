/**
 * @module detection/kinds/absence
 * `absence {window, group_by}`: a group seen before sends nothing for `window`. Each silence fires once,
 * when the watermark — driven by newer events *and by the engine's clock* — passes the last event
 * time + window; the signal's window starts at that last event. A group that speaks again starts anew.
 * The server may seed groups from the store (`seedGroups`) so hosts silent since before a restart count.
 */
import type { FieldValue } from '@vigil/contracts';
import type { RuleKind } from '../../rule-kind.ts';
import { insertAt, insertionPoint } from '../../sorted-entries.ts';

/** The compiled `absence` block. */
export interface AbsenceConfig {
  windowMs: number;
  groupBy: string[];
}

/** Event times of one group that may still start a silence (each one's successor is over a window away). */
export interface AbsenceGroup {
  t: number[];
  i: string[];
  /** Captured title/severity values per entry, when the rule needs any. */
  c?: (FieldValue[] | null)[];
}

/** Keeps only entries that may start a silence: an entry followed within the window never does. */
function compact(g: AbsenceGroup, w: number): void {
  const t = g.t;
  let kept = 0;
  for (let k = 0; k < t.length; k++) {
    // Compared with the original successor: a removed entry still proves its predecessor was not silent.
    if (k + 1 < t.length && t[k + 1]! - t[k]! <= w) continue;
    g.i[kept] = g.i[k]!;
    if (g.c) g.c[kept] = g.c[k]!;
    t[kept++] = t[k]!;
  }
  t.length = kept;
  g.i.length = kept;
  if (g.c) g.c.length = kept;
}

/** The absence kind. */
export const absenceKind: RuleKind<AbsenceConfig, AbsenceGroup> = {
  name: 'absence',
  suppressible: false,
  compile(block) {
    if (!block) return undefined;
    block.onlyKeys(['window', 'group_by']);
    const windowMs = block.duration('window', { required: true });
    const groupBy = block.fields('group_by') ?? [];
    return windowMs === undefined ? undefined : { windowMs, groupBy };
  },
  groupBy: (c) => c.groupBy,
  onHit(c, g, hit, ctx) {
    const s = g ?? { t: [], i: [] };
    const at = insertionPoint(s.t, s.i, hit.t, hit.id);
    if (at < 0) return s;
    insertAt(s.t, at, hit.t);
    insertAt(s.i, at, hit.id);
    const cap = ctx.capture(hit.event);
    if (cap || s.c) {
      s.c ??= s.t.map(() => null);
      insertAt(s.c, at, cap ?? null);
    }
    compact(s, c.windowMs);
    return s;
  },
  onTimer(c, s, ctx) {
    while (s.t.length && ctx.watermark > s.t[0]! + c.windowMs) {
      const t = s.t.shift()!;
      const id = s.i.shift()!;
      const cap = s.c?.shift() ?? undefined;
      ctx.emit({ windowStart: t, first: t, last: t, count: 0, sampleIds: id ? [id] : [], ...(cap ? { captured: cap } : {}) });
    }
    return s.t.length ? s : undefined;
  },
  deadline: (c, s) => (s.t.length ? s.t[0]! + c.windowMs : null),
  weight: (s) => s.t.length,
  seed(c, g, lastSeen) {
    const s = g ?? { t: [], i: [] };
    const at = insertionPoint(s.t, s.i, lastSeen, '');
    if (at < 0) return s;
    insertAt(s.t, at, lastSeen);
    insertAt(s.i, at, '');
    if (s.c) insertAt(s.c, at, null);
    compact(s, c.windowMs);
    return s;
  },
};
