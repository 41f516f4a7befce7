/**
 * The result histogram: events per interval as bars; drag across it to zoom the time range.
 */
import { useMemo, useRef } from 'react';
import { useComputedColorScheme } from '@mantine/core';
import uPlot from 'uplot';
import type { HistogramResponse } from '@vigil/contracts';
import { UPlotChart, chartColors } from '../../../components/charts/UPlotChart.tsx';

export interface HistogramProps {
  data: HistogramResponse | undefined;
  /** Called with the dragged range in epoch ms. */
  onZoom: (fromMs: number, toMs: number) => void;
  height?: number;
}

/** Converts histogram buckets to uPlot's columns (x in seconds). */
export function histogramColumns(data: HistogramResponse | undefined): uPlot.AlignedData {
  const buckets = data?.buckets ?? [];
  return [buckets.map((b) => Date.parse(b.ts) / 1000), buckets.map((b) => b.count)];
}

export function Histogram({ data, onZoom, height = 140 }: HistogramProps) {
  const scheme = useComputedColorScheme('light');
  const zoomRef = useRef(onZoom);
  zoomRef.current = onZoom;
  const columns = useMemo(() => histogramColumns(data), [data]);

  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    const c = chartColors(scheme);
    return {
      legend: { show: false },
      cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
      select: { show: true, left: 0, top: 0, width: 0, height: 0 },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [
        { stroke: c.axis, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid } },
        { stroke: c.axis, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid }, size: 48 },
      ],
      series: [
        {},
        {
          label: 'Events',
          stroke: c.line,
          fill: c.fill,
          width: 1,
          paths: uPlot.paths.bars!({ size: [0.85, 60], align: 1 }),
          points: { show: false },
        },
      ],
      hooks: {
        setSelect: [
          (u) => {
            if (u.select.width < 4) return;
            const min = u.posToVal(u.select.left, 'x');
            const max = u.posToVal(u.select.left + u.select.width, 'x');
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            zoomRef.current(Math.floor(min * 1000), Math.ceil(max * 1000));
          },
        ],
      },
    };
  }, [scheme]);

  return <UPlotChart options={options} data={columns} height={height} label="Histogram of matching events over time; drag to zoom" testId="histogram" />;
}
