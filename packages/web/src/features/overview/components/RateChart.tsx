/**
 * Events per second over time, from histogram counts divided by the bucket length.
 */
import { useMemo } from 'react';
import { useComputedColorScheme } from '@mantine/core';
import uPlot from 'uplot';
import type { HistogramResponse } from '@vigil/contracts';
import { UPlotChart, chartColors } from '../../../components/charts/UPlotChart.tsx';
import { intervalMs } from '../../../lib/time.ts';

/** uPlot columns of events/s per bucket. */
export function rateColumns(data: HistogramResponse | undefined, fallbackInterval: string): uPlot.AlignedData {
  const buckets = data?.buckets ?? [];
  const secs = (intervalMs(data?.interval ?? fallbackInterval) || 60_000) / 1000;
  return [buckets.map((b) => Date.parse(b.ts) / 1000), buckets.map((b) => b.count / secs)];
}

export function RateChart({ data, interval, height = 200 }: { data: HistogramResponse | undefined; interval: string; height?: number }) {
  const scheme = useComputedColorScheme('light');
  const columns = useMemo(() => rateColumns(data, interval), [data, interval]);
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    const c = chartColors(scheme);
    return {
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 6 } },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.15)] } },
      axes: [
        { stroke: c.axis, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid } },
        { stroke: c.axis, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid }, size: 52, values: (_u, vals) => vals.map((v) => (v >= 100 ? v.toFixed(0) : v.toFixed(2).replace(/\.?0+$/, ''))) },
      ],
      series: [{}, { label: 'events/s', stroke: c.line, fill: c.fill, width: 2, points: { show: false } }],
    };
  }, [scheme]);
  return <UPlotChart options={options} data={columns} height={height} label="Events per second over time" testId="rate-chart" />;
}
