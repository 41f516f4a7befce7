/**
 * The rule editor's test bench: run the draft (as it is in the editor, saved or not) over pasted log
 * lines, JSON events or recent stored events — parsed fields, what matched, the alerts it would raise,
 * timing (`POST /api/v1/rules/test`) — or backtest it over a stretch of stored history
 * (`POST /api/v1/rules/backtest`). Nothing is stored and no alert is raised.
 */
import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Group, NumberInput, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconFlask, IconHistory } from '@tabler/icons-react';
import type { RuleBacktestReport, RuleTestReport, VigilEvent, WouldBeAlert } from '@vigil/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { SeverityBadge } from '../../../components/severity.tsx';
import { ResultTable } from '../../../components/events/ResultTable.tsx';
import { EventDetailDrawer } from '../../../components/events/EventDetailDrawer.tsx';
import { QUERY_INPUT_STYLE } from '../../../components/query/query-input-style.ts';
import { formatTimestamp } from '../../../lib/time.ts';
import { useBacktestRule, useTestRule } from '../api/rules.ts';

type Source = 'lines' | 'events' | 'recent';

const RANGES = [
  { value: '-15m', label: 'Last 15 minutes' },
  { value: '-1h', label: 'Last hour' },
  { value: '-24h', label: 'Last 24 hours' },
  { value: '-7d', label: 'Last 7 days' },
  { value: '-30d', label: 'Last 30 days' },
];

const SAMPLE_LINES = `<38>Dec  5 10:00:01 web-1 sshd[101]: Failed password for root from 203.0.113.9 port 40001 ssh2
<38>Dec  5 10:00:02 web-1 sshd[102]: Failed password for root from 203.0.113.9 port 40002 ssh2`;

/** JSON events from a textarea: one array, one object, or one object per line. */
export function parseJsonEvents(text: string): { events: Record<string, unknown>[] } | { error: string } {
  const t = text.trim();
  if (!t) return { events: [] };
  try {
    const v = JSON.parse(t) as unknown;
    const list = Array.isArray(v) ? v : [v];
    if (list.some((e) => typeof e !== 'object' || e === null || Array.isArray(e))) return { error: 'Each event must be a JSON object.' };
    return { events: list as Record<string, unknown>[] };
  } catch {
    const out: Record<string, unknown>[] = [];
    const lines = t.split('\n').filter((l) => l.trim());
    for (let i = 0; i < lines.length; i++) {
      try {
        const v = JSON.parse(lines[i]!) as unknown;
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return { error: `Line ${i + 1} is not a JSON object.` };
        out.push(v as Record<string, unknown>);
      } catch (err) {
        return { error: `Line ${i + 1}: ${(err as Error).message}` };
      }
    }
    return { events: out };
  }
}

