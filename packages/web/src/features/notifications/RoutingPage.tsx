/**
 * Routing: the routing tree (visual editor and raw JSON/YAML), escalation policies and maintenance
 * windows (time intervals). The tab is in the URL (`/routing/tree`, `/routing/escalation`,
 * `/routing/maintenance`). Everyone reads; admins change.
 */
import { useNavigate, useParams } from 'react-router';
import { Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconCalendarOff, IconSitemap, IconStairsUp } from '@tabler/icons-react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatAgo } from '../../lib/time.ts';
import { isAdminRole, useCurrentUser } from '../auth/index.ts';
import { useEscalationPolicies } from './api/escalation-policies.ts';
import { useRouteTree } from './api/routing.ts';
import { useTimeIntervals } from './api/time-intervals.ts';
import { EscalationPanel } from './components/EscalationPanel.tsx';
import { RouteTreeEditor } from './components/RouteTreeEditor.tsx';
import { TimeIntervalsPanel } from './components/TimeIntervalsPanel.tsx';
import { useChannelOptions } from './lib/channel-options.ts';
import { nodePaths, nodeAt } from './lib/route-tree.ts';

const TABS = ['tree', 'escalation', 'maintenance'] as const;

function TreePanel({ admin }: { admin: boolean }) {
  const info = useRouteTree();
  const intervals = useTimeIntervals();
  const policies = useEscalationPolicies();
  const tree = info.data?.tree ?? null;
  const used = tree ? nodePaths(tree).flatMap((p) => nodeAt(tree, p)?.receivers ?? []) : [];
  const { options } = useChannelOptions(used);

  if (info.error) return <ErrorAlert error={info.error} title="Could not load the routing tree" onRetry={() => void info.refetch()} />;
  if (!info.data) return <Skeleton h={240} />;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {tree
          ? `Each alert enters at the root; the first matching child wins (unless it continues), and empty options are inherited. Changed ${formatAgo(info.data.updatedAt)}${info.data.updatedBy ? ` by ${info.data.updatedBy}` : ''}.`
          : 'No routing tree is set: every newly opened alert goes once to each default channel. Build a tree and save it to route, group, repeat and escalate.'}
      </Text>
      <RouteTreeEditor
        key={info.data.updatedAt ?? 'none'}
        initial={tree}
        channels={options}
        intervals={(intervals.data?.timeIntervals ?? []).map((t) => t.name)}
        policies={(policies.data?.escalationPolicies ?? []).map((p) => ({ value: p.id, label: p.name }))}
        readOnly={!admin}
      />
    </Stack>
  );
}

export function RoutingPage() {
  const user = useCurrentUser();
  const admin = isAdminRole(user.role);
  const navigate = useNavigate();
  const param = useParams()['*'] || 'tree';
  const tab = (TABS as readonly string[]).includes(param) ? param : 'tree';

  return (
    <Stack gap="md">
      <Stack gap={0}>
        <Title order={1} size="h2">Routing</Title>
        <Text size="xs" c="dimmed">Which alert goes to which channel, when and how often; who is paged when nobody acknowledges; when to stay quiet.</Text>
      </Stack>
      <Tabs value={tab} onChange={(t) => t && navigate(`/routing/${t}`)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="tree" leftSection={<IconSitemap size={16} />}>Routing tree</Tabs.Tab>
          <Tabs.Tab value="escalation" leftSection={<IconStairsUp size={16} />}>Escalation</Tabs.Tab>
          <Tabs.Tab value="maintenance" leftSection={<IconCalendarOff size={16} />}>Maintenance windows</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="tree" pt="md"><TreePanel admin={admin} /></Tabs.Panel>
        <Tabs.Panel value="escalation" pt="md"><EscalationPanel admin={admin} /></Tabs.Panel>
        <Tabs.Panel value="maintenance" pt="md"><TimeIntervalsPanel admin={admin} /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
