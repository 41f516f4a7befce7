/**
 * The event detail drawer: every parsed field (with include/exclude filter buttons when the caller
 * can filter), the raw line as received, and the JSON record.
 */
import { useMemo, useState } from 'react';
import {
  ActionIcon, Alert, Box, Button, Code, CopyButton, Drawer, Group, ScrollArea, Stack, Table, Tabs, Text, TextInput, Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy, IconFilterMinus, IconFilterPlus, IconSearch } from '@tabler/icons-react';
import type { VigilEvent } from '@vigil/contracts';
import { useMediaQuery } from '@mantine/hooks';
import { useApiQuery } from '../../api/api.ts';
import { formatTimestamp } from '../../lib/time.ts';
import { SeverityBadge } from '../severity.tsx';
import { formatValue, sortedFields } from './fields.ts';

export interface EventDetailDrawerProps {
  /** The id of the event to show; null closes the drawer. */
  eventId: string | null;
  /** The event if the caller already has it (skips the fetch). */
  event?: VigilEvent | null;
  onClose: () => void;
  onFilter?: (field: string, value: unknown, exclude: boolean) => void;
  onOpenInSearch?: (event: VigilEvent) => void;
}

export function EventDetailDrawer({ eventId, event, onClose, onFilter, onOpenInSearch }: EventDetailDrawerProps) {
  const isMobile = useMediaQuery('(max-width: 48em)');
  const needsFetch = !!eventId && !event;
  const fetched = useApiQuery<VigilEvent>({ key: ['event', eventId], path: `/events/${encodeURIComponent(eventId ?? '')}`, enabled: needsFetch });
  const ev = event ?? fetched.data ?? null;

  return (
    <Drawer
      opened={!!eventId}
      onClose={onClose}
      position="right"
      size={isMobile ? '100%' : 'xl'}
      title={<Text fw={600}>Event detail</Text>}
      closeButtonProps={{ 'aria-label': 'Close event detail' }}
      data-testid="event-drawer"
    >
      {needsFetch && fetched.error && <Alert color="red" role="alert">{fetched.error.message}</Alert>}
      {!ev && !fetched.error && <Text c="dimmed">Loading…</Text>}
      {ev && <EventDetail event={ev} onFilter={onFilter} onOpenInSearch={onOpenInSearch} />}
    </Drawer>
  );
}

function EventDetail({ event, onFilter, onOpenInSearch }: { event: VigilEvent; onFilter?: EventDetailDrawerProps['onFilter']; onOpenInSearch?: (e: VigilEvent) => void }) {
  const [filter, setFilter] = useState('');
  const fields = useMemo(() => sortedFields(event), [event]);
  const shown = filter ? fields.filter(([k, v]) => k.toLowerCase().includes(filter.toLowerCase()) || formatValue(v).toLowerCase().includes(filter.toLowerCase())) : fields;
  const raw = typeof event['event.original'] === 'string' ? (event['event.original'] as string) : null;
  const json = JSON.stringify(event, null, 2);

  return (
    <Stack gap="md">
      <Stack gap={6}>
        <Group gap="xs">
          <SeverityBadge value={event['vigil.severity']} />
          <Text size="sm" c="dimmed" className="vigil-mono">{formatTimestamp(event['@timestamp'])}</Text>
          {typeof event['event.dataset'] === 'string' && <Code>{event['event.dataset']}</Code>}
        </Group>
        <Text fw={500} style={{ wordBreak: 'break-word' }} data-testid="event-drawer-message">{event.message}</Text>
        {onOpenInSearch && (
          <Button size="xs" variant="light" w="fit-content" leftSection={<IconSearch size={14} />} onClick={() => onOpenInSearch(event)}>
            Open in search
          </Button>
        )}
      </Stack>
      <Tabs defaultValue="fields" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="fields">Fields ({fields.length})</Tabs.Tab>
          <Tabs.Tab value="raw">Raw line</Tabs.Tab>
          <Tabs.Tab value="json">JSON</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="fields" pt="sm">
          <TextInput size="xs" placeholder="Filter fields" aria-label="Filter fields" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} mb="xs" />
          <Table striped highlightOnHover verticalSpacing={4} fz="sm" data-testid="event-fields">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="35%">Field</Table.Th>
                <Table.Th>Value</Table.Th>
                {onFilter && <Table.Th w={64}><Box component="span" style={{ position: 'absolute', left: -9999 }}>Actions</Box></Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map(([k, v]) => (
                <Table.Tr key={k}>
                  <Table.Td className="vigil-mono" style={{ wordBreak: 'break-all' }}>{k}</Table.Td>
                  <Table.Td className="vigil-mono" style={{ wordBreak: 'break-word', whiteSpace: 'pre-wrap' }}>{formatValue(v)}</Table.Td>
                  {onFilter && (
                    <Table.Td>
                      <Group gap={2} wrap="nowrap">
                        <Tooltip label="Filter for this value">
                          <ActionIcon size="sm" variant="subtle" aria-label={`Filter for ${k}`} onClick={() => onFilter(k, v, false)}>
                            <IconFilterPlus size={14} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label="Filter out this value">
                          <ActionIcon size="sm" variant="subtle" color="red" aria-label={`Filter out ${k}`} onClick={() => onFilter(k, v, true)}>
                            <IconFilterMinus size={14} />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Tabs.Panel>
        <Tabs.Panel value="raw" pt="sm">
          {raw ? (
            <Stack gap="xs">
              <CopyAction value={raw} label="Copy raw line" />
              <Code block data-testid="event-raw" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{raw}</Code>
            </Stack>
          ) : (
            <Text c="dimmed" size="sm">This event has no raw line (it arrived as structured JSON).</Text>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="json" pt="sm">
          <Stack gap="xs">
            <CopyAction value={json} label="Copy JSON" />
            <ScrollArea.Autosize mah="60vh">
              <Code block>{json}</Code>
            </ScrollArea.Autosize>
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function CopyAction({ value, label }: { value: string; label: string }) {
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Button size="xs" variant="light" w="fit-content" color={copied ? 'teal' : undefined} leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />} onClick={copy}>
          {copied ? 'Copied' : label}
        </Button>
      )}
    </CopyButton>
  );
}
