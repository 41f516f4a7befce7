/**
 * @module collectors/compare
 * The order collectors sort names in: by UTF-16 code unit. Not localeCompare: its first call loads
 * ICU's collation data, about 3 MB that stay resident for the agent's lifetime (measured with the
 * agent bundle on Node 20), and a stable machine order is all a snapshot needs.
 */

/** Compares two strings by code unit (-1, 0, 1). */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
