/**
 * @module query/text-order
 * Text order for comparisons and ranges on text: by Unicode code point, which is the byte order of
 * UTF-8 that SQLite (BINARY) and PostgreSQL (`COLLATE "C"`) use. JS `<` compares UTF-16 units and
 * would put U+FF01 after an emoji.
 */

function fixup(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/** Negative, zero or positive as `a` sorts before, with or after `b` by code point. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x >= 0xd800 && y >= 0xd800 ? fixup(x) - fixup(y) : x - y;
  }
  return a.length - b.length;
}
