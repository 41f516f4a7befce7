/**
 * One incident: header with status, severity and owner; tabs for the timeline (with notes), the
 * linked alerts, the evidence ledger and the postmortem.
 */
import { useState } from 'react';
import { Anchor, Badge, Button, Group, Select, Stack, Table, Tabs, Text, Textarea, Timeline, Title } from '@mantine/core';
import { IconArrowLeft, IconDownload } from '@tabler/icons-react';
import { Link } from 'react-router';
import { INCIDENT_STATUSES, SEVERITIES, type IncidentStatus, type IncidentTimelineEntry, type Severity } from '@vigil/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { FEATURES } from '../../index.ts';
import { SeverityBadge } from '../../../components/severity.tsx';
import { formatAgo, formatTimestamp } from '../../../lib/time.ts';
import { postmortemDownloadUrl, useAddIncidentNote, useIncident, useRemoveIncidentAlerts, useSetIncidentStatus, useUpdateIncident } from '../api/incidents.ts';
import { EvidenceLedger } from './EvidenceLedger.tsx';
import { OwnerSelect } from './OwnerSelect.tsx';
import { PostmortemEditor } from './PostmortemEditor.tsx';
import { STATUS_COLORS } from './format.ts';

/** Where an alert opens (the alerts page, `/alerts/:id`), or null while no alerts page is registered. */
export const alertHref = (alertId: string): string | null => (FEATURES.some((f) => f.id === 'alerts') ? `/alerts/${encodeURIComponent(alertId)}` : null);

/** The incident page; `canWrite` enables changes. */
export function IncidentDetail({ id, canWrite }: { id: string; canWrite: boolean }) {
  const { data, error, refetch } = useIncident(id);
  const setStatus = useSetIncidentStatus(id);
  const update = useUpdateIncident(id);
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!data) return <Text c="dimmed">Loading…</Text>;
  const { incident, timeline } = data;

  return (
    <Stack gap="md">
      <Anchor component={Link} to=".." relative="path" size="sm"><Group gap={4}><IconArrowLeft size={14} />Incidents</Group></Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1} size="h3" data-testid="incident-title">{incident.title}</Title>
          <Group gap="xs">
            <Badge color={STATUS_COLORS[incident.status]} data-testid="incident-status">{incident.status}</Badge>
            <SeverityBadge value={incident.severity} />
            <Text size="sm" c="dimmed">opened {formatAgo(incident.createdAt)} by {incident.createdBy}</Text>
          </Group>
          {incident.description && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{incident.description}</Text>}
        </Stack>
        <Button component="a" href={postmortemDownloadUrl(id)} download variant="default" leftSection={<IconDownload size={16} />} data-testid="export-postmortem">Export postmortem</Button>
      </Group>
      {canWrite && (
        <Group align="flex-end" gap="sm">
          <Select label="Status" data={[...INCIDENT_STATUSES]} value={incident.status} onChange={(v) => v && v !== incident.status && setStatus.mutate({ status: v as IncidentStatus })} allowDeselect={false} w={170} data-testid="status-select" />
          <Select label="Severity" data={[{ value: '', label: 'from alerts' }, ...SEVERITIES.map((s) => ({ value: s, label: s }))]} value={incident.severityOverride ?? ''} onChange={(v) => update.mutate({ severity: v ? (v as Severity) : null })} allowDeselect={false} w={150} />
          <OwnerSelect label="Owner" placeholder="Unassigned" value={incident.owner} onChange={(v) => v !== incident.owner && update.mutate({ owner: v })} disabled={update.isPending} w={180} data-testid="owner-select" />
        </Group>
      )}
      {(setStatus.error ?? update.error) && <ErrorAlert error={setStatus.error ?? update.error} title="Could not change the incident" />}
      <Tabs defaultValue="timeline" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="timeline">Timeline ({timeline.length})</Tabs.Tab>
          <Tabs.Tab value="alerts">Alerts ({incident.alertIds.length})</Tabs.Tab>
          <Tabs.Tab value="evidence" data-testid="tab-evidence">Evidence ({incident.findings.length})</Tabs.Tab>
          <Tabs.Tab value="postmortem" data-testid="tab-postmortem">Postmortem</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="timeline" pt="md"><IncidentTimeline id={id} entries={timeline} canWrite={canWrite} /></Tabs.Panel>
        <Tabs.Panel value="alerts" pt="md"><LinkedAlerts id={id} alertIds={incident.alertIds} canWrite={canWrite} /></Tabs.Panel>
        <Tabs.Panel value="evidence" pt="md"><EvidenceLedger id={id} findings={incident.findings} canWrite={canWrite} /></Tabs.Panel>
        <Tabs.Panel value="postmortem" pt="md"><PostmortemEditor id={id} postmortem={incident.postmortem} canWrite={canWrite} /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** Who did what, oldest first, with the note box. */
