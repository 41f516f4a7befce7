/**
 * One node of the visual routing-tree editor, with its children below it: the match query, receivers,
 * grouping and timing options, `continue`, time intervals and escalation policy. Empty options are
 * inherited from the parent. Problems the server found in this node show here, named by their path.
 */
import { useState } from 'react';
import { ActionIcon, Alert, Badge, Box, Code, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, Switch, TagsInput, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconChevronDown, IconChevronRight, IconPlus, IconTrash } from '@tabler/icons-react';
import type { RouteNode } from '@vigil/contracts';
import type { Option } from '../lib/channel-options.ts';
import { setOption } from '../lib/route-tree.ts';

/** What the node editors pick from, and the problems by node path. */
export interface RouteEditorContext {
  channels: Option[];
  intervals: string[];
  policies: Option[];
  problems: Map<string, { field: string; message: string }[]>;
  /** Paths of the routes the last tried alert took. */
  matched: ReadonlySet<string>;
  readOnly: boolean;
  onChange: (path: string, fn: (node: RouteNode) => RouteNode) => void;
  onAddChild: (path: string) => void;
  onMove: (path: string, by: -1 | 1) => void;
  onRemove: (path: string) => void;
}

const NO_POLICY = '__none__';
const DURATIONS = [['group_wait', 'Group wait', '30s'], ['group_interval', 'Group interval', '5m'], ['repeat_interval', 'Repeat interval', '4h']] as const;

function childPath(path: string, i: number): string {
  return path ? `${path}.routes[${i}]` : `routes[${i}]`;
}

export interface RouteNodeCardProps {
  node: RouteNode;
  path: string;
  index: number;
  siblings: number;
  ctx: RouteEditorContext;
}

