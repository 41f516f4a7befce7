/**
 * The panel form: kind, title, query, time range, and the kind's own settings (the field of a top
 * panel, the columns of a table, how many rows).
 */
import { useState } from 'react';
import { Button, Group, Modal, NumberInput, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { PANEL_KINDS, type Panel, type PanelKind } from '@vigil/contracts';
import { isValidTime } from '../../../lib/time.ts';

const KIND_LABELS: Record<PanelKind, string> = { count: 'Count', timeseries: 'Time series', top: 'Top values', table: 'Table' };

/** Edits one panel; `onSave` gets the panel (position kept). */
export function PanelEditor({ panel, onSave, onClose }: { panel: Panel; onSave: (p: Panel) => void; onClose: () => void }) {
  const [p, setP] = useState<Panel>(panel);
  const [columns, setColumns] = useState((panel.columns ?? []).join(', '));
  const set = (patch: Partial<Panel>) => setP((old) => ({ ...old, ...patch }));
  const badFrom = !isValidTime(p.from);
  const badTo = !isValidTime(p.to);
  const needsField = p.kind === 'top' && !p.field?.trim();
  const save = () => {
    const cols = columns.split(/[\s,]+/).filter(Boolean);
    const out: Panel = { ...p, title: p.title.trim(), field: p.kind === 'top' ? p.field?.trim() : undefined, columns: p.kind === 'table' && cols.length ? cols : undefined, limit: p.kind === 'top' || p.kind === 'table' ? p.limit : undefined };
    for (const k of ['field', 'columns', 'limit'] as const) if (out[k] === undefined) delete out[k];
    onSave(out);
  };
  return (
    <Modal opened onClose={onClose} title="Panel" size="lg">
      <Stack>
        <SegmentedControl data={PANEL_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} value={p.kind} onChange={(v) => set({ kind: v as PanelKind })} data-testid="panel-kind" />
        <TextInput label="Title" value={p.title} onChange={(e) => set({ title: e.currentTarget.value })} data-testid="panel-title" />
        <TextInput label="Query" description="Query language; empty matches every event" value={p.query} onChange={(e) => set({ query: e.currentTarget.value })} ff="monospace" data-testid="panel-query" />
        <Group grow>
          <TextInput label="From" value={p.from} onChange={(e) => set({ from: e.currentTarget.value })} error={badFrom ? 'Relative (-24h) or ISO time' : undefined} data-testid="panel-from" />
          <TextInput label="To" value={p.to} onChange={(e) => set({ to: e.currentTarget.value })} error={badTo ? 'Relative (now) or ISO time' : undefined} />
        </Group>
        {p.kind === 'top' && <TextInput label="Field" placeholder="source.ip" value={p.field ?? ''} onChange={(e) => set({ field: e.currentTarget.value })} error={needsField ? 'Top values need a field' : undefined} data-testid="panel-field" />}
        {p.kind === 'table' && <TextInput label="Columns" placeholder="host.name, message" value={columns} onChange={(e) => setColumns(e.currentTarget.value)} data-testid="panel-columns" />}
        {(p.kind === 'top' || p.kind === 'table') && <NumberInput label={p.kind === 'top' ? 'Values' : 'Rows'} min={1} max={100} value={p.limit ?? (p.kind === 'top' ? 10 : 20)} onChange={(v) => set({ limit: typeof v === 'number' ? v : undefined })} w={120} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button onClick={save} disabled={badFrom || badTo || needsField} data-testid="panel-save">Apply</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
