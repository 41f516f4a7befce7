/**
 * Number formats of the device pages: bits per second, bytes, uptime.
 */

/** 1234567 -> "1.23 Mb/s". */
export function formatBps(v: number | undefined | null): string {
  if (v === undefined || v === null || !Number.isFinite(v)) return '—';
  const units = ['b/s', 'kb/s', 'Mb/s', 'Gb/s', 'Tb/s'];
  let i = 0;
  let x = v;
  while (x >= 1000 && i < units.length - 1) {
    x /= 1000;
    i++;
  }
  return `${x >= 100 || i === 0 ? x.toFixed(0) : x.toFixed(2)} ${units[i]}`;
}

/** Seconds -> "3d 4h", "5h 12m", "42s". */
export function formatUptime(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return '—';
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d) return `${d}d ${h}h`;
  if (h) return `${h}h ${m}m`;
  if (m) return `${m}m`;
  return `${Math.floor(s)}s`;
}

/** Colour of a device or interface status badge. */
export function statusColor(status: string | undefined): string {
  return status === 'up' ? 'green' : status === 'down' || status === 'lowerLayerDown' ? 'red' : 'gray';
}
