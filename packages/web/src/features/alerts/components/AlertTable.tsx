/**
 * The alert list on a wide screen: one row per alert with a checkbox for bulk actions; a row opens the
 * alert. On a narrow screen the same alerts show as cards with their own ack and resolve buttons.
 */
import { Link } from 'react-router';
import { Anchor, Badge, Card, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import type { Alert } from '@vigil/contracts';
import { SeverityBadge } from '../../../components/severity.tsx';
import { formatAgo } from '../../../lib/time.ts';
import { formatGroup } from '../lib/alert-format.ts';
import { AlertStateBadge } from './AlertStateBadge.tsx';
import { AlertQuickActions } from './AlertActions.tsx';

export interface AlertTableProps {
  alerts: Alert[];
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], on: boolean) => void;
  onOpen: (a: Alert) => void;
}

export function AlertTable({ alerts, selected, onSelect, onOpen }: AlertTableProps) {
  const all = alerts.length > 0 && alerts.every((a) => selected.has(a.id));
  const some = alerts.some((a) => selected.has(a.id));
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table highlightOnHover verticalSpacing={6} fz="sm" aria-label="Alerts" data-testid="alerts-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36}>
              <Checkbox aria-label="Select all alerts shown" checked={all} indeterminate={some && !all} onChange={(e) => onSelect(alerts.map((a) => a.id), e.currentTarget.checked)} />
            </Table.Th>
            <Table.Th w={90}>Severity</Table.Th>
            <Table.Th>Alert</Table.Th>
            <Table.Th w={120}>State</Table.Th>
            <Table.Th w={70} ta="right">Events</Table.Th>
            <Table.Th w={110}>Assignee</Table.Th>
            <Table.Th w={130}>Last seen</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {alerts.map((a) => (
            <Table.Tr
              key={a.id}
              className="vigil-row"
              tabIndex={0}
              data-testid="alert-row"
              data-alert-id={a.id}
              bg={selected.has(a.id) ? 'var(--mantine-primary-color-light)' : undefined}
              onClick={() => onOpen(a)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') onOpen(a);
              }}
            >
              <Table.Td onClick={(e) => e.stopPropagation()}>
                <Checkbox aria-label={`Select ${a.title}`} checked={selected.has(a.id)} onChange={(e) => onSelect([a.id], e.currentTarget.checked)} />
              </Table.Td>
              <Table.Td><SeverityBadge value={a.severity} /></Table.Td>
              <Table.Td style={{ maxWidth: 0, width: '100%' }}>
                <Anchor component={Link} to={`/alerts/${encodeURIComponent(a.id)}`} size="sm" fw={500} truncate="end" display="block" onClick={(e) => e.stopPropagation()}>
                  {a.title}
                </Anchor>
                <Text size="xs" c="dimmed" truncate="end">
                  {a.ruleId}{formatGroup(a.group) ? ` · ${formatGroup(a.group)}` : ''}
                </Text>
              </Table.Td>
              <Table.Td><AlertStateBadge state={a.state} /></Table.Td>
              <Table.Td ta="right" className="vigil-mono">{a.count.toLocaleString()}</Table.Td>
              <Table.Td><Text size="sm" c={a.assignee ? undefined : 'dimmed'} truncate>{a.assignee ?? '—'}</Text></Table.Td>
              <Table.Td><Text size="sm" title={a.lastSeen}>{formatAgo(a.lastSeen)}</Text></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The narrow-screen list: cards with the alert's essentials and its ack/resolve buttons in reach. */
export function AlertCards({ alerts, selected, onSelect, onOpen }: AlertTableProps) {
  return (
    <Stack gap="xs" data-testid="alert-cards">
      {alerts.map((a) => (
        <Card key={a.id} withBorder padding="sm" radius="md" data-testid="alert-row" data-alert-id={a.id} style={{ borderLeft: `4px solid var(--mantine-color-${a.severity === 'critical' ? 'red' : a.severity === 'high' ? 'orange' : a.severity === 'medium' ? 'yellow' : a.severity === 'low' ? 'teal' : 'gray'}-filled)` }}>
          <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
            <Checkbox mt={2} aria-label={`Select ${a.title}`} checked={selected.has(a.id)} onChange={(e) => onSelect([a.id], e.currentTarget.checked)} />
            <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
              <Anchor component={Link} to={`/alerts/${encodeURIComponent(a.id)}`} fw={600} size="sm" onClick={(e) => { e.preventDefault(); onOpen(a); }} style={{ overflowWrap: 'anywhere' }}>
                {a.title}
              </Anchor>
              <Group gap={6} wrap="wrap">
                <SeverityBadge value={a.severity} />
                <AlertStateBadge state={a.state} />
                <Badge variant="default" size="sm" radius="sm" tt="none">{a.count.toLocaleString()} {a.count === 1 ? 'event' : 'events'}</Badge>
              </Group>
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {formatAgo(a.lastSeen)}{a.assignee ? ` · ${a.assignee}` : ''}{formatGroup(a.group) ? ` · ${formatGroup(a.group)}` : ''}
              </Text>
            </Stack>
          </Group>
          {a.state !== 'resolved' && <AlertQuickActions alert={a} mt="xs" />}
        </Card>
      ))}
    </Stack>
  );
}
