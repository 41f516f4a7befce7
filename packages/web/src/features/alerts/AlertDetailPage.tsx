/**
 * One alert: what fired (title, severity, state, group), how often (fold count, detections, first and
 * last seen), the rule (with a Sigma rule's author and licence), the matching events in the events
 * table, the history with notes, assignment and the ack/resolve actions, and "open as search".
 */
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Anchor, Badge, Box, Button, Grid, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconSearch } from '@tabler/icons-react';
import type { EventsPage, VigilEvent } from '@vigil/contracts';
import { useApiQuery } from '../../api/api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SeverityBadge } from '../../components/severity.tsx';
import { ResultTable } from '../../components/events/ResultTable.tsx';
import { EventDetailDrawer } from '../../components/events/EventDetailDrawer.tsx';
import { formatAgo, formatTimestamp } from '../../lib/time.ts';
import { useRule } from '../rules/api/rules.ts';
import { ALERTS_KEY, useAlert } from './api/alerts.ts';
import { alertQuery, alertRange, alertSearchUrl } from './lib/alert-query.ts';
import { AlertStateBadge } from './components/AlertStateBadge.tsx';
import { AlertActionBar } from './components/AlertActions.tsx';
import { AlertHistory, AlertNoteForm } from './components/AlertHistory.tsx';
import { AlertRuleCard } from './components/AlertRuleCard.tsx';
import { SilenceAlertButton } from '../notifications/index.ts';

const EVENT_COLUMNS = ['vigil.severity', 'host.name', 'source.ip', 'message'];

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      <Title order={2} size="h5" mb="sm">{title}</Title>
      {children}
    </Paper>
  );
}

export function AlertDetailPage() {
  const { id = '' } = useParams();
  const detail = useAlert(id);
  const alert = detail.data?.alert;
  const rule = useRule(alert?.ruleId ?? null);
  const doc = rule.data?.doc;
  const [eventId, setEventId] = useState<string | null>(null);

  // Wait for the rule (or its absence) so the query is the rule's, not just the group's.
  const ruleSettled = !!alert && (rule.isSuccess || rule.isError);
  const q = alert ? alertQuery(alert, doc) : '';
  const range = alert ? alertRange(alert, doc) : { from: '', to: '' };
  const events = useApiQuery<EventsPage>({ key: [ALERTS_KEY, 'events', id, q, range.from, range.to], path: '/events', params: { q, from: range.from, to: range.to, limit: 50 }, enabled: ruleSettled });
  const rows = useMemo(() => events.data?.events ?? [], [events.data]);
  const samples = new Set(alert?.sampleEventIds ?? []);
  const selected: VigilEvent | null = rows.find((e) => e.id === eventId) ?? null;

  if (detail.error) return <ErrorAlert error={detail.error} title="Could not load the alert" onRetry={() => void detail.refetch()} />;
  if (!alert) return <Stack>{Array.from({ length: 4 }, (_, i) => <Skeleton key={i} h={60} />)}</Stack>;

  const facts: [string, React.ReactNode][] = [
    ['State', <AlertStateBadge key="s" state={alert.state} />],
    ['Events', <Text key="c" size="sm" className="vigil-mono" data-testid="alert-count">{alert.count.toLocaleString()}</Text>],
    ['Detections', <Text key="d" size="sm" className="vigil-mono">{alert.signals.toLocaleString()}</Text>],
    ['First seen', <Text key="f" size="sm" title={alert.firstSeen}>{formatTimestamp(alert.firstSeen)}</Text>],
    ['Last seen', <Text key="l" size="sm" title={alert.lastSeen}>{formatTimestamp(alert.lastSeen)} ({formatAgo(alert.lastSeen)})</Text>],
    ['Assignee', <Text key="a" size="sm" c={alert.assignee ? undefined : 'dimmed'} data-testid="alert-assignee">{alert.assignee ?? 'nobody'}</Text>],
    ...Object.entries(alert.group).map(([k, v]): [string, React.ReactNode] => [k, <Text key={k} size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>{String(v)}</Text>]),
  ];

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/alerts" size="sm">
        <Group gap={4}><IconArrowLeft size={14} /> Alerts</Group>
      </Anchor>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <SeverityBadge value={alert.severity} />
          <AlertStateBadge state={alert.state} />
          {alert.tags.map((t) => <Badge key={t} variant="default" size="sm" radius="sm" tt="none">{t}</Badge>)}
        </Group>
        <Title order={1} size="h3" style={{ overflowWrap: 'anywhere' }} data-testid="alert-title">{alert.title}</Title>
      </Stack>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <AlertActionBar alert={alert} />
        <Group gap="xs">
          <SilenceAlertButton alert={alert} />
          <Button component={Link} to={alertSearchUrl(alert, doc)} variant="default" leftSection={<IconSearch size={16} />} data-testid="open-as-search">
            Open as search
          </Button>
        </Group>
      </Group>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }} order={{ base: 2, md: 1 }}>
          <Stack gap="md">
            <Section title="Matching events" testId="alert-events">
              <Text size="xs" c="dimmed" ff="monospace" mb="xs" style={{ overflowWrap: 'anywhere' }}>{q || '(every event)'}</Text>
              {events.error ? (
                <ErrorAlert error={events.error} onRetry={() => void events.refetch()} />
              ) : events.isLoading || !ruleSettled ? (
                <Skeleton h={120} />
              ) : rows.length === 0 ? (
                <Text size="sm" c="dimmed">No stored events match (they may have passed retention).</Text>
              ) : (
                <Box mx="-md">
                  <ResultTable events={rows} columns={EVENT_COLUMNS} selectedId={eventId} onOpen={(e) => setEventId(e.id)} hasMore={false} loadingMore={false} onLoadMore={() => undefined} />
                </Box>
              )}
              {rows.length > 0 && <Text size="xs" c="dimmed">{samples.size ? `${rows.filter((r) => samples.has(r.id)).length} of the first ${samples.size} events that raised it are shown.` : ''}</Text>}
            </Section>
            <Section title="History" testId="alert-history-panel">
              <Stack gap="md">
                <AlertHistory history={detail.data?.history ?? []} />
                <AlertNoteForm alertId={alert.id} />
              </Stack>
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 1, md: 2 }}>
          <Stack gap="md">
            <Section title="Details">
              <Table fz="sm" verticalSpacing={4} data-testid="alert-facts">
                <Table.Tbody>
                  {facts.map(([k, v]) => (
                    <Table.Tr key={k}>
                      <Table.Td c="dimmed" w={110} style={{ verticalAlign: 'top' }}>{k}</Table.Td>
                      <Table.Td>{v}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Section>
            <Section title="Rule">
              <AlertRuleCard alert={alert} rule={rule.data} />
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>

      <EventDetailDrawer eventId={eventId} event={selected} onClose={() => setEventId(null)} />
    </Stack>
  );
}
