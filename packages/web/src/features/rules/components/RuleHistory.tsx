/**
 * A rule's versions, newest first: who changed what and when; pick two to see the YAML diff, and
 * restore an older version (saved as a new version, so history is never rewritten).
 */
import { useMemo, useState } from 'react';
import { Badge, Box, Button, Code, Group, Paper, Radio, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { IconRestore } from '@tabler/icons-react';
import type { RuleVersion } from '@vigil/contracts';
import { diffLines } from '../../../lib/line-diff.ts';
import { formatAgo, formatTimestamp } from '../../../lib/time.ts';
import { docToYaml } from '../lib/rule-yaml.ts';

export interface RuleHistoryProps {
  versions: RuleVersion[];
  /** The version now in force. */
  current: number;
  canRestore: boolean;
  restoring: boolean;
  onRestore: (v: RuleVersion) => void;
}

/** The YAML of a version (empty for a deletion). */
function yamlOf(v: RuleVersion | undefined): string {
  return v?.doc ? docToYaml(v.doc) : '';
}

export function DiffView({ before, after }: { before: string; after: string }) {
  const lines = useMemo(() => diffLines(before, after), [before, after]);
  const changed = lines.some((l) => l.kind !== 'same');
  return (
    <ScrollArea.Autosize mah={420} type="auto">
      <Code block p={0} data-testid="rule-diff" style={{ fontSize: 12.5 }}>
        {!changed && <Box px="xs" py={4} c="dimmed">No difference.</Box>}
        {lines.map((l, i) => (
          <Box
            key={i}
            px="xs"
            data-kind={l.kind}
            style={{
              whiteSpace: 'pre',
              background: l.kind === 'add' ? 'var(--mantine-color-green-light)' : l.kind === 'del' ? 'var(--mantine-color-red-light)' : undefined,
            }}
          >
            <Text span inherit c="dimmed" aria-hidden>{l.kind === 'add' ? '+ ' : l.kind === 'del' ? '- ' : '  '}</Text>
            {l.text}
          </Box>
        ))}
      </Code>
    </ScrollArea.Autosize>
  );
}

export function RuleHistory({ versions, current, canRestore, restoring, onRestore }: RuleHistoryProps) {
  const [older, setOlder] = useState<number | null>(versions[1]?.version ?? versions[0]?.version ?? null);
  const [newer, setNewer] = useState<number | null>(versions[0]?.version ?? null);
  const a = versions.find((v) => v.version === older);
  const b = versions.find((v) => v.version === newer);
  if (!versions.length) return <Text size="sm" c="dimmed">No versions recorded yet.</Text>;
  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p={0}>
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={4} fz="sm" data-testid="rule-versions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={60}>From</Table.Th>
                <Table.Th w={60}>To</Table.Th>
                <Table.Th w={70}>Version</Table.Th>
                <Table.Th>Change</Table.Th>
                <Table.Th>By</Table.Th>
                <Table.Th>When</Table.Th>
                <Table.Th w={110} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {versions.map((v) => (
                <Table.Tr key={v.version} data-testid="rule-version" data-version={v.version}>
                  <Table.Td><Radio aria-label={`Compare from version ${v.version}`} checked={older === v.version} onChange={() => setOlder(v.version)} /></Table.Td>
                  <Table.Td><Radio aria-label={`Compare to version ${v.version}`} checked={newer === v.version} onChange={() => setNewer(v.version)} /></Table.Td>
                  <Table.Td className="vigil-mono">v{v.version}</Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      <Badge size="sm" variant="light" radius="sm" color={v.change === 'deleted' ? 'red' : v.change === 'created' ? 'green' : 'gray'}>{v.change}</Badge>
                      {v.version === current && <Badge size="sm" radius="sm">current</Badge>}
                    </Group>
                  </Table.Td>
                  <Table.Td>{v.changedBy}</Table.Td>
                  <Table.Td title={formatTimestamp(v.changedAt)}>{formatAgo(v.changedAt)}</Table.Td>
                  <Table.Td>
                    {canRestore && v.doc && v.version !== current && (
                      <Button size="compact-xs" variant="default" leftSection={<IconRestore size={12} />} loading={restoring} onClick={() => onRestore(v)}>
                        Restore
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {a && b && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>Changes from v{a.version} to v{b.version}</Text>
          <DiffView before={yamlOf(a)} after={yamlOf(b)} />
        </Stack>
      )}
    </Stack>
  );
}
