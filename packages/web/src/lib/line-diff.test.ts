import { describe, expect, it } from 'vitest';
import { diffLines } from './line-diff.ts';

const render = (before: string, after: string) => diffLines(before, after).map((l) => `${l.kind === 'same' ? ' ' : l.kind === 'add' ? '+' : '-'}${l.text}`);

/** Applying the diff's kept and added lines gives the new text; kept and removed give the old. */
function check(before: string, after: string) {
  const d = diffLines(before, after);
  expect(d.filter((l) => l.kind !== 'del').map((l) => l.text).join('\n')).toBe(after.replace(/\n$/, ''));
  expect(d.filter((l) => l.kind !== 'add').map((l) => l.text).join('\n')).toBe(before.replace(/\n$/, ''));
}

describe('diffLines', () => {
  it('keeps equal texts as they are', () => {
    expect(render('a\nb\n', 'a\nb\n')).toEqual([' a', ' b']);
  });

  it('marks a changed line as removed then added, with line numbers on both sides', () => {
    const d = diffLines('id: x\nseverity: low\nquery: a\n', 'id: x\nseverity: high\nquery: a\n');
    expect(d.map((l) => `${l.kind}:${l.oldNo ?? '-'}:${l.newNo ?? '-'}:${l.text}`)).toEqual(['same:1:1:id: x', 'del:2:-:severity: low', 'add:-:2:severity: high', 'same:3:3:query: a']);
  });

  it('finds the longest common part across insertions and deletions', () => {
    expect(render('a\nb\nc\nd\n', 'a\nc\nd\ne\n')).toEqual([' a', '-b', ' c', ' d', '+e']);
    check('x\ny\nz', 'y\nz\nx');
    check('', 'a\nb');
    check('a\nb', '');
  });

  it('stays correct on random edits', () => {
    let seed = 42;
    const r = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let n = 0; n < 200; n++) {
      const a = Array.from({ length: Math.floor(r() * 12) }, () => 'abcd'[Math.floor(r() * 4)]).join('\n');
      const b = Array.from({ length: Math.floor(r() * 12) }, () => 'abcd'[Math.floor(r() * 4)]).join('\n');
      check(a, b);
    }
  });

  it('gives up gracefully on huge inputs', () => {
    const a = Array.from({ length: 300 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 300 }, (_, i) => `b${i}`).join('\n');
    const d = diffLines(a, b, 1000);
    expect(d.filter((l) => l.kind === 'del')).toHaveLength(300);
    expect(d.filter((l) => l.kind === 'add')).toHaveLength(300);
  });
});
