/**
 * Formats of the host pages: status colours, percentages, bytes.
 */

/** Colour of a host status badge. */
export function hostStatusColor(status: string): string {
  return status === 'online' ? 'green' : status === 'stale' ? 'yellow' : status === 'offline' ? 'red' : 'gray';
}

/** 42.123 -> "42 %", undefined -> "—". */
export function pct(v: number | undefined | null): string {
  return v === undefined || v === null || !Number.isFinite(v) ? '—' : `${v.toFixed(v < 10 ? 1 : 0)} %`;
}

/** 1536 -> "1.5 KiB". */
export function formatBytes(v: number | undefined | null): string {
  if (v === undefined || v === null || !Number.isFinite(v)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let x = v;
  while (x >= 1024 && i < units.length - 1) {
    x /= 1024;
    i++;
  }
  return `${i === 0 || x >= 100 ? x.toFixed(0) : x.toFixed(1)} ${units[i]}`;
}
