/**
 * The routing tree editor: a visual view (nested route cards) and a raw JSON or YAML view of the same
 * draft, which round-trip. Save sends the whole tree (`PUT /routes`); the server's problems are shown
 * at the node their path names (`routes[1].routes[0].match`) and listed above the tree. "Try an alert"
 * runs the draft on an alert and marks the routes it takes.
 */
import { useState } from 'react';
import { Alert, Button, Code, Group, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import type { RouteNode } from '@vigil/contracts';
import { ApiError, readableMessage } from '../../../api/api-error.ts';
import { useDeleteRouteTree, useSaveRouteTree } from '../api/routing.ts';
import type { Option } from '../lib/channel-options.ts';
import { addChild, moveNode, problemsByNode, problemsOf, removeNode, textToTree, treeToText, updateNode, type RawFormat, type TreeProblem } from '../lib/route-tree.ts';
import { ConfirmDelete } from './ConfirmDelete.tsx';
import { RouteNodeCard, type RouteEditorContext } from './RouteNodeCard.tsx';
import { RouteTryPanel } from './RouteTryPanel.tsx';

type View = 'visual' | RawFormat;

export interface RouteTreeEditorProps {
  /** The stored tree; null when none is set. */
  initial: RouteNode | null;
  channels: Option[];
  intervals: string[];
  policies: Option[];
  readOnly: boolean;
}

export function RouteTreeEditor({ initial, channels, intervals, policies, readOnly }: RouteTreeEditorProps) {
  const [tree, setTree] = useState<RouteNode>(initial ?? {});
  const [view, setView] = useState<View>('visual');
  const [text, setText] = useState('');
  const [rawError, setRawError] = useState<string | null>(null);
  const [problems, setProblems] = useState<TreeProblem[]>([]);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [matched, setMatched] = useState<string[] | null>(null);
  const save = useSaveRouteTree();
  const remove = useDeleteRouteTree();
  const dirty = JSON.stringify(tree) !== JSON.stringify(initial ?? {});

  const edit = (next: RouteNode) => {
    setTree(next);
    setMatched(null);
    save.reset();
  };
  const ctx: RouteEditorContext = {
    channels, intervals, policies, readOnly,
    problems: problemsByNode(problems),
    matched: new Set(matched ?? []),
    onChange: (path, fn) => edit(updateNode(tree, path, fn)),
    onAddChild: (path) => edit(addChild(tree, path)),
    onMove: (path, by) => edit(moveNode(tree, path, by)),
    onRemove: (path) => edit(removeNode(tree, path)),
  };

  const switchView = (v: View) => {
    if (v !== 'visual') setText(treeToText(tree, v));
    setRawError(null);
    setView(v);
  };
  const onText = (value: string) => {
    setText(value);
    try {
      edit(textToTree(value, view as RawFormat));
      setRawError(null);
    } catch (err) {
      setRawError(err instanceof Error ? err.message : String(err));
    }
  };
  const onSave = () => {
    setProblems([]);
    save.mutate(tree, {
      onSuccess: () => notifications.show({ color: 'green', title: 'Routing tree saved', message: 'Open alerts are routed again with it.' }),
      onError: (e) => setProblems(e instanceof ApiError ? problemsOf(e.details, e.message) : []),
    });
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <SegmentedControl value={view} onChange={(v) => switchView(v as View)} aria-label="Editor view" disabled={!!rawError}
          data={[{ value: 'visual', label: 'Visual' }, { value: 'json', label: 'JSON' }, { value: 'yaml', label: 'YAML' }]} />
        {!readOnly && (
          <Group gap="xs">
            {initial && <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => { remove.reset(); setConfirmRemove(true); }}>Remove tree</Button>}
            <Button variant="default" disabled={!dirty} onClick={() => { setTree(initial ?? {}); setProblems([]); setRawError(null); if (view !== 'visual') setText(treeToText(initial ?? {}, view)); }}>Discard changes</Button>
            <Button leftSection={<IconDeviceFloppy size={16} />} onClick={onSave} loading={save.isPending} disabled={!!rawError} data-testid="save-tree">Save tree</Button>
          </Group>
        )}
      </Group>
      {save.error && (
        <Alert color="red" variant="light" role="alert" title="The tree was not saved" data-testid="tree-error">
          {problems.length > 1 ? (
            <Stack gap={2}>{problems.map((p, i) => <Text key={i} size="sm" style={{ overflowWrap: 'anywhere' }}><Code>{p.path || 'root'}</Code> {p.message}</Text>)}</Stack>
          ) : <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{readableMessage(save.error)}</Text>}
        </Alert>
      )}
      <RouteTryPanel tree={tree} nameOf={(id) => channels.find((c) => c.value === id)?.label ?? id} onMatched={setMatched} onProblems={setProblems} />
      {view === 'visual' ? (
        <RouteNodeCard node={tree} path="" index={0} siblings={1} ctx={ctx} />
      ) : (
        <Textarea
          label={`Routing tree as ${view.toUpperCase()}`} value={text} onChange={(e) => onText(e.currentTarget.value)} autosize minRows={14} maxRows={40}
          spellCheck={false} readOnly={readOnly} error={rawError} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }} data-testid="tree-raw"
        />
      )}
      <ConfirmDelete
        what={confirmRemove ? 'the routing tree (newly opened alerts then go to the default channels)' : null}
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setConfirmRemove(false)}
        onConfirm={() => remove.mutate(undefined, { onSuccess: () => setConfirmRemove(false) })}
      />
    </Stack>
  );
}
