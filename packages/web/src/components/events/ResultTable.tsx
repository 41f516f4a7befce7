/**
 * The events table: time plus the chosen columns; a row opens the event detail. Search shows its
 * results in it, the alert detail its matching events.
 */
import { Box, Button, Center, Group, Table, Text } from '@mantine/core';
import type { VigilEvent } from '@vigil/contracts';
import { SeverityBadge } from '../severity.tsx';
import { formatValue } from './fields.ts';
import { formatTimestamp } from '../../lib/time.ts';

export interface ResultTableProps {
  events: VigilEvent[];
  columns: string[];
  selectedId: string | null;
  onOpen: (event: VigilEvent) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}

export function ResultTable({ events, columns, selectedId, onOpen, hasMore, loadingMore, onLoadMore }: ResultTableProps) {
  return (
    <Box>
      <Table.ScrollContainer minWidth={640}>
        <Table highlightOnHover stickyHeader verticalSpacing={6} fz="sm" data-testid="results-table" aria-label="Search results">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={190}>@timestamp</Table.Th>
              {columns.map((c) => (
                <Table.Th key={c} style={{ whiteSpace: 'nowrap' }}>{c}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {events.map((ev) => (
              <Table.Tr
                key={ev.id}
                className="vigil-row"
                tabIndex={0}
                data-testid="result-row"
                data-event-id={ev.id}
                bg={selectedId === ev.id ? 'var(--mantine-primary-color-light)' : undefined}
                onClick={() => onOpen(ev)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') onOpen(ev);
                }}
              >
                <Table.Td className="vigil-mono" style={{ whiteSpace: 'nowrap' }}>{formatTimestamp(ev['@timestamp'])}</Table.Td>
                {columns.map((c) => (
                  <Table.Td key={c} style={c === 'message' ? { maxWidth: 0, width: '100%' } : { whiteSpace: 'nowrap', maxWidth: 260 }}>
                    {c === 'vigil.severity' ? (
                      <SeverityBadge value={ev[c]} />
                    ) : (
                      <Text size="sm" truncate="end" ff={c === 'message' ? undefined : 'monospace'} title={formatValue(ev[c])}>
                        {formatValue(ev[c])}
                      </Text>
                    )}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Center py="sm">
        {hasMore ? (
          <Button variant="default" onClick={onLoadMore} loading={loadingMore}>
            Load more
          </Button>
        ) : (
          events.length > 0 && (
            <Group gap={4}>
              <Text size="xs" c="dimmed">End of results ({events.length.toLocaleString()} events).</Text>
            </Group>
          )
        )}
      </Center>
    </Box>
  );
}
