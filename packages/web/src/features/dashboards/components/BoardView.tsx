/**
 * One board with its toolbar: pick a board, set it as home, copy it, create a new one; its owner
 * (or an admin, for a shared board) edits the name, sharing and panels and saves.
 */
import { useEffect, useState } from 'react';
import { Badge, Button, Group, Select, Stack, Switch, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { IconCopy, IconDeviceFloppy, IconHome, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useLocation, useNavigate } from 'react-router';
import type { Dashboard, DashboardList, Panel } from '@vigil/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useCreateDashboard, useDashboard, useDeleteDashboard, useSetHome, useUpdateDashboard } from '../api/dashboards.ts';
import { BoardGrid } from './BoardGrid.tsx';
import { PanelEditor } from './PanelEditor.tsx';

interface Draft {
  name: string;
  shared: boolean;
  panels: Panel[];
}

/** A fresh panel placed below the others. */
export function newPanel(panels: Panel[], now = Date.now()): Panel {
  const y = panels.reduce((m, p) => Math.max(m, p.y + p.h), 0);
  return { id: `p${now.toString(36)}`, kind: 'count', title: '', query: '', from: '-24h', to: 'now', x: 0, y, w: 6, h: 5 };
}

/** The board page body. */
export function BoardView({ id, list, canShare }: { id: string; list: DashboardList; canShare: boolean }) {
  const { data: board, error, refetch } = useDashboard(id);
  const navigate = useNavigate();
  const location = useLocation();
  const create = useCreateDashboard();
  const update = useUpdateDashboard();
  const remove = useDeleteDashboard();
  const setHome = useSetHome();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [editingPanel, setEditingPanel] = useState<Panel | null>(null);
  const mutationError = create.error ?? update.error ?? remove.error ?? setHome.error;
  // A board just made with "New board" opens in edit mode (told through the navigation state).
  const fresh = (location.state as { edit?: boolean } | null)?.edit === true;
  useEffect(() => {
    if (!board || !fresh || board.id !== id) return;
    if (board.editable) setDraft({ name: board.name, shared: board.shared, panels: board.panels });
    void navigate(location.pathname, { replace: true, state: null });
  }, [board, fresh, id, location.pathname, navigate]);

  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!board) return <Text c="dimmed">Loading…</Text>;
  const panels = draft?.panels ?? board.panels;
  const isHome = list.homeId === board.id;
  const startEdit = (b: Dashboard) => setDraft({ name: b.name, shared: b.shared, panels: b.panels });
  const copy = () => create.mutate({ name: `${board.name} (copy)`.slice(0, 200), description: board.description, panels: board.panels }, { onSuccess: (d) => navigate(`/dashboards/${encodeURIComponent(d.id)}`) });
  const blank = () =>
    create.mutate({ name: 'New board', panels: [] }, { onSuccess: (d) => navigate(`/dashboards/${encodeURIComponent(d.id)}`, { state: { edit: true } }) });
  const save = () => draft && update.mutate({ id: board.id, body: { name: draft.name.trim() || board.name, description: board.description, shared: draft.shared, panels: draft.panels } }, { onSuccess: () => { setDraft(null); void refetch(); } });
  const putPanel = (p: Panel) => {
    if (!draft) return;
    const exists = draft.panels.some((x) => x.id === p.id);
    setDraft({ ...draft, panels: exists ? draft.panels.map((x) => (x.id === p.id ? p : x)) : [...draft.panels, p] });
    setEditingPanel(null);
  };

  return (
    <Stack gap="sm">
      <VisuallyHidden component="h1">{board.name}</VisuallyHidden>
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end" gap="sm">
          {draft ? (
            <TextInput label="Name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} w={280} data-testid="board-name" />
          ) : (
            <Select
              label="Dashboard"
              data={list.dashboards.map((d) => ({ value: d.id, label: d.builtin ? `${d.name} (built-in)` : d.name }))}
              value={board.id}
              onChange={(v) => v && navigate(`/dashboards/${encodeURIComponent(v)}`)}
              allowDeselect={false}
              searchable
              w={280}
              data-testid="board-select"
            />
          )}
          <Group gap={4} pb={6}>
            {board.builtin && <Badge variant="light">built-in</Badge>}
            {!board.builtin && <Badge variant="light" color={board.shared ? 'teal' : 'gray'}>{board.shared ? 'shared' : 'private'}</Badge>}
            {board.owner && <Text size="xs" c="dimmed">by {board.owner}</Text>}
            {isHome && <Badge variant="light" color="blue" leftSection={<IconHome size={12} />} data-testid="home-badge">home</Badge>}
          </Group>
        </Group>
        {draft ? (
          <Group gap="xs">
            {canShare && <Switch label="Shared with the tenant" checked={draft.shared} onChange={(e) => setDraft({ ...draft, shared: e.currentTarget.checked })} data-testid="board-shared" />}
            <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setEditingPanel(newPanel(draft.panels))} data-testid="add-panel">Add panel</Button>
            <Button variant="default" onClick={() => setDraft(null)}>Cancel</Button>
            <Button leftSection={<IconDeviceFloppy size={16} />} onClick={save} loading={update.isPending} data-testid="save-board">Save</Button>
          </Group>
        ) : (
          <Group gap="xs">
            {!isHome && <Button variant="default" leftSection={<IconHome size={16} />} onClick={() => setHome.mutate({ id: board.id })} data-testid="set-home">Set as home</Button>}
            <Button variant="default" leftSection={<IconCopy size={16} />} onClick={copy} data-testid="copy-board">Copy</Button>
            {board.editable && <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => startEdit(board)} data-testid="edit-board">Edit</Button>}
            {board.editable && <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => window.confirm(`Delete the dashboard "${board.name}"?`) && remove.mutate(board.id, { onSuccess: () => navigate('/dashboards') })} data-testid="delete-board">Delete</Button>}
            <Button leftSection={<IconPlus size={16} />} onClick={blank} data-testid="new-board">New board</Button>
          </Group>
        )}
      </Group>
      {board.description && !draft && <Text size="sm" c="dimmed">{board.description}</Text>}
      {mutationError && <ErrorAlert error={mutationError} title="Could not save" />}
      {!panels.length && <Text c="dimmed" data-testid="board-empty">{draft ? 'No panels yet: add one.' : 'This board has no panels.'}</Text>}
      <BoardGrid panels={panels} editing={!!draft} onLayout={(p) => draft && setDraft({ ...draft, panels: p })} onEdit={setEditingPanel} onRemove={(p) => draft && setDraft({ ...draft, panels: draft.panels.filter((x) => x.id !== p.id) })} />
      {editingPanel && <PanelEditor panel={editingPanel} onSave={putPanel} onClose={() => setEditingPanel(null)} />}
    </Stack>
  );
}
