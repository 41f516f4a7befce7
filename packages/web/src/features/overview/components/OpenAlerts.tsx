/**
 * Open alerts by severity, most severe first; each count opens the alert list at that severity, and
 * the acknowledged ones still waiting are counted beside them.
 */
import { Link } from 'react-router';
import { Anchor, Group, Paper, SimpleGrid, Skeleton, Text } from '@mantine/core';
import { SEVERITIES } from '@vigil/contracts';
import { SEVERITY_COLORS } from '../../../components/severity.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useAlertSummary } from '../../alerts/index.ts';

export function OpenAlerts() {
  const summary = useAlertSummary(10_000);
  if (summary.error) return <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />;
  const s = summary.data;
  if (!s) return <Skeleton h={64} />;
  const order = [...SEVERITIES].reverse();
  return (
    <>
      <SimpleGrid cols={{ base: 3, sm: 5 }} spacing="xs" data-testid="open-alerts">
        {order.map((sev) => (
          <Paper
            key={sev}
            component={Link}
            to={`/alerts?${new URLSearchParams({ state: 'open', severity: sev })}`}
            withBorder
            p="xs"
            radius="md"
            style={{ borderTop: `3px solid var(--mantine-color-${SEVERITY_COLORS[sev]}-filled)`, textDecoration: 'none', color: 'inherit' }}
            aria-label={`${s.open[sev]} open ${sev} alerts`}
            data-severity={sev}
          >
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>{sev}</Text>
            <Text fz={22} fw={700} lh={1.2} c={s.open[sev] > 0 && (sev === 'critical' || sev === 'high') ? SEVERITY_COLORS[sev] : undefined}>
              {s.open[sev].toLocaleString()}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Group gap={6} mt="xs">
        <Text size="xs" c="dimmed">
          {s.openTotal.toLocaleString()} open · {s.acknowledgedTotal.toLocaleString()} acknowledged ·
        </Text>
        <Anchor component={Link} to="/alerts" size="xs">all alerts</Anchor>
      </Group>
    </>
  );
}
