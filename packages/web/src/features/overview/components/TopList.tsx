/**
 * A ranked list of a field's top values with proportional bars; a value links to its search.
 */
import { Anchor, Group, Loader, Progress, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { TopResponse } from '@vigil/contracts';
import { addFilter } from '../../../lib/query-text.ts';
import { formatValue } from '../../../components/events/fields.ts';
import type { TimeRange } from '../../../lib/time.ts';

export function TopList({ data, loading, range, empty = 'No data in this range.' }: { data: TopResponse | undefined; loading: boolean; range: TimeRange; empty?: string }) {
  if (loading && !data) return <Loader size="sm" aria-label="Loading" />;
  const values = data?.values ?? [];
  if (values.length === 0) return <Text size="sm" c="dimmed">{empty}</Text>;
  const max = Math.max(...values.map((v) => v.count), 1);
  return (
    <Stack gap={8}>
      {values.map((v) => {
        const text = formatValue(v.value) || '(empty)';
        const href = `/search?${new URLSearchParams({ q: addFilter('', data!.field, v.value), from: range.from, to: range.to })}`;
        return (
          <Stack key={text} gap={2}>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Anchor component={Link} to={href} size="sm" ff="monospace" truncate style={{ minWidth: 0 }}>
                {text}
              </Anchor>
              <Text size="sm" c="dimmed">{v.count.toLocaleString()}</Text>
            </Group>
            <Progress value={(v.count / max) * 100} size={6} aria-hidden />
          </Stack>
        );
      })}
    </Stack>
  );
}
