/**
 * The time range picker: quick relative ranges, a custom "last N units", and absolute from/to with
 * calendars. Values are the API's strings (`-15m`, `now`, ISO).
 */
import { useState } from 'react';
import { Button, Divider, Group, NumberInput, Popover, Select, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { IconCalendarTime } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { QUICK_RANGES, rangeLabel, resolveTime, type TimeRange } from '../../lib/time.ts';

export interface TimeRangePickerProps {
  value: TimeRange;
  onChange: (range: TimeRange) => void;
  /** Hide the absolute part (overview). */
  relativeOnly?: boolean;
}

const UNITS = [
  { value: 'm', label: 'minutes' },
  { value: 'h', label: 'hours' },
  { value: 'd', label: 'days' },
];

export function TimeRangePicker({ value, onChange, relativeOnly }: TimeRangePickerProps) {
  const [opened, setOpened] = useState(false);
  const [n, setN] = useState<number | string>(30);
  const [unit, setUnit] = useState<string | null>('m');
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);

  const open = () => {
    setFrom(dayjs(resolveTime(value.from)).format('YYYY-MM-DD HH:mm:ss'));
    setTo(dayjs(resolveTime(value.to)).format('YYYY-MM-DD HH:mm:ss'));
    setOpened(true);
  };
  const choose = (r: TimeRange) => {
    onChange(r);
    setOpened(false);
  };
  const absValid = !!from && !!to && dayjs(from).isBefore(dayjs(to));

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" shadow="md" width={relativeOnly ? 240 : 'min(520px, 95vw)'} trapFocus>
      <Popover.Target>
        <Button variant="default" leftSection={<IconCalendarTime size={16} />} onClick={() => (opened ? setOpened(false) : open())} aria-label={`Time range: ${rangeLabel(value)}`} data-testid="time-range" styles={{ label: { whiteSpace: 'nowrap' } }}>
          {rangeLabel(value)}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <SimpleGrid cols={relativeOnly ? 1 : { base: 1, xs: 2 }} spacing="md">
          <Stack gap={2}>
            <Text size="xs" fw={700} c="dimmed" tt="uppercase">Relative</Text>
            {QUICK_RANGES.map((r) => (
              <UnstyledButton
                key={r.from}
                onClick={() => choose({ from: r.from, to: 'now' })}
                px="xs"
                py={4}
                style={{ borderRadius: 6, background: value.from === r.from && value.to === 'now' ? 'var(--mantine-primary-color-light)' : undefined }}
              >
                <Text size="sm">{r.label}</Text>
              </UnstyledButton>
            ))}
            <Group gap={4} mt="xs" wrap="nowrap" align="flex-end">
              <NumberInput size="xs" w={70} min={1} value={n} onChange={setN} aria-label="Custom amount" />
              <Select size="xs" w={100} data={UNITS} value={unit} onChange={setUnit} aria-label="Custom unit" allowDeselect={false} comboboxProps={{ withinPortal: false }} />
              <Button size="xs" variant="light" disabled={!n || !unit} onClick={() => choose({ from: `-${n}${unit}`, to: 'now' })}>
                Last
              </Button>
            </Group>
          </Stack>
          {!relativeOnly && (
            <Stack gap="xs">
              <Text size="xs" fw={700} c="dimmed" tt="uppercase">Absolute</Text>
              <DateTimePicker label="From" value={from} onChange={setFrom} withSeconds valueFormat="YYYY-MM-DD HH:mm:ss" popoverProps={{ withinPortal: false }} />
              <DateTimePicker label="To" value={to} onChange={setTo} withSeconds valueFormat="YYYY-MM-DD HH:mm:ss" popoverProps={{ withinPortal: false }} />
              <Divider />
              <Button size="xs" disabled={!absValid} onClick={() => choose({ from: dayjs(from).toISOString(), to: dayjs(to).toISOString() })}>
                Apply range
              </Button>
            </Stack>
          )}
        </SimpleGrid>
      </Popover.Dropdown>
    </Popover>
  );
}
