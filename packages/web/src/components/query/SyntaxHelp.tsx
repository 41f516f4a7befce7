/**
 * The query language cheat sheet shown from the query bar's help button.
 */
import { Anchor, Code, Stack, Table, Text } from '@mantine/core';

/** Examples of the query language, one per construct. */
export const SYNTAX_EXAMPLES: { example: string; meaning: string }[] = [
  { example: 'failed password', meaning: 'Words anywhere in the message (all must match)' },
  { example: '"invalid user"', meaning: 'An exact phrase in the message' },
  { example: 'host.name:web-1', meaning: 'A field equals a value' },
  { example: 'user.name:"John Smith"', meaning: 'A quoted value with spaces' },
  { example: 'host.name:web-*', meaning: 'Wildcard' },
  { example: 'url.original:/\\/admin.*/', meaning: 'Regular expression (RE2)' },
  { example: 'http.response.status_code:>=500', meaning: 'Comparison (>, >=, <, <=)' },
  { example: 'destination.port:[1000 TO 2000]', meaning: 'Range, inclusive' },
  { example: 'source.ip:10.0.0.0/8', meaning: 'IP in a CIDR block' },
  { example: 'user.name:*', meaning: 'The field exists' },
  { example: 'vigil.severity:>=high', meaning: 'Severity by rank: info < low < medium < high < critical' },
  { example: 'sshd AND NOT user.name:root', meaning: 'AND, OR, NOT; NOT binds tightest, then AND, then OR' },
  { example: '(event.outcome:failure OR event.action:denied) AND host.name:fw-*', meaning: 'Parentheses group' },
];

export function SyntaxHelp({ onPick }: { onPick?: (example: string) => void }) {
  return (
    <Stack gap="xs" maw={560}>
      <Text size="sm" fw={600}>Query syntax</Text>
      <Table verticalSpacing={4} fz="sm">
        <Table.Tbody>
          {SYNTAX_EXAMPLES.map((e) => (
            <Table.Tr key={e.example}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {onPick ? (
                  <Anchor component="button" type="button" onClick={() => onPick(e.example)} aria-label={`Use example ${e.example}`}>
                    <Code>{e.example}</Code>
                  </Anchor>
                ) : (
                  <Code>{e.example}</Code>
                )}
              </Table.Td>
              <Table.Td>{e.meaning}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        An empty query matches everything. Press <Code>Tab</Code> or <Code>↓</Code> to pick a completion, <Code>Enter</Code> to search.
      </Text>
    </Stack>
  );
}
