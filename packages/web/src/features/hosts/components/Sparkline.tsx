/**
 * A tiny line of one metric series (SVG, no axes) for table rows: the shape of the last hour.
 */
import type { MetricSeries } from '@vigil/contracts';

/** A sparkline of a series' values scaled to 0-100 (percentages) or to its own range. */
export function Sparkline({ series, width = 90, height = 22, color = '#4263eb', percent = true, label }: { series: MetricSeries | undefined; width?: number; height?: number; color?: string; percent?: boolean; label: string }) {
  const pts = series?.points ?? [];
  if (pts.length < 2) return <svg width={width} height={height} role="img" aria-label={`${label}: no data`} />;
  const t0 = pts[0]!.ts;
  const span = pts[pts.length - 1]!.ts - t0 || 1;
  const max = percent ? 100 : Math.max(...pts.map((p) => p.value)) || 1;
  const d = pts.map((p, i) => `${i ? 'L' : 'M'}${(((p.ts - t0) / span) * (width - 2) + 1).toFixed(1)},${(height - 1 - (Math.min(p.value, max) / max) * (height - 2)).toFixed(1)}`).join(' ');
  return (
    <svg width={width} height={height} role="img" aria-label={`${label} over the last hour`} data-testid="sparkline">
      <path d={d} fill="none" stroke={color} strokeWidth={1.5} />
    </svg>
  );
}
