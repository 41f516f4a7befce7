/**
 * @module line-diff
 * A line diff for comparing rule versions: the longest common subsequence of lines, answered as kept,
 * added and removed lines in order. Rules are short (tens to hundreds of lines), so the quadratic table
 * is small; past `maxCells` the diff degrades to "all removed, all added" rather than stall the page.
 */

/** One line of a diff. */
export interface DiffLine {
  kind: 'same' | 'add' | 'del';
  text: string;
  /** Line number in the old text (same, del). */
  oldNo?: number;
  /** Line number in the new text (same, add). */
  newNo?: number;
}

/** The lines of a text without a trailing empty line. */
function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The diff from `before` to `after`, line by line. */
export function diffLines(before: string, after: string, maxCells = 4_000_000): DiffLine[] {
  const a = linesOf(before);
  const b = linesOf(after);
  // Common head and tail are kept as they are; only the middle needs the table.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ kind: 'same', text: a[i]!, oldNo: i + 1, newNo: i + 1 });
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const n = am.length;
  const m = bm.length;
  if (n * m > maxCells) {
    am.forEach((t, i) => out.push({ kind: 'del', text: t, oldNo: head + i + 1 }));
    bm.forEach((t, j) => out.push({ kind: 'add', text: t, newNo: head + j + 1 }));
  } else {
    // lcs[i][j] = length of the LCS of am[i..] and bm[j..], in one flat array.
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] = am[i] === bm[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && am[i] === bm[j]) {
        out.push({ kind: 'same', text: am[i]!, oldNo: head + i + 1, newNo: head + j + 1 });
        i++;
        j++;
      } else if (i < n && (j === m || lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!)) {
        // Removed lines come before the lines that replace them, as in a unified diff.
        out.push({ kind: 'del', text: am[i]!, oldNo: head + i + 1 });
        i++;
      } else {
        out.push({ kind: 'add', text: bm[j]!, newNo: head + j + 1 });
        j++;
      }
    }
  }
  for (let k = 0; k < tail; k++) out.push({ kind: 'same', text: a[a.length - tail + k]!, oldNo: a.length - tail + k + 1, newNo: b.length - tail + k + 1 });
  return out;
}
