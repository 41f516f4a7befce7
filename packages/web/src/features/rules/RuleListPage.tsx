/**
 * The rule list: every rule of the tenant (built-in pack, imported Sigma rules, own rules) with its
 * switch, kind, severity, ATT&CK tags, how many alerts it raised and when it last fired. Filter by text,
 * source or state; open one to edit it.
 */
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Anchor, Badge, Button, Card, Group, Paper, SegmentedControl, Skeleton, Stack, Switch, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconFileImport, IconGridDots, IconPlus, IconSearch } from '@tabler/icons-react';
import type { Rule } from '@vigil/contracts';
import { readableMessage } from '../../api/api-error.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SeverityBadge } from '../../components/severity.tsx';
import { formatAgo } from '../../lib/time.ts';
import { useCurrentUser } from '../auth/index.ts';
import { useRuleList, useSetRuleEnabled } from './api/rules.ts';
import { ruleKind } from './lib/rule-kind.ts';

type Origin = 'all' | 'builtin' | 'sigma' | 'own';

/** Where a rule came from. */
export function ruleOrigin(r: Rule): Exclude<Origin, 'all'> {
  return r.builtin ? 'builtin' : r.doc.source?.format === 'sigma' ? 'sigma' : 'own';
}

const ORIGIN_LABEL: Record<Exclude<Origin, 'all'>, string> = { builtin: 'built-in', sigma: 'Sigma', own: 'own' };

/** True when the rule matches the text filter (id, title, tags, query). */
export function ruleMatches(r: Rule, text: string): boolean {
  const t = text.trim().toLowerCase();
  if (!t) return true;
  return [r.id, r.doc.title, r.doc.query ?? '', ...(r.doc.tags ?? [])].some((s) => s.toLowerCase().includes(t));
}

function AttackTags({ tags }: { tags: string[] | undefined }) {
  const attack = (tags ?? []).filter((t) => t.startsWith('attack.'));
  if (!attack.length) return <Text size="xs" c="dimmed">—</Text>;
  return (
    <Group gap={4} wrap="wrap">
      {attack.slice(0, 4).map((t) => <Badge key={t} size="xs" variant="default" radius="sm" tt="none">{t.slice(7)}</Badge>)}
      {attack.length > 4 && <Text size="xs" c="dimmed">+{attack.length - 4}</Text>}
    </Group>
  );
}

function EnabledSwitch({ rule }: { rule: Rule }) {
  const user = useCurrentUser();
  const set = useSetRuleEnabled();
  const pending = set.isPending ? set.variables?.enabled : undefined;
  return (
    <Switch
      checked={pending ?? rule.enabled}
      disabled={user.role === 'viewer' || set.isPending}
      aria-label={`${rule.id} enabled`}
      onChange={(e) => set.mutate({ id: rule.id, enabled: e.currentTarget.checked }, { onError: (err) => notifications.show({ color: 'red', title: 'Could not switch the rule', message: readableMessage(err) }) })}
      onClick={(e) => e.stopPropagation()}
    />
  );
}

