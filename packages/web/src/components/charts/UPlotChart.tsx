/**
 * A thin React wrapper around uPlot: sizes the chart to its container and updates data in place.
 * Callers memoize `options`; a new options object rebuilds the chart.
 */
import { useEffect, useRef } from 'react';
import { Box } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import uPlot from 'uplot';

export interface UPlotChartProps {
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  height: number;
  /** Accessible description of what the chart shows. */
  label: string;
  testId?: string;
}

export function UPlotChart({ options, data, height, label, testId }: UPlotChartProps) {
  const { ref: sizeRef, width } = useElementSize();
  const holder = useRef<HTMLDivElement | null>(null);
  const plot = useRef<uPlot | null>(null);
  const latestData = useRef(data);
  latestData.current = data;
  const hasWidth = width > 0;

  useEffect(() => {
    if (!holder.current || !hasWidth) return;
    const u = new uPlot({ ...options, width: Math.floor(holder.current.clientWidth || width), height }, latestData.current, holder.current);
    plot.current = u;
    return () => {
      u.destroy();
      plot.current = null;
    };
    // Width changes are handled by setSize below; only options and height rebuild the chart.
  }, [options, height, hasWidth]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  useEffect(() => {
    if (plot.current && width > 0) plot.current.setSize({ width: Math.floor(width), height });
  }, [width, height]);

  return (
    <Box ref={sizeRef} w="100%" role="img" aria-label={label} data-testid={testId}>
      <div ref={holder} style={{ width: '100%', height }} />
    </Box>
  );
}

/** Axis and grid colours for the colour scheme. */
export function chartColors(scheme: 'light' | 'dark') {
  return scheme === 'dark'
    ? { axis: '#c1c2c5', grid: 'rgba(255,255,255,0.08)', line: '#748ffc', fill: 'rgba(116,143,252,0.25)' }
    : { axis: '#495057', grid: 'rgba(0,0,0,0.07)', line: '#4263eb', fill: 'rgba(66,99,235,0.18)' };
}
