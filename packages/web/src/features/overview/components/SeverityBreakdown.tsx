/**
 * The share of each severity among events in range: a stacked bar and a legend with counts.
 */
import { Group, Progress, SimpleGrid, Stack, Text, Tooltip, Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { SEVERITIES } from '@vigil/contracts';
import type { TopResponse } from '@vigil/contracts';
import { SEVERITY_COLORS } from '../../../components/severity.tsx';
import type { TimeRange } from '../../../lib/time.ts';

export function SeverityBreakdown({ data, range }: { data: TopResponse | undefined; range: TimeRange }) {
  const counts = new Map<string, number>((data?.values ?? []).map((v) => [String(v.value), v.count]));
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const order = [...SEVERITIES].reverse();
  return (
    <Stack gap="sm" data-testid="severity-breakdown">
      <Progress.Root size={18} aria-label="Severity breakdown">
        {order.map((s) => {
          const n = counts.get(s) ?? 0;
          if (!n) return null;
          return (
            <Tooltip key={s} label={`${s}: ${n.toLocaleString()}`}>
              <Progress.Section value={(n / total) * 100} color={SEVERITY_COLORS[s]} />
            </Tooltip>
          );
        })}
      </Progress.Root>
      <SimpleGrid cols={{ base: 2, xs: 3, md: 5 }} spacing="xs">
        {order.map((s) => (
          <Group key={s} gap={6} wrap="nowrap">
            <div style={{ width: 10, height: 10, borderRadius: 3, background: `var(--mantine-color-${SEVERITY_COLORS[s]}-filled)` }} />
            <Anchor component={Link} to={`/search?${new URLSearchParams({ q: `vigil.severity:${s}`, from: range.from, to: range.to })}`} size="sm" c="inherit">
              {s}
            </Anchor>
            <Text size="sm" fw={600}>{(counts.get(s) ?? 0).toLocaleString()}</Text>
          </Group>
        ))}
      </SimpleGrid>
      {total === 0 && <Text size="sm" c="dimmed">No events in this range.</Text>}
    </Stack>
  );
}
