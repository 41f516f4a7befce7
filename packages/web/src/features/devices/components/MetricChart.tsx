/**
 * One or more series of a device metric over time (uPlot), e.g. CPU %, or in/out bits/s.
 */
import { useMemo } from 'react';
import { Text, useComputedColorScheme } from '@mantine/core';
import uPlot from 'uplot';
import type { MetricSeries } from '@vigil/contracts';
import { UPlotChart, chartColors } from '../../../components/charts/UPlotChart.tsx';

const PALETTE = ['#4263eb', '#f76707', '#2f9e44', '#ae3ec9', '#e03131'];

/** uPlot columns: the union of timestamps, one column per series (null where a series has no point). */
export function metricColumns(series: MetricSeries[]): uPlot.AlignedData {
  const ts = [...new Set(series.flatMap((s) => s.points.map((p) => p.ts)))].sort((a, b) => a - b);
  const at = new Map(ts.map((t, i) => [t, i]));
  const cols = series.map((s) => {
    const col: (number | null)[] = ts.map(() => null);
    for (const p of s.points) col[at.get(p.ts)!] = p.value;
    return col;
  });
  return [ts.map((t) => t / 1000), ...cols] as uPlot.AlignedData;
}

/** A uPlot line chart of metric series. */
export function MetricChart({ series, label, unit, height = 180, format }: { series: MetricSeries[]; label: string; unit: string; height?: number; format?: (v: number) => string }) {
  const scheme = useComputedColorScheme('light');
  const data = useMemo(() => metricColumns(series), [series]);
  const names = series.map((s) => s.labels.ifName ?? s.name).join('|');
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    const c = chartColors(scheme);
    const fmt = format ?? ((v: number) => `${v.toFixed(v >= 100 ? 0 : 1)}`);
    return {
      legend: { show: series.length > 1 },
      cursor: { drag: { x: false, y: false }, points: { size: 6 } },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(unit === '%' ? 100 : 1, max * 1.15)] } },
      axes: [
        { stroke: c.axis, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid } },
        { stroke: c.axis, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid }, size: 70, values: (_u, vals) => vals.map((v) => fmt(v)) },
      ],
      series: [{}, ...names.split('|').map((n, i) => ({ label: n || unit, stroke: PALETTE[i % PALETTE.length], width: 2, points: { show: false }, spanGaps: true }))],
    };
    // names captures the series identity; their points change without rebuilding the chart.
  }, [scheme, names, unit, format, series.length]);
  if (!series.length || !series.some((s) => s.points.length)) return <Text size="sm" c="dimmed" data-testid="chart-empty">No {label.toLowerCase()} data yet.</Text>;
  return <UPlotChart options={options} data={data} height={height} label={label} />;
}
