/**
 * @module parsers/paloalto/csv
 * Splits one CSV record (RFC 4180 quoting: `"a,b"`, `""` for a quote) without a regex.
 */

/** The fields of one CSV line. */
export function splitCsv(s: string, start = 0): string[] {
  const out: string[] = [];
  let i = start;
  const n = s.length;
  while (i <= n) {
    if (s.charCodeAt(i) === 34) {
      let v = '';
      let j = i + 1;
      let chunk = j;
      while (j < n) {
        if (s.charCodeAt(j) === 34) {
          if (s.charCodeAt(j + 1) === 34) {
            v += s.slice(chunk, j + 1);
            j += 2;
            chunk = j;
            continue;
          }
          break;
        }
        j++;
      }
      v += s.slice(chunk, j);
      out.push(v);
      const comma = s.indexOf(',', j);
      if (comma < 0) break;
      i = comma + 1;
    } else {
      const comma = s.indexOf(',', i);
      if (comma < 0) {
        out.push(s.slice(i));
        break;
      }
      out.push(s.slice(i, comma));
      i = comma + 1;
    }
  }
  return out;
}