function WouldBeAlerts({ alerts, total }: { alerts: WouldBeAlert[]; total: number }) {
  if (!alerts.length) return <Text size="sm" c="dimmed">No alert would be raised.</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table fz="sm" verticalSpacing={4} data-testid="would-be-alerts">
        <Table.Thead>
          <Table.Tr><Table.Th w={90}>Severity</Table.Th><Table.Th>Alert</Table.Th><Table.Th w={70} ta="right">Events</Table.Th><Table.Th w={180}>First seen</Table.Th><Table.Th w={180}>Last seen</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {alerts.map((a) => (
            <Table.Tr key={`${a.ruleId}${a.groupKey}${a.firstSeen}`} data-testid="would-be-alert">
              <Table.Td><SeverityBadge value={a.severity} /></Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{a.title}</Table.Td>
              <Table.Td ta="right" className="vigil-mono">{a.count}</Table.Td>
              <Table.Td className="vigil-mono">{formatTimestamp(a.firstSeen)}</Table.Td>
              <Table.Td className="vigil-mono">{formatTimestamp(a.lastSeen)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {total > alerts.length && <Text size="xs" c="dimmed">{total - alerts.length} more not shown.</Text>}
    </Table.ScrollContainer>
  );
}

function Stat({ label, value, testId }: { label: string; value: React.ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="xs" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>{label}</Text>
      <Text fw={700} size="lg" data-testid={testId}>{value}</Text>
    </Paper>
  );
}

function TestResult({ report }: { report: RuleTestReport }) {
  const [open, setOpen] = useState<string | null>(null);
  const r = report.rules[0];
  const matched = useMemo(() => new Set(r?.matchedEventIds ?? []), [r]);
  const sample = report.events.sample as VigilEvent[];
  const shown = sample.filter((e) => matched.has(e.id));
  const selected = sample.find((e) => e.id === open) ?? null;
  if (!r) return <Text size="sm" c="dimmed">No rule in the draft.</Text>;
  return (
    <Stack gap="sm" data-testid="rule-test-result">
      {!r.ok && (
        <Alert color="red" variant="light" title="The rule does not compile">
          {r.errors.map((e, i) => <Text key={i} size="sm">{e.line ? `line ${e.line}: ` : ''}{e.path ? `${e.path}: ` : ''}{e.message}</Text>)}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
        <Stat label="Events" value={report.events.total} />
        <Stat label="Matched" value={r.matched} testId="test-matched" />
        <Stat label="Would-be alerts" value={r.alertsTotal} testId="test-alerts" />
        <Stat label="Time" value={`${(report.timing.parseMs + r.timing.compileMs + r.timing.evaluateMs).toFixed(1)} ms`} />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        Parsed in {report.timing.parseMs.toFixed(1)} ms, compiled in {r.timing.compileMs.toFixed(1)} ms, evaluated in {r.timing.evaluateMs.toFixed(1)} ms.
        {Object.keys(report.events.datasets).length > 0 && ` Datasets: ${Object.entries(report.events.datasets).map(([d, n]) => `${d} ${n}`).join(', ')}.`}
        {r.tooLate > 0 && ` ${r.tooLate} matching events came too late.`}
        {r.missingGroup > 0 && ` ${r.missingGroup} matching events lack a group-by field.`}
      </Text>
      {report.events.rejected.length > 0 && (
        <Alert color="orange" variant="light" p="xs">
          {report.events.rejected.slice(0, 5).map((x) => <Text key={x.index} size="sm">Event {x.index + 1}: {x.error}</Text>)}
        </Alert>
      )}
      <Title order={3} size="h6">Alerts it would raise</Title>
      <WouldBeAlerts alerts={r.alerts} total={r.alertsTotal} />
      <Title order={3} size="h6">Matched events {shown.length < r.matched ? `(${shown.length} of ${r.matched} shown)` : ''}</Title>
      {shown.length ? (
        <Paper withBorder radius="md" p={0}>
          <ResultTable events={shown} columns={['event.dataset', 'source.ip', 'user.name', 'message']} selectedId={open} onOpen={(e) => setOpen(e.id)} hasMore={false} loadingMore={false} onLoadMore={() => undefined} />
        </Paper>
      ) : <Text size="sm" c="dimmed">No event matched the rule's query.</Text>}
      {sample.length > shown.length && (
        <details>
          <summary><Text span size="sm">All parsed events ({sample.length})</Text></summary>
          <Paper withBorder radius="md" p={0} mt="xs">
            <ResultTable events={sample} columns={['event.dataset', 'source.ip', 'message']} selectedId={open} onOpen={(e) => setOpen(e.id)} hasMore={false} loadingMore={false} onLoadMore={() => undefined} />
          </Paper>
        </details>
      )}
      <EventDetailDrawer eventId={open} event={selected} onClose={() => setOpen(null)} />
    </Stack>
  );
}

function BacktestResult({ report }: { report: RuleBacktestReport }) {
  const r = report.rules[0];
  if (!r) return null;
  return (
    <Stack gap="sm" data-testid="rule-backtest-result">
      {!r.ok && <Alert color="red" variant="light" title="The rule does not compile">{r.errors.map((e, i) => <Text key={i} size="sm">{e.path ? `${e.path}: ` : ''}{e.message}</Text>)}</Alert>}
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
        <Stat label="Events read" value={r.scanned.toLocaleString()} />
        <Stat label="Matched" value={r.matched.toLocaleString()} testId="backtest-matched" />
        <Stat label="Would-be alerts" value={r.alertsTotal.toLocaleString()} testId="backtest-alerts" />
        <Stat label="Time" value={`${report.timing.totalMs.toFixed(0)} ms`} />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {formatTimestamp(report.from)} → {formatTimestamp(report.to)}. Read in {r.timing.selectMs.toFixed(0)} ms, evaluated in {r.timing.evaluateMs.toFixed(0)} ms.
        {r.seededTerms !== undefined && ` ${r.seededTerms} terms learned from before the range.`}
      </Text>
      {r.truncated && <Alert color="yellow" variant="light" p="xs">{r.note ?? 'The range was cut short'}{r.coveredTo ? ` — covered up to ${formatTimestamp(r.coveredTo)}.` : ''}</Alert>}
      {r.query && <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>Candidates: {r.query}</Text>}
      <WouldBeAlerts alerts={r.alerts} total={r.alertsTotal} />
    </Stack>
  );
}

export function RuleLab({ yaml }: { yaml: string }) {
  const test = useTestRule();
  const backtest = useBacktestRule();
  const [source, setSource] = useState<Source>('lines');
  const [lines, setLines] = useState(SAMPLE_LINES);
  const [json, setJson] = useState('');
  const [recentRange, setRecentRange] = useState('-1h');
  const [recentQuery, setRecentQuery] = useState('');
  const [from, setFrom] = useState('-24h');
  const [maxEvents, setMaxEvents] = useState<number | string>(100_000);
  const parsedJson = source === 'events' ? parseJsonEvents(json) : null;

  const runTest = () => {
    const base = { rule: yaml, showEvents: 200 };
    if (source === 'lines') test.mutate({ ...base, lines: lines.split('\n').filter((l) => l.trim()) });
    else if (source === 'events' && parsedJson && 'events' in parsedJson) test.mutate({ ...base, events: parsedJson.events });
    else if (source === 'recent') test.mutate({ ...base, recent: { from: recentRange, to: 'now', ...(recentQuery.trim() ? { q: recentQuery.trim() } : {}), limit: 1000 } });
  };

  return (
    <Stack gap="lg">
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Group justify="space-between" wrap="wrap">
            <Title order={2} size="h5">Test the draft</Title>
            <SegmentedControl value={source} onChange={(v) => setSource(v as Source)} data={[{ value: 'lines', label: 'Log lines' }, { value: 'events', label: 'JSON events' }, { value: 'recent', label: 'Recent events' }]} aria-label="Test events" />
          </Group>
          {source === 'lines' && <Textarea label="Log lines" description="One per line, parsed as ingest parses text (syslog, CEF, key=value…)" autosize minRows={4} maxRows={16} styles={{ input: QUERY_INPUT_STYLE }} spellCheck={false} value={lines} onChange={(e) => setLines(e.currentTarget.value)} data-testid="test-lines" />}
          {source === 'events' && (
            <Textarea label="JSON events" description="An array, or one object per line, normalized as ingest does" autosize minRows={4} maxRows={16} styles={{ input: QUERY_INPUT_STYLE }} spellCheck={false} value={json} onChange={(e) => setJson(e.currentTarget.value)} error={parsedJson && 'error' in parsedJson ? parsedJson.error : undefined} placeholder={'{"event.dataset": "sshd", "event.outcome": "failure", "source.ip": "203.0.113.9"}'} />
          )}
          {source === 'recent' && (
            <Group gap="sm" wrap="wrap" align="flex-end">
              <Select label="Stored events from" data={RANGES} value={recentRange} onChange={(v) => setRecentRange(v ?? '-1h')} allowDeselect={false} w={200} comboboxProps={{ withinPortal: true }} />
              <TextInput label="Only events matching (optional)" placeholder="default: the rule's own query" value={recentQuery} onChange={(e) => setRecentQuery(e.currentTarget.value)} styles={{ input: QUERY_INPUT_STYLE }} style={{ flex: '1 1 260px' }} />
            </Group>
          )}
          <Button w="fit-content" leftSection={<IconFlask size={16} />} loading={test.isPending} onClick={runTest} disabled={source === 'events' && !!parsedJson && 'error' in parsedJson} data-testid="run-test">Run test</Button>
          {test.error && <ErrorAlert error={test.error} title="The test failed" />}
          {test.data && <TestResult report={test.data} />}
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Title order={2} size="h5">Backtest over stored history</Title>
          <Text size="sm" c="dimmed">Replays the stored events of a range through the draft in event-time order: what it would have raised. Nothing is written.</Text>
          <Group gap="sm" wrap="wrap" align="flex-end">
            <Select label="From" data={RANGES} value={from} onChange={(v) => setFrom(v ?? '-24h')} allowDeselect={false} w={200} comboboxProps={{ withinPortal: true }} />
            <NumberInput label="At most events" min={1} max={1_000_000} step={10_000} value={maxEvents} onChange={setMaxEvents} w={180} thousandSeparator="," />
            <Button leftSection={<IconHistory size={16} />} loading={backtest.isPending} onClick={() => backtest.mutate({ rule: yaml, from, to: 'now', ...(typeof maxEvents === 'number' ? { maxEvents } : {}) })} data-testid="run-backtest">Run backtest</Button>
          </Group>
          {backtest.error && <ErrorAlert error={backtest.error} title="The backtest failed" />}
          {backtest.data && <BacktestResult report={backtest.data} />}
          <Badge variant="light" color="gray" w="fit-content" tt="none">Tests and backtests run as you; they need the write permission.</Badge>
        </Stack>
      </Paper>
    </Stack>
  );
}
