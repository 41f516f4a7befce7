/**
 * Maintenance windows and office hours (time intervals): each with its ranges, zone and whether it is
 * active now; admins add, change and delete them (one a route uses cannot be deleted or renamed).
 */
import { Badge, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TimeInterval, TimeIntervalBody, TimeRange } from '@vigil/contracts';
import { useCreateTimeInterval, useDeleteTimeInterval, useTimeIntervals, useUpdateTimeInterval } from '../api/time-intervals.ts';
import { ConfigList } from './ConfigList.tsx';
import { TimeIntervalForm } from './TimeIntervalForm.tsx';

/** "sat, sun 22:00–06:00" for a range. */
export function rangeText(r: TimeRange): string {
  const days = r.weekdays?.length ? r.weekdays.map((d) => d.slice(0, 3)).join(', ') : 'every day';
  const times = r.start_time || r.end_time ? `${r.start_time ?? '00:00'}–${r.end_time ?? '24:00'}` : 'all day';
  return `${days} ${times}`;
}

/** The form wired to create (no interval) or replace (an interval). */
function IntervalEditor({ interval, close }: { interval?: TimeInterval; close: () => void }) {
  const create = useCreateTimeInterval();
  const update = useUpdateTimeInterval();
  const save = interval ? update : create;
  const done = { onSuccess: (t: TimeInterval) => { close(); notifications.show({ color: 'green', title: 'Time interval saved', message: t.name }); } };
  return (
    <TimeIntervalForm
      interval={interval} saving={save.isPending} error={save.error} onCancel={close}
      onSubmit={(body: TimeIntervalBody) => (interval ? update.mutate({ id: interval.id, body }, done) : create.mutate(body, done))}
    />
  );
}

export function TimeIntervalsPanel({ admin }: { admin: boolean }) {
  const list = useTimeIntervals();
  const remove = useDeleteTimeInterval();

  return (
    <ConfigList
      noun="time interval" addLabel="Add window" empty="No maintenance windows or office hours yet." testId="interval-list" admin={admin} list={list} items={list.data?.timeIntervals ?? []} remove={remove}
      intro={<>Recurring schedules in a time zone. A route mutes itself during a maintenance window (<code>mute_time_intervals</code>) or sends only during office hours (<code>active_time_intervals</code>).</>}
      form={(t, close) => <IntervalEditor interval={t} close={close} />}
      render={(t) => (
        <>
          <Group gap={6}>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>{t.name}</Text>
            {t.activeNow ? <Badge size="sm" color="orange" radius="sm">active now</Badge> : <Badge size="sm" variant="light" color="gray" radius="sm">inactive</Badge>}
            <Text size="xs" c="dimmed">{t.location}</Text>
          </Group>
          {t.times.map((r, i) => <Text key={i} size="sm" ff="monospace">{rangeText(r)}</Text>)}
        </>
      )}
    />
  );
}
