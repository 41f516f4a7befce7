/**
 * @module detection/signal-id
 * Deterministic signal ids: the same rule, group and window give the same id in any process and after
 * any restart, so the server can drop a signal it already turned into an alert.
 */

/** 64-bit FNV-1a of the UTF-16 code units, as 16 hex digits (two 32-bit lanes with distinct seeds). */
export function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  // A final avalanche so ids of near-identical inputs differ in every digit.
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b) ^ (a >>> 13);
  b = Math.imul(b ^ (b >>> 16), 0xc2b2ae35) ^ (b >>> 13);
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/**
 * The id of a signal: a hash of rule id, group key and window start (or an event id for plain matches).
 *
 * @example
 * signalId('ssh-brute-force', '["10.0.0.1"]', '1767225600000'); // '3f…' (16 hex digits, stable)
 */
export function signalId(ruleId: string, groupKey: string, windowKey: string): string {
  return hash64(`${ruleId}\u0000${groupKey}\u0000${windowKey}`);
}