export function RouteNodeCard({ node, path, index, siblings, ctx }: RouteNodeCardProps) {
  const root = path === '';
  const [open, setOpen] = useState(true);
  const problems = ctx.problems.get(path) ?? [];
  const errorAt = (field: string) => problems.filter((p) => p.field === field).map((p) => p.message).join('; ') || undefined;
  const set = <K extends keyof RouteNode>(key: K, value: RouteNode[K] | undefined) => ctx.onChange(path, (n) => setOption(n, key, value));
  const name = root ? 'Root route' : `Route ${path}`;
  const children = node.routes ?? [];
  const policyValue = node.escalation_policy === null ? NO_POLICY : node.escalation_policy ?? '';
  const ro = ctx.readOnly;
  const matched = ctx.matched.has(path);

  return (
    <Paper component="section" withBorder radius="md" p="xs" aria-label={name} data-testid="route-node" data-path={path} data-invalid={problems.length > 0 || undefined}
      data-matched={matched || undefined}
      style={problems.length ? { borderColor: 'var(--mantine-color-red-filled)' } : matched ? { borderColor: 'var(--mantine-color-green-filled)' } : undefined}>
      <Group justify="space-between" wrap="nowrap" gap={4} align="flex-start">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <ActionIcon variant="subtle" color="gray" onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} ${name}`}>
            {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </ActionIcon>
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text size="sm" fw={600} ff={root ? undefined : 'monospace'} style={{ overflowWrap: 'anywhere' }}>
              {root ? 'Every alert' : node.match?.trim() || '(no query yet)'}
            </Text>
            <Group gap={4}>
              <Code fz="xs">{root ? 'root' : path}</Code>
              {node.continue && <Badge size="xs" variant="light" radius="sm">continue</Badge>}
              {matched && <Badge size="xs" color="green" radius="sm">the tried alert goes here</Badge>}
              {children.length > 0 && <Text size="xs" c="dimmed">{children.length} child route{children.length === 1 ? '' : 's'}</Text>}
            </Group>
          </Stack>
        </Group>
        {!ro && (
          <Group gap={0} wrap="nowrap">
            <Tooltip label="Add a child route"><ActionIcon variant="subtle" onClick={() => ctx.onAddChild(path)} aria-label={`Add a child route to ${name}`}><IconPlus size={16} /></ActionIcon></Tooltip>
            {!root && <ActionIcon variant="subtle" color="gray" disabled={index === 0} onClick={() => ctx.onMove(path, -1)} aria-label={`Move ${name} up`}><IconArrowUp size={16} /></ActionIcon>}
            {!root && <ActionIcon variant="subtle" color="gray" disabled={index === siblings - 1} onClick={() => ctx.onMove(path, 1)} aria-label={`Move ${name} down`}><IconArrowDown size={16} /></ActionIcon>}
            {!root && <ActionIcon variant="subtle" color="red" onClick={() => ctx.onRemove(path)} aria-label={`Remove ${name}`}><IconTrash size={16} /></ActionIcon>}
          </Group>
        )}
      </Group>
      {problems.length > 0 && (
        <Alert color="red" variant="light" role="alert" mt="xs" p="xs" data-testid="route-problems">
          <Stack gap={2}>
            {problems.map((p, i) => <Text key={i} size="xs" style={{ overflowWrap: 'anywhere' }}><Code fz="xs">{[path, p.field].filter(Boolean).join('.') || 'root'}</Code> {p.message}</Text>)}
          </Stack>
        </Alert>
      )}
      {open && (
        <Stack gap="xs" mt="xs">
          {!root && (
            <TextInput label="Match (query)" description="Over alert fields: severity, rule.id, tags, host.name, source.ip, labels.*" value={node.match ?? ''} onChange={(e) => ctx.onChange(path, (n) => ({ ...n, match: e.currentTarget.value }))}
              error={errorAt('match')} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} spellCheck={false} readOnly={ro} data-testid="route-match" />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs">
            <MultiSelect label="Receivers" placeholder={node.receivers?.length ? undefined : root ? 'none' : 'inherited'} data={ctx.channels} value={node.receivers ?? []} onChange={(v) => set('receivers', v)}
              error={errorAt('receivers')} searchable readOnly={ro} comboboxProps={{ withinPortal: true }} />
            <TagsInput label="Group by" placeholder={node.group_by?.length ? undefined : 'inherited (… = one group per alert)'} value={node.group_by ?? []} onChange={(v) => set('group_by', v)}
              error={errorAt('group_by')} readOnly={ro} splitChars={[',', ' ']} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs" verticalSpacing="xs">
            {DURATIONS.map(([key, label, def]) => (
              <TextInput key={key} label={label} placeholder={root ? `${def} (default)` : 'inherited'} value={node[key] ?? ''} onChange={(e) => set(key, e.currentTarget.value.trim())}
                error={errorAt(key)} spellCheck={false} readOnly={ro} />
            ))}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs" verticalSpacing="xs">
            <MultiSelect label="Mute during" placeholder={node.mute_time_intervals?.length ? undefined : 'inherited'} data={[...new Set([...ctx.intervals, ...(node.mute_time_intervals ?? [])])]} value={node.mute_time_intervals ?? []}
              onChange={(v) => set('mute_time_intervals', v)} error={errorAt('mute_time_intervals')} readOnly={ro} comboboxProps={{ withinPortal: true }} />
            <MultiSelect label="Send only during" placeholder={node.active_time_intervals?.length ? undefined : 'inherited'} data={[...new Set([...ctx.intervals, ...(node.active_time_intervals ?? [])])]} value={node.active_time_intervals ?? []}
              onChange={(v) => set('active_time_intervals', v)} error={errorAt('active_time_intervals')} readOnly={ro} comboboxProps={{ withinPortal: true }} />
            <Select label="Escalation policy" data={[{ value: '', label: root ? 'none' : 'inherited' }, ...(root ? [] : [{ value: NO_POLICY, label: 'none (stop inheriting)' }]), ...ctx.policies]} value={policyValue}
              onChange={(v) => set('escalation_policy', v === NO_POLICY ? null : v || undefined)} error={errorAt('escalation_policy')} readOnly={ro} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
          </SimpleGrid>
          {!root && <Switch label="Continue: keep trying the next sibling routes after this one matched" checked={node.continue === true} onChange={(e) => set('continue', e.currentTarget.checked || undefined)} disabled={ro} />}
          {children.length > 0 && (
            <Box pl={{ base: 6, sm: 'md' }} style={{ borderLeft: '2px solid var(--mantine-color-default-border)' }}>
              <Stack gap="xs">
                {children.map((c, i) => <RouteNodeCard key={i} node={c} path={childPath(path, i)} index={i} siblings={children.length} ctx={ctx} />)}
              </Stack>
            </Box>
          )}
        </Stack>
      )}
    </Paper>
  );
}
