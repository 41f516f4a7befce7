/**
 * @module api/metrics
 * Contracts shared by every "metrics of one object" read (`/devices/{id}/metrics`, and
 * `/hosts/{id}/metrics` of the host agent): query by name, time range and step; series with points.
 */
import Type, { type Static } from 'typebox';
import { IsoTime } from './common.ts';

/** `?name=&from=&to=&step=`: names comma-separated; times ISO, epoch ms or relative (-1h); step e.g. 0 (raw), 30s, 5m. */
export const MetricsQuery = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 2000, description: 'Metric names, comma-separated (all when absent)' })),
  from: Type.Optional(Type.String({ maxLength: 64, description: 'Start (default -1h)' })),
  to: Type.Optional(Type.String({ maxLength: 64, description: 'End (default now)' })),
  step: Type.Optional(Type.String({ maxLength: 16, description: 'Bucket width; points are averaged (min/max kept). 0 = raw; widened so no series exceeds 1000 points' })),
  ifIndex: Type.Optional(Type.String({ maxLength: 32, description: 'Only series of this interface (label ifIndex)' })),
  label: Type.Optional(Type.String({ maxLength: 512, description: 'Only series whose labels include these, comma-separated k=v (hosts: mount=/, interface=eth0)' })),
});
export type MetricsQuery = Static<typeof MetricsQuery>;

/** One point: the bucket start, its average, minimum and maximum. */
export const MetricPoint = Type.Object({ ts: Type.Number({ description: 'Epoch ms' }), value: Type.Number(), min: Type.Number(), max: Type.Number() });

/** One series. */
export const MetricSeries = Type.Object({ name: Type.String(), labels: Type.Record(Type.String(), Type.String()), points: Type.Array(MetricPoint) });
export type MetricSeries = Static<typeof MetricSeries>;

/** The answer of a metrics read. */
export const MetricsResponse = Type.Object({ from: IsoTime, to: IsoTime, step: Type.Number({ description: 'Bucket width in ms (0 = raw)' }), series: Type.Array(MetricSeries) });
export type MetricsResponse = Static<typeof MetricsResponse>;
