/**
 * The incidents table with status, severity and owner filters; analysts open new incidents.
 */
import { useState } from 'react';
import { Badge, Button, Group, Modal, MultiSelect, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { INCIDENT_STATUSES, SEVERITIES, type IncidentStatus, type Severity } from '@vigil/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { SeverityBadge } from '../../../components/severity.tsx';
import { formatAgo } from '../../../lib/time.ts';
import { useCreateIncident, useIncidents, type IncidentFilters } from '../api/incidents.ts';
import { OwnerSelect } from './OwnerSelect.tsx';
import { STATUS_COLORS } from './format.ts';

/** The incident list; `canWrite` shows "New incident". */
export function IncidentList({ canWrite }: { canWrite: boolean }) {
  const [filters, setFilters] = useState<IncidentFilters>({ status: ['open', 'investigating', 'contained'], severity: null, owner: '' });
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const { data, error, isLoading, refetch } = useIncidents(filters, cursor);
  const incidents = data?.incidents ?? [];
  const [creating, setCreating] = useState(false);
  const change = (f: Partial<IncidentFilters>) => {
    setFilters((old) => ({ ...old, ...f }));
    setCursors([]);
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Stack gap={0}>
          <Title order={1} size="h3">Incidents</Title>
          <Text size="sm" c="dimmed">Alerts grouped into cases, with an owner, a timeline, evidence and a postmortem.</Text>
        </Stack>
        {canWrite && <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="new-incident">New incident</Button>}
      </Group>
      <Group align="flex-end" gap="sm">
        <MultiSelect label="Status" data={[...INCIDENT_STATUSES]} value={filters.status} onChange={(v) => change({ status: v as IncidentStatus[] })} clearable placeholder="Any" w={320} data-testid="filter-status" />
        <Select label="Severity at least" data={[...SEVERITIES]} value={filters.severity} onChange={(v) => change({ severity: (v as Severity | null) ?? null })} clearable placeholder="Any" w={160} />
        <OwnerSelect label="Owner" value={filters.owner || null} onChange={(v) => change({ owner: v ?? '' })} placeholder="Anyone" w={180} data-testid="filter-owner" />
      </Group>
      {error && <ErrorAlert error={error} onRetry={() => void refetch()} />}
      <Table.ScrollContainer minWidth={0}>
        <Table verticalSpacing="sm" highlightOnHover data-testid="incidents-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th visibleFrom="sm">Status</Table.Th>
              <Table.Th visibleFrom="sm">Severity</Table.Th>
              <Table.Th>Title</Table.Th>
              <Table.Th>Owner</Table.Th>
              <Table.Th visibleFrom="sm">Alerts</Table.Th>
              <Table.Th visibleFrom="sm">Findings</Table.Th>
              <Table.Th>Updated</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {incidents.map((i) => (
              <Table.Tr key={i.id} data-testid="incident-row">
                <Table.Td visibleFrom="sm"><Badge color={STATUS_COLORS[i.status]} variant="light">{i.status}</Badge></Table.Td>
                <Table.Td visibleFrom="sm"><SeverityBadge value={i.severity} /></Table.Td>
                <Table.Td>
                  <Link to={i.id}>{i.title}</Link>
                  {/* On a phone status and severity sit under the title instead of in their own columns. */}
                  <Group gap={4} mt={4} hiddenFrom="sm"><Badge color={STATUS_COLORS[i.status]} variant="light" size="sm">{i.status}</Badge><SeverityBadge value={i.severity} /></Group>
                </Table.Td>
                <Table.Td>{i.owner ?? <Text span c="dimmed" size="sm">unassigned</Text>}</Table.Td>
                <Table.Td visibleFrom="sm">{i.alertIds.length}</Table.Td>
                <Table.Td visibleFrom="sm">{i.findings.filter((f) => f.status === 'open').length} open / {i.findings.length}</Table.Td>
                <Table.Td title={i.updatedAt}>{formatAgo(i.updatedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!isLoading && !incidents.length && !error && <Text c="dimmed" data-testid="incidents-empty">No incidents match these filters.</Text>}
      <Group>
        {cursors.length > 0 && <Button variant="default" onClick={() => setCursors((c) => c.slice(0, -1))}>Newer</Button>}
        {data?.nextCursor && <Button variant="default" onClick={() => setCursors((c) => [...c, data.nextCursor!])} data-testid="incidents-next">Older</Button>}
      </Group>
      {creating && <NewIncidentModal onClose={() => setCreating(false)} />}
    </Stack>
  );
}

/** The "New incident" form; opens the incident once created. */
function NewIncidentModal({ onClose }: { onClose: () => void }) {
  const create = useCreateIncident();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [alertIds, setAlertIds] = useState('');
  const submit = () => {
    const ids = alertIds.split(/[\s,]+/).filter(Boolean);
    create.mutate({ title: title.trim(), description, alertIds: ids.length ? ids : undefined }, { onSuccess: (d) => navigate(d.incident.id) });
  };
  return (
    <Modal opened onClose={onClose} title="New incident">
      <Stack>
        <TextInput label="Title" value={title} onChange={(e) => setTitle(e.currentTarget.value)} required data-testid="incident-title" />
        <Textarea label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} rows={3} />
        <TextInput label="Alert ids" description="Optional, separated by spaces or commas" value={alertIds} onChange={(e) => setAlertIds(e.currentTarget.value)} />
        {create.error && <ErrorAlert error={create.error} title="Could not open the incident" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button onClick={submit} disabled={!title.trim()} loading={create.isPending} data-testid="create-incident">Open incident</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
