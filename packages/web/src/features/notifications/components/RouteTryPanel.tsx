/**
 * "Try an alert": runs the draft tree (saved or not) on an alert — a stored one by id, or fields
 * typed as JSON — and shows the routes it takes (each with its receivers and timings; the editor
 * marks them) and what would mute it now (`POST /routes/test`).
 */
import { useState } from 'react';
import { Alert, Button, Code, Group, Paper, SegmentedControl, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import type { RouteNode, RouteTestBody, RouteTestResult } from '@vigil/contracts';
import { ApiError, readableMessage } from '../../../api/api-error.ts';
import { useTestRoutes } from '../api/routing.ts';
import { problemsOf, type TreeProblem } from '../lib/route-tree.ts';

const seconds = (ms: number) => (ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : ms % 60_000 === 0 ? `${ms / 60_000}m` : `${ms / 1000}s`);

/** The request body for the typed input, or an error message. */
export function tryBody(mode: 'id' | 'fields', id: string, fields: string, tree: RouteNode): RouteTestBody | string {
  if (mode === 'id') return id.trim() ? { alertId: id.trim(), tree } : 'Give an alert id.';
  let alert: unknown;
  try {
    alert = JSON.parse(fields);
  } catch {
    return 'The alert fields are not valid JSON.';
  }
  if (!alert || typeof alert !== 'object' || Array.isArray(alert)) return 'The alert fields must be a JSON object, e.g. {"severity": "critical"}.';
  return { alert: alert as Record<string, unknown>, tree };
}

export interface RouteTryPanelProps {
  tree: RouteNode;
  nameOf: (channelId: string) => string;
  /** The routes the last try matched (paths), or null to clear. */
  onMatched: (paths: string[] | null) => void;
  /** Problems the server found in the draft while trying it. */
  onProblems: (problems: TreeProblem[]) => void;
}

export function RouteTryPanel({ tree, nameOf, onMatched, onProblems }: RouteTryPanelProps) {
  const [mode, setMode] = useState<'id' | 'fields'>('fields');
  const [id, setId] = useState('');
  const [fields, setFields] = useState('{"severity": "critical", "rule.id": "ssh-brute-force", "host.name": "web-1"}');
  const [inputError, setInputError] = useState<string | null>(null);
  const run = useTestRoutes();
  const result: RouteTestResult | undefined = run.data;

  const onTry = () => {
    const body = tryBody(mode, id, fields, tree);
    if (typeof body === 'string') {
      setInputError(body);
      return;
    }
    setInputError(null);
    run.mutate(body, {
      onSuccess: (r) => { onMatched(r.matches.map((m) => m.route)); onProblems([]); },
      onError: (e) => { onMatched(null); onProblems(e instanceof ApiError ? problemsOf(e.details, e.message).filter((p) => p.path !== 'alertId') : []); },
    });
  };

  return (
    <Paper withBorder p="sm" radius="md" data-testid="route-try">
      <Stack gap="xs">
        <Title order={2} size="h6">Try an alert on this draft</Title>
        <SegmentedControl size="xs" value={mode} onChange={(v) => setMode(v as 'id' | 'fields')} aria-label="Alert to try" style={{ alignSelf: 'flex-start' }}
          data={[{ value: 'fields', label: 'Alert fields' }, { value: 'id', label: 'Alert id' }]} />
        {mode === 'id'
          ? <TextInput label="Alert id" value={id} onChange={(e) => setId(e.currentTarget.value)} spellCheck={false} />
          : <Textarea label="Alert fields (JSON)" autosize minRows={2} maxRows={6} value={fields} onChange={(e) => setFields(e.currentTarget.value)} spellCheck={false} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} />}
        <Group><Button size="xs" variant="light" leftSection={<IconPlayerPlay size={14} />} onClick={onTry} loading={run.isPending} data-testid="run-route-test">Try</Button></Group>
        {inputError && <Alert color="red" variant="light" role="alert" p="xs">{inputError}</Alert>}
        {run.error && <Alert color="red" variant="light" role="alert" p="xs">{readableMessage(run.error)}</Alert>}
        {result && !run.error && (
          <Stack gap={4} data-testid="route-test-result">
            {result.matches.length === 0 ? <Text size="sm">No route matches: nothing is sent.</Text> : (
              <Table.ScrollContainer minWidth={320}>
                <Table fz="xs" verticalSpacing={2}>
                  <Table.Thead><Table.Tr><Table.Th>Route</Table.Th><Table.Th>Receivers</Table.Th><Table.Th>Wait / interval / repeat</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {result.matches.map((m) => (
                      <Table.Tr key={m.route} data-testid="route-test-match">
                        <Table.Td><Code fz="xs">{m.route || 'root'}</Code></Table.Td>
                        <Table.Td style={{ overflowWrap: 'anywhere' }}>{m.receivers.map(nameOf).join(', ') || 'none'}</Table.Td>
                        <Table.Td>{seconds(m.groupWaitMs)} / {seconds(m.groupIntervalMs)} / {seconds(m.repeatIntervalMs)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {result.mutedBy.length > 0 && <Text size="sm" c="orange" data-testid="route-test-muted">Muted now by {result.mutedBy.map((m) => `${m.kind.replace('_', ' ')} ${m.id}${m.route ? ` (${m.route || 'root'})` : ''}`).join(', ')}.</Text>}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
