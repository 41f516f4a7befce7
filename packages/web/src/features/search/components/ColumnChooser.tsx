/**
 * Chooses the result table's columns from the fields present (plus any already chosen).
 */
import { Button, Group, MultiSelect, Popover, Stack } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';
import { DEFAULT_COLUMNS } from '../../../components/events/fields.ts';

export function ColumnChooser({ fields, columns, onChange }: { fields: string[]; columns: string[]; onChange: (cols: string[]) => void }) {
  const data = [...new Set([...columns, ...DEFAULT_COLUMNS, ...fields])].filter((f) => f !== '@timestamp').sort();
  return (
    <Popover position="bottom-end" shadow="md" width={340} trapFocus>
      <Popover.Target>
        <Button variant="default" size="xs" leftSection={<IconColumns size={14} />}>
          Columns
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <MultiSelect
            label="Columns"
            description="Shown after @timestamp, in this order"
            data={data}
            value={columns}
            onChange={onChange}
            searchable
            clearable
            comboboxProps={{ withinPortal: false }}
            maxDropdownHeight={240}
          />
          <Group justify="flex-end">
            <Button size="xs" variant="subtle" onClick={() => onChange(DEFAULT_COLUMNS)}>
              Reset to default
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
