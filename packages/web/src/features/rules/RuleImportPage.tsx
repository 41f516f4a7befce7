/**
 * Importing rules: Sigma or Vigil YAML, uploaded as files or pasted, one or many documents. The server
 * answers a line per rule — created, updated, unchanged or failed with why (and the line) — shown as a
 * report; nothing stops at the first bad rule.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Badge, Button, FileInput, Group, Paper, Stack, Table, Tabs, Text, Textarea, Title } from '@mantine/core';
import { IconArrowLeft, IconFileImport, IconUpload } from '@tabler/icons-react';
import type { RuleImportReport, RuleImportResult } from '@vigil/contracts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useImportRules } from './api/rules.ts';

const STATUS_COLORS: Record<RuleImportResult['status'], string> = { created: 'green', updated: 'blue', unchanged: 'gray', failed: 'red' };

/** One file's report, tagged with the file's name. */
interface FileReport {
  name: string;
  report: RuleImportReport;
}

export function ImportReport({ reports }: { reports: FileReport[] }) {
  const rows = reports.flatMap((f) => f.report.results.map((r) => ({ file: f.name, ...r })));
  const sum = (k: 'created' | 'updated' | 'failed') => reports.reduce((n, f) => n + f.report[k], 0);
  return (
    <Stack gap="xs" data-testid="import-report">
      <Group gap="xs">
        <Badge color="green" variant="light">{sum('created')} created</Badge>
        <Badge color="blue" variant="light">{sum('updated')} updated</Badge>
        <Badge color="red" variant="light">{sum('failed')} failed</Badge>
      </Group>
      <Paper withBorder radius="md" p={0}>
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={100}>Result</Table.Th>
                <Table.Th>Rule</Table.Th>
                <Table.Th>Why not</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => (
                <Table.Tr key={i} data-testid="import-result" data-status={r.status}>
                  <Table.Td><Badge size="sm" radius="sm" color={STATUS_COLORS[r.status]} variant="light">{r.status}</Badge></Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    {r.id && r.status !== 'failed' ? <Anchor component={Link} to={`/rules/${encodeURIComponent(r.id)}`} size="sm">{r.title ?? r.id}</Anchor> : <Text size="sm">{r.title ?? r.id ?? '(untitled)'}</Text>}
                    <Text size="xs" c="dimmed">{r.format === 'sigma' ? 'Sigma' : 'Vigil'}{reports.length > 1 ? ` · ${r.file}` : ''}</Text>
                  </Table.Td>
                  <Table.Td>
                    {r.errors.map((e, j) => (
                      <Text key={j} size="sm" c="red" style={{ overflowWrap: 'anywhere' }}>
                        {e.line ? `line ${e.line}: ` : ''}{e.path ? `${e.path}: ` : ''}{e.message}
                      </Text>
                    ))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}

export function RuleImportPage() {
  const imp = useImportRules();
  const [files, setFiles] = useState<File[]>([]);
  const [text, setText] = useState('');
  const [reports, setReports] = useState<FileReport[]>([]);
  const [busy, setBusy] = useState(false);

  const run = async (inputs: { name: string; text: string }[]) => {
    setBusy(true);
    const out: FileReport[] = [];
    try {
      for (const i of inputs) out.push({ name: i.name, report: await imp.mutateAsync(i.text) });
    } catch {
      /* the mutation's error is shown below */
    } finally {
      setReports(out);
      setBusy(false);
    }
  };

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/rules" size="sm"><Group gap={4}><IconArrowLeft size={14} /> Rules</Group></Anchor>
      <Title order={1} size="h2">Import rules</Title>
      <Text size="sm" c="dimmed">
        Sigma rules (detection and correlation rules, collections) or Vigil rules, one or many YAML documents. A rule with an id that exists is updated as a new version.
        Sigma rules keep their author, references and licence (DRL 1.1), shown with every alert they raise.
      </Text>
      <Tabs defaultValue="upload">
        <Tabs.List mb="md">
          <Tabs.Tab value="upload" leftSection={<IconUpload size={14} />}>Upload files</Tabs.Tab>
          <Tabs.Tab value="paste" leftSection={<IconFileImport size={14} />}>Paste YAML</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="upload">
          <Stack gap="sm">
            <FileInput label="Rule files" placeholder="Choose .yml or .yaml files" multiple accept=".yml,.yaml,application/yaml,text/yaml" value={files} onChange={setFiles} clearable data-testid="import-files" />
            <Button w="fit-content" disabled={!files.length} loading={busy} onClick={() => void Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() }))).then(run)}>
              Import {files.length || ''} {files.length === 1 ? 'file' : 'files'}
            </Button>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="paste">
          <Stack gap="sm">
            <Textarea label="YAML" placeholder={'title: …\nlogsource: …\ndetection: …'} autosize minRows={8} maxRows={24} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }} spellCheck={false} value={text} onChange={(e) => setText(e.currentTarget.value)} data-testid="import-text" />
            <Button w="fit-content" disabled={!text.trim()} loading={busy} onClick={() => void run([{ name: 'pasted', text }])}>Import</Button>
          </Stack>
        </Tabs.Panel>
      </Tabs>
      {imp.error && <ErrorAlert error={imp.error} title="The import failed" />}
      {reports.length > 0 && <ImportReport reports={reports} />}
      {reports.length > 0 && reports.every((r) => r.report.results.length === 0) && <Alert color="yellow" variant="light">No rules were found in the YAML.</Alert>}
    </Stack>
  );
}