function IncidentTimeline({ id, entries, canWrite }: { id: string; entries: IncidentTimelineEntry[]; canWrite: boolean }) {
  const note = useAddIncidentNote(id);
  const [text, setText] = useState('');
  return (
    <Stack>
      <Timeline bulletSize={12} lineWidth={2} data-testid="incident-timeline">
        {entries.map((e, i) =>
          e.action === 'notification' ? (
            <NotificationItem key={`${e.at}-${i}`} entry={e} />
          ) : (
            <Timeline.Item key={`${e.at}-${i}`} title={<Text size="sm" fw={500}>{e.actor} · {e.action.replace(/_/g, ' ')}</Text>}>
              {e.text && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{e.text}</Text>}
              <Text size="xs" c="dimmed">{formatTimestamp(e.at)}</Text>
            </Timeline.Item>
          ),
        )}
      </Timeline>
      {canWrite && (
        <Stack gap="xs" maw={640}>
          <Textarea label="Add a note" value={text} onChange={(e) => setText(e.currentTarget.value)} rows={2} data-testid="note-text" />
          {note.error && <ErrorAlert error={note.error} title="Could not add the note" />}
          <Group><Button size="xs" disabled={!text.trim()} loading={note.isPending} onClick={() => note.mutate({ text: text.trim() }, { onSuccess: () => setText('') })} data-testid="add-note">Add note</Button></Group>
        </Stack>
      )}
    </Stack>
  );
}

const DELIVERY_COLOURS: Record<string, string> = { delivered: 'teal', pending: 'yellow', failed: 'red' };

/** A notification sent for one of the incident's alerts: channel, why, status and time, linking to the alert. */
function NotificationItem({ entry }: { entry: IncidentTimelineEntry }) {
  const d = (entry.data ?? {}) as { channel?: string | null; channelType?: string | null; kind?: string | null; status?: string; attempts?: number; alertId?: string; lastStatusCode?: number | null };
  const status = d.status ?? 'pending';
  const href = d.alertId ? alertHref(d.alertId) : null;
  return (
    <Timeline.Item
      color={DELIVERY_COLOURS[status] ?? 'gray'}
      data-testid="timeline-notification"
      title={
        <Group gap={6}>
          <Text size="sm" fw={500}>notification · {d.channel ?? 'deleted channel'}{d.channelType ? ` (${d.channelType})` : ''}</Text>
          <Badge size="xs" variant="light" color={DELIVERY_COLOURS[status] ?? 'gray'}>{status}</Badge>
        </Group>
      }
    >
      <Text size="sm">
        {d.kind ?? 'firing'}
        {d.attempts && d.attempts > 1 ? ` · ${d.attempts} attempts` : ''}
        {status !== 'delivered' && d.lastStatusCode ? ` · last answer ${d.lastStatusCode}` : ''}
        {status === 'failed' ? ' · dead letter (resend from Channels)' : ''}
        {href ? <> · <Anchor component={Link} to={href} size="sm" ff="monospace">{d.alertId}</Anchor></> : null}
      </Text>
      <Text size="xs" c="dimmed">{formatTimestamp(entry.at)}</Text>
    </Timeline.Item>
  );
}

/** The alerts linked to the incident, each opening the alert page. */
function LinkedAlerts({ id, alertIds, canWrite }: { id: string; alertIds: string[]; canWrite: boolean }) {
  const remove = useRemoveIncidentAlerts(id);
  if (!alertIds.length) return <Text c="dimmed" size="sm">No alerts linked. Group alerts into this incident from the alerts page.</Text>;
  return (
    <Table data-testid="incident-alerts">
      <Table.Tbody>
        {alertIds.map((a) => {
          const href = alertHref(a);
          return (
          <Table.Tr key={a}>
            <Table.Td>{href ? <Anchor component={Link} to={href} ff="monospace" size="sm">{a}</Anchor> : <Text ff="monospace" size="sm">{a}</Text>}</Table.Td>
            <Table.Td w={90}>{canWrite && <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate({ alertIds: [a] })}>Unlink</Button>}</Table.Td>
          </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
