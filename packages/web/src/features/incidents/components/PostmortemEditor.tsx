/**
 * The postmortem editor: a Markdown text area per section of the template (summary, impact,
 * timeline, root cause, contributing factors) and the follow-up actions with owners and due dates.
 * The Markdown export is the download button on the incident header.
 */
import { useState } from 'react';
import { ActionIcon, Button, Checkbox, Group, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { Postmortem, PostmortemAction } from '@vigil/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { formatAgo } from '../../../lib/time.ts';
import { useSavePostmortem } from '../api/incidents.ts';
import { formatTimeline, parseFactors, parseTimeline } from './postmortem-text.ts';

interface Draft {
  summary: string;
  impact: string;
  timeline: string;
  rootCause: string;
  factors: string;
  actions: PostmortemAction[];
}

const toDraft = (p: Postmortem): Draft => ({ summary: p.summary, impact: p.impact, timeline: formatTimeline(p.timeline), rootCause: p.rootCause, factors: p.contributingFactors.join('\n'), actions: p.actions });

/** Edits and saves one incident's postmortem. */
export function PostmortemEditor({ id, postmortem, canWrite }: { id: string; postmortem: Postmortem; canWrite: boolean }) {
  const save = useSavePostmortem(id);
  const [draft, setDraft] = useState<Draft>(() => toDraft(postmortem));
  const [dirty, setDirty] = useState(false);
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setDirty(true);
  };
  const setAction = (i: number, patch: Partial<PostmortemAction>) => set({ actions: draft.actions.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  const submit = () =>
    save.mutate(
      { summary: draft.summary, impact: draft.impact, rootCause: draft.rootCause, timeline: parseTimeline(draft.timeline), contributingFactors: parseFactors(draft.factors), actions: draft.actions.filter((a) => a.text.trim()) },
      { onSuccess: () => setDirty(false) },
    );
  const area = (label: string, key: 'summary' | 'impact' | 'timeline' | 'rootCause' | 'factors', description?: string) => (
    <Textarea label={label} description={description} value={draft[key]} onChange={(e) => set({ [key]: e.currentTarget.value })} rows={3} readOnly={!canWrite} data-testid={`pm-${key}`} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} />
  );

  return (
    <Stack gap="sm" maw={900} data-testid="postmortem-editor">
      <Text size="xs" c="dimmed">Markdown. {postmortem.updatedAt ? `Last saved ${formatAgo(postmortem.updatedAt)} by ${postmortem.updatedBy ?? 'unknown'}.` : 'Not written yet.'}</Text>
      {area('Summary', 'summary')}
      {area('Impact', 'impact')}
      {area('Timeline', 'timeline', 'One line per step: "when | what". Empty: the export uses the incident timeline.')}
      {area('Root cause', 'rootCause')}
      {area('Contributing factors', 'factors', 'One per line')}
      <Title order={3} size="h5">Actions</Title>
      {draft.actions.map((a, i) => (
        <Group key={i} gap="xs" align="flex-end" wrap="wrap" data-testid="pm-action">
          <Checkbox checked={a.done} onChange={(e) => setAction(i, { done: e.currentTarget.checked })} aria-label="Done" disabled={!canWrite} mb={8} />
          <TextInput label={i === 0 ? 'Action' : undefined} value={a.text} onChange={(e) => setAction(i, { text: e.currentTarget.value })} style={{ flex: 1, minWidth: 220 }} readOnly={!canWrite} aria-label="Action" />
          <TextInput label={i === 0 ? 'Owner' : undefined} value={a.owner ?? ''} onChange={(e) => setAction(i, { owner: e.currentTarget.value || null })} w={150} readOnly={!canWrite} aria-label="Owner" />
          <TextInput label={i === 0 ? 'Due' : undefined} value={a.due ?? ''} placeholder="YYYY-MM-DD" onChange={(e) => setAction(i, { due: e.currentTarget.value || null })} w={130} readOnly={!canWrite} aria-label="Due" />
          {canWrite && <ActionIcon variant="subtle" color="red" mb={4} aria-label="Remove action" onClick={() => set({ actions: draft.actions.filter((_, j) => j !== i) })}><IconTrash size={16} /></ActionIcon>}
        </Group>
      ))}
      {canWrite && (
        <>
          <Group><Button size="xs" variant="default" leftSection={<IconPlus size={14} />} onClick={() => set({ actions: [...draft.actions, { text: '', owner: null, due: null, done: false }] })} data-testid="pm-add-action">Add action</Button></Group>
          {save.error && <ErrorAlert error={save.error} title="Could not save the postmortem" />}
          <Group><Button onClick={submit} loading={save.isPending} disabled={!dirty} data-testid="pm-save">Save postmortem</Button>{!dirty && save.isSuccess && <Text size="sm" c="green">Saved</Text>}</Group>
        </>
      )}
    </Stack>
  );
}
