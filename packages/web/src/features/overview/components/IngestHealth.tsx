/**
 * Ingest health per input: received, emitted, dropped, failed, parse failures; problems in colour.
 */
import { Badge, Table, Text } from '@mantine/core';
import type { InputStats } from '@vigil/contracts';

export function IngestHealth({ inputs }: { inputs: InputStats[] }) {
  if (inputs.length === 0) return <Text size="sm" c="dimmed">No inputs reported.</Text>;
  const n = (v: number | undefined) => (v ?? 0).toLocaleString();
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table verticalSpacing={6} fz="sm" data-testid="ingest-health">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Input</Table.Th>
            <Table.Th ta="right">Received</Table.Th>
            <Table.Th ta="right">Stored</Table.Th>
            <Table.Th ta="right">Dropped</Table.Th>
            <Table.Th ta="right">Failed</Table.Th>
            <Table.Th ta="right">Parse failures</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {inputs.map((i) => {
            const bad = (i.dropped ?? 0) + (i.failed ?? 0);
            const warn = (i.parseFailures ?? 0) > 0;
            return (
              <Table.Tr key={i.name}>
                <Table.Td ff="monospace">{i.name}</Table.Td>
                <Table.Td ta="right">{n(i.received)}</Table.Td>
                <Table.Td ta="right">{n(i.emitted)}</Table.Td>
                <Table.Td ta="right" c={i.dropped ? 'red' : undefined}>{n(i.dropped)}</Table.Td>
                <Table.Td ta="right" c={i.failed ? 'red' : undefined}>{n(i.failed)}</Table.Td>
                <Table.Td ta="right" c={warn ? 'orange' : undefined}>{n(i.parseFailures)}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={bad ? 'red' : warn ? 'orange' : (i.received ?? 0) > 0 ? 'green' : 'gray'}>
                    {bad ? 'losing data' : warn ? 'unparsed lines' : (i.received ?? 0) > 0 ? 'healthy' : 'idle'}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