export function RuleListPage() {
  const navigate = useNavigate();
  const user = useCurrentUser();
  const narrow = useMediaQuery('(max-width: 48em)');
  const list = useRuleList();
  const [text, setText] = useState('');
  const [origin, setOrigin] = useState<Origin>('all');
  const rules = useMemo(() => (list.data?.rules ?? []).filter((r) => (origin === 'all' || ruleOrigin(r) === origin) && ruleMatches(r, text)), [list.data, origin, text]);
  const all = list.data?.rules ?? [];
  const enabled = all.filter((r) => r.enabled).length;
  const open = (r: Rule) => navigate(`/rules/${encodeURIComponent(r.id)}`);
  const canWrite = user.role !== 'viewer';

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={0}>
          <Title order={1} size="h2">Rules</Title>
          <Text size="xs" c="dimmed">{all.length} rules, {enabled} enabled</Text>
        </Stack>
        <Group gap="xs" wrap="wrap">
          <Button component={Link} to="/rules/coverage" variant="default" leftSection={<IconGridDots size={16} />}>ATT&CK coverage</Button>
          {canWrite && <Button component={Link} to="/rules/import" variant="default" leftSection={<IconFileImport size={16} />}>Import</Button>}
          {canWrite && <Button component={Link} to="/rules/new" leftSection={<IconPlus size={16} />}>New rule</Button>}
        </Group>
      </Group>
      <Group gap="sm" wrap="wrap">
        <TextInput aria-label="Filter rules" placeholder="Filter by id, title, tag or query" leftSection={<IconSearch size={16} />} value={text} onChange={(e) => setText(e.currentTarget.value)} style={{ flex: '1 1 240px' }} />
        <SegmentedControl value={origin} onChange={(v) => setOrigin(v as Origin)} data={[{ value: 'all', label: 'All' }, { value: 'builtin', label: 'Built-in' }, { value: 'sigma', label: 'Sigma' }, { value: 'own', label: 'Own' }]} aria-label="Rule source" />
      </Group>
      {list.error && <ErrorAlert error={list.error} title="Could not load rules" onRetry={() => void list.refetch()} />}
      {list.isLoading ? (
        <Stack gap="xs">{Array.from({ length: 8 }, (_, i) => <Skeleton key={i} h={36} />)}</Stack>
      ) : rules.length === 0 ? (
        <Paper withBorder p="xl" radius="md"><Text ta="center" c="dimmed">No rules match.</Text></Paper>
      ) : narrow ? (
        <Stack gap="xs" data-testid="rules-cards">
          {rules.map((r) => (
            <Card key={r.id} withBorder padding="sm" radius="md" data-testid="rule-row" data-rule-id={r.id}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={4} style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={`/rules/${encodeURIComponent(r.id)}`} fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>{r.doc.title}</Anchor>
                  <Group gap={4} wrap="wrap">
                    <SeverityBadge value={r.doc.severity} />
                    <Badge size="sm" variant="light" radius="sm">{ruleKind(r.doc)}</Badge>
                    <Badge size="sm" variant="default" radius="sm">{ORIGIN_LABEL[ruleOrigin(r)]}</Badge>
                  </Group>
                  <Text size="xs" c="dimmed">{r.stats ? `${r.stats.alerts} alerts · last fired ${formatAgo(r.stats.lastFired)}` : ''}</Text>
                </Stack>
                <EnabledSwitch rule={r} />
              </Group>
            </Card>
          ))}
        </Stack>
      ) : (
        <Paper withBorder radius="md" p={0}>
          <Table.ScrollContainer minWidth={900}>
            <Table highlightOnHover verticalSpacing={6} fz="sm" aria-label="Rules" data-testid="rules-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>On</Table.Th>
                  <Table.Th>Rule</Table.Th>
                  <Table.Th w={110}>Kind</Table.Th>
                  <Table.Th w={90}>Severity</Table.Th>
                  <Table.Th w={220}>ATT&CK</Table.Th>
                  <Table.Th w={80} ta="right">Alerts</Table.Th>
                  <Table.Th w={130}>Last fired</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rules.map((r) => (
                  <Table.Tr key={r.id} className="vigil-row" tabIndex={0} data-testid="rule-row" data-rule-id={r.id} onClick={() => open(r)} onKeyDown={(e) => { if (e.key === 'Enter') open(r); }}>
                    <Table.Td><EnabledSwitch rule={r} /></Table.Td>
                    <Table.Td style={{ maxWidth: 0, width: '100%' }}>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm" fw={500} truncate="end">{r.doc.title}</Text>
                        {ruleOrigin(r) !== 'own' && <Badge size="xs" variant={ruleOrigin(r) === 'sigma' ? 'light' : 'default'} color={ruleOrigin(r) === 'sigma' ? 'grape' : undefined} radius="sm" style={{ flexShrink: 0 }}>{ORIGIN_LABEL[ruleOrigin(r)]}</Badge>}
                      </Group>
                      <Text size="xs" c="dimmed" ff="monospace" truncate="end">{r.id}</Text>
                    </Table.Td>
                    <Table.Td><Badge size="sm" variant="light" radius="sm">{ruleKind(r.doc)}</Badge></Table.Td>
                    <Table.Td><SeverityBadge value={r.doc.severity} /></Table.Td>
                    <Table.Td><AttackTags tags={r.doc.tags} /></Table.Td>
                    <Table.Td ta="right" className="vigil-mono" data-testid="rule-alerts">
                      {r.stats && r.stats.alerts > 0 ? (
                        <Tooltip label={`${r.stats.open} not resolved`}>
                          <Anchor component={Link} to={`/alerts?${new URLSearchParams({ rule: r.id, state: 'all' })}`} onClick={(e) => e.stopPropagation()} size="sm">{r.stats.alerts.toLocaleString()}</Anchor>
                        </Tooltip>
                      ) : (r.stats?.alerts ?? '—')}
                    </Table.Td>
                    <Table.Td><Text size="sm" c={r.stats?.lastFired ? undefined : 'dimmed'} title={r.stats?.lastFired ?? undefined}>{formatAgo(r.stats?.lastFired)}</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
