/**
 * @module api/time-intervals
 * Contracts of `/api/v1/time-intervals`: named recurring schedules (weekdays and times of day in a
 * time zone). A route names them in `mute_time_intervals` (maintenance windows: nothing is sent
 * while one is active) or `active_time_intervals` (office hours: nothing is sent outside them).
 */
import Type, { type Static } from 'typebox';
import { IdParams, IsoTime, Ok, StringEnum, operation } from './common.ts';

/** Weekday names, Monday first. */
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Size limits of a time interval. */
export const TIME_INTERVAL_LIMITS = { name: 200, ranges: 50, location: 64 } as const;

/** One recurring range: on these weekdays (all when absent), from `start_time` to `end_time` (whole day when absent). */
export const TimeRange = Type.Object({
  weekdays: Type.Optional(Type.Array(StringEnum(WEEKDAYS), { maxItems: 7, description: 'Days the range starts on; absent = every day' })),
  start_time: Type.Optional(Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM, inclusive (default 00:00)' })),
  end_time: Type.Optional(Type.String({ pattern: '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$', description: 'HH:MM, exclusive (default 24:00); earlier than start_time = runs past midnight' })),
});
export type TimeRange = Static<typeof TimeRange>;

/** `POST /time-intervals` and `PUT /time-intervals/{id}` body. */
export const TimeIntervalBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: TIME_INTERVAL_LIMITS.name, description: 'What routes call it (unique per tenant)' }),
  location: Type.Optional(Type.String({ maxLength: TIME_INTERVAL_LIMITS.location, description: 'IANA time zone, e.g. Europe/Berlin (default UTC)' })),
  times: Type.Array(TimeRange, { minItems: 1, maxItems: TIME_INTERVAL_LIMITS.ranges }),
});
export type TimeIntervalBody = Static<typeof TimeIntervalBody>;

/** A time interval. */
export const TimeInterval = Type.Object({
  id: Type.String(),
  name: Type.String(),
  location: Type.String(),
  times: Type.Array(TimeRange),
  /** Whether it is active at the time of the answer. */
  activeNow: Type.Boolean(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type TimeInterval = Static<typeof TimeInterval>;

/** The operations of `/api/v1/time-intervals`. */
export const timeIntervalsApi = {
  list: operation({ tags: ['routing'], summary: 'Time intervals (maintenance windows, office hours)', response: { 200: Type.Object({ timeIntervals: Type.Array(TimeInterval) }) } }),
  create: operation({ tags: ['routing'], summary: 'Add a time interval', body: TimeIntervalBody, response: { 201: TimeInterval }, errors: [409] }),
  get: operation({ tags: ['routing'], summary: 'One time interval', params: IdParams, response: { 200: TimeInterval } }),
  update: operation({ tags: ['routing'], summary: 'Replace a time interval (renaming one a route uses is refused)', params: IdParams, body: TimeIntervalBody, response: { 200: TimeInterval }, errors: [409] }),
  remove: operation({ tags: ['routing'], summary: 'Delete a time interval no route uses', params: IdParams, response: { 200: Ok }, errors: [409] }),
};
