/**
 * The field sidebar: fields of the matching events with their counts; open one to see its top
 * values and filter them in or out, or toggle it as a table column.
 */
import { useState } from 'react';
import { ActionIcon, Box, Collapse, Group, Loader, Progress, ScrollArea, Stack, Text, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconColumns, IconColumnsOff, IconFilterMinus, IconFilterPlus } from '@tabler/icons-react';
import type { FieldInfo } from '@vigil/contracts';
import type { TimeRange } from '../../../lib/time.ts';
import { formatValue } from '../../../components/events/fields.ts';
import { useTopValues } from '../api/search.ts';

export interface FieldSidebarProps {
  fields: FieldInfo[];
  loading: boolean;
  q: string;
  range: TimeRange;
  columns: string[];
  onFilter: (field: string, value: unknown, exclude: boolean) => void;
  onToggleColumn: (field: string) => void;
}

export function FieldSidebar({ fields, loading, q, range, columns, onFilter, onToggleColumn }: FieldSidebarProps) {
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const shown = fields.filter((f) => f.name.toLowerCase().includes(filter.toLowerCase()));

  return (
    <Stack gap="xs" h="100%" data-testid="field-sidebar">
      <Group justify="space-between">
        <Text fw={600} size="sm">Fields</Text>
        {loading && <Loader size="xs" aria-label="Loading fields" />}
      </Group>
      <TextInput size="xs" placeholder="Find a field" aria-label="Find a field" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} />
      <ScrollArea.Autosize mah="calc(100vh - 330px)" type="auto" offsetScrollbars>
        <Stack gap={0}>
          {shown.length === 0 && !loading && <Text size="xs" c="dimmed">No fields in the matching events.</Text>}
          {shown.map((f) => (
            <Box key={f.name}>
              <Group gap={2} wrap="nowrap">
                <UnstyledButton
                  onClick={() => setOpen(open === f.name ? null : f.name)}
                  style={{ flex: 1, minWidth: 0, borderRadius: 4 }}
                  px={4}
                  py={3}
                  aria-expanded={open === f.name}
                  aria-label={`Top values of ${f.name}`}
                >
                  <Group gap={4} wrap="nowrap">
                    {open === f.name ? <IconChevronDown size={12} /> : <IconChevronRight size={12} />}
                    <Text size="xs" ff="monospace" truncate style={{ flex: 1 }} title={f.name}>{f.name}</Text>
                    <Text size="xs" c="dimmed">{f.count.toLocaleString()}</Text>
                  </Group>
                </UnstyledButton>
                <Tooltip label={columns.includes(f.name) ? 'Remove column' : 'Add column'}>
                  <ActionIcon size="sm" variant="subtle" color="gray" onClick={() => onToggleColumn(f.name)} aria-label={`${columns.includes(f.name) ? 'Remove' : 'Add'} column ${f.name}`}>
                    {columns.includes(f.name) ? <IconColumnsOff size={14} /> : <IconColumns size={14} />}
                  </ActionIcon>
                </Tooltip>
              </Group>
              <Collapse expanded={open === f.name}>
                {open === f.name && <TopValues field={f} q={q} range={range} onFilter={onFilter} />}
              </Collapse>
            </Box>
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Stack>
  );
}

function TopValues({ field, q, range, onFilter }: { field: FieldInfo; q: string; range: TimeRange; onFilter: FieldSidebarProps['onFilter'] }) {
  const top = useTopValues(q, range, field.name, 5);
  if (top.isLoading) return <Loader size="xs" m="xs" aria-label="Loading values" />;
  if (top.error) return <Text size="xs" c="red" p="xs">{top.error.message}</Text>;
  const values = top.data?.values ?? [];
  return (
    <Stack gap={6} pl="md" pr={4} py={6} data-testid={`top-values-${field.name}`}>
      {values.length === 0 && <Text size="xs" c="dimmed">No values.</Text>}
      {values.map((v) => {
        const pct = field.count > 0 ? (v.count / field.count) * 100 : 0;
        const text = formatValue(v.value);
        return (
          <Stack key={text} gap={2}>
            <Group gap={2} wrap="nowrap">
              <Text size="xs" ff="monospace" truncate style={{ flex: 1 }} title={text}>{text || '(empty)'}</Text>
              <Text size="xs" c="dimmed">{v.count.toLocaleString()}</Text>
              <ActionIcon size="xs" variant="subtle" aria-label={`Filter for ${field.name} ${text}`} onClick={() => onFilter(field.name, v.value, false)}>
                <IconFilterPlus size={12} />
              </ActionIcon>
              <ActionIcon size="xs" variant="subtle" color="red" aria-label={`Filter out ${field.name} ${text}`} onClick={() => onFilter(field.name, v.value, true)}>
                <IconFilterMinus size={12} />
              </ActionIcon>
            </Group>
            <Progress value={pct} size={4} aria-hidden />
          </Stack>
        );
      })}
    </Stack>
  );
}
