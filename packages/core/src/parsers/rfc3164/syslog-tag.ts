/**
 * @module parsers/rfc3164/syslog-tag
 * The BSD syslog TAG: `program[pid]:` (colon and pid optional), ended by space, tab, `[` or `:`.
 */

/** A parsed tag: the program, the pid text, and the message after it. */
export interface SyslogTag {
  program?: string;
  pid?: string;
  message: string;
}

const MAX_TAG = 128;

/** Splits `content` into tag and message; text that cannot be a tag (has `=`, `,`, `"`, `|`, …) is all message. */
export function splitTag(content: string): SyslogTag {
  const n = content.length;
  let k = 0;
  const first = content.charCodeAt(0);
  if (n === 0 || first === 32 || first === 9 || first === 40 /* ( */ || first === 91 || first === 58) {
    return { message: content };
  }
  for (; k < n && k < MAX_TAG; k++) {
    const c = content.charCodeAt(k);
    if (c === 32 || c === 9 || c === 58 || c === 91) break;
    if (c === 61 || c === 44 || c === 34 || c === 124 || c === 123 || c === 60) return { message: content };
  }
  if (k >= MAX_TAG) return { message: content };
  const program = content.slice(0, k);
  let pid: string | undefined;
  if (content.charCodeAt(k) === 91) {
    const close = content.indexOf(']', k + 1);
    if (close < 0 || close - k > 24) return { message: content };
    pid = content.slice(k + 1, close);
    k = close + 1;
  }
  if (content.charCodeAt(k) === 58) k++;
  const c = content.charCodeAt(k);
  if (c === 32 || c === 9) k++;
  else if (k < n && pid === undefined && content.charCodeAt(k - 1) !== 58) return { message: content };
  return { program, pid, message: content.slice(k) };
}
