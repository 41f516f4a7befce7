/**
 * The alert list's filters: state, minimum severity, rule, tag, host, source, assignee and time. Text
 * filters apply a moment after typing stops, so the list does not reload per keystroke.
 */
import { useEffect, useState } from 'react';
import { Button, Chip, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconFilterOff } from '@tabler/icons-react';
import { ALERT_STATES, SEVERITIES, type AlertState, type Severity } from '@vigil/contracts';
import { useCurrentUser } from '../../auth/index.ts';
import { useRuleList } from '../../rules/api/rules.ts';
import { useAssignees } from '../api/alerts.ts';
import { DEFAULT_FILTERS, type AlertFilters } from '../lib/alert-filters.ts';
import { STATE_LABELS } from '../lib/alert-format.ts';

/** Time choices of the list (last seen within); `any` is no limit. */
export const ALERT_TIMES = [
  { value: 'any', label: 'Any time' },
  { value: '-1h', label: 'Last hour' },
  { value: '-24h', label: 'Last 24 hours' },
  { value: '-7d', label: 'Last 7 days' },
  { value: '-30d', label: 'Last 30 days' },
];

function DebouncedText({ label, value, onChange, placeholder }: { label: string; value: string; onChange: (v: string) => void; placeholder?: string }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = useDebouncedCallback((v: string) => onChange(v.trim()), 400);
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      value={draft}
      spellCheck={false}
      autoCapitalize="off"
      onChange={(e) => {
        setDraft(e.currentTarget.value);
        commit(e.currentTarget.value);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onChange(draft.trim());
      }}
    />
  );
}

export interface AlertFiltersFormProps {
  filters: AlertFilters;
  onChange: (f: AlertFilters) => void;
}

export function AlertFiltersForm({ filters, onChange }: AlertFiltersFormProps) {
  const me = useCurrentUser();
  const rules = useRuleList();
  const assignees = useAssignees();
  const set = <K extends keyof AlertFilters>(k: K, v: AlertFilters[K]) => onChange({ ...filters, [k]: v });

  const ruleOptions = (rules.data?.rules ?? []).map((r) => ({ value: r.id, label: `${r.doc.title} (${r.id})` }));
  if (filters.rule && !ruleOptions.some((o) => o.value === filters.rule)) ruleOptions.unshift({ value: filters.rule, label: filters.rule });
  const people = assignees.data?.assignees ?? [];
  const assigneeOptions = [{ value: me.username, label: `Me (${me.username})` }, ...people.filter((p) => p !== me.username).map((p) => ({ value: p, label: p }))];

  return (
    <Stack gap="sm" data-testid="alert-filters">
      <Group gap="xs" justify="space-between" wrap="wrap">
        <Chip.Group multiple value={filters.state} onChange={(v) => set('state', v as AlertState[])}>
          <Group gap={6} role="group" aria-label="States">
            {ALERT_STATES.map((s) => (
              <Chip key={s} value={s} size="sm" variant="outline">
                {STATE_LABELS[s]}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <Button size="compact-sm" variant="subtle" leftSection={<IconFilterOff size={14} />} onClick={() => onChange({ ...DEFAULT_FILTERS })}>
          Reset filters
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
        <Select
          label="Severity"
          data={[{ value: 'any', label: 'Any severity' }, ...SEVERITIES.filter((s) => s !== 'info').map((s) => ({ value: s, label: s === 'critical' ? 'critical' : `${s} or higher` }))]}
          value={filters.severity || 'any'}
          onChange={(v) => set('severity', (!v || v === 'any' ? '' : v) as Severity | '')}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <Select label="Rule" placeholder="Any rule" data={ruleOptions} value={filters.rule || null} onChange={(v) => set('rule', v ?? '')} searchable clearable nothingFoundMessage="No such rule" comboboxProps={{ withinPortal: true }} />
        <Select label="Assignee" placeholder="Anyone" data={assigneeOptions} value={filters.assignee || null} onChange={(v) => set('assignee', v ?? '')} searchable clearable comboboxProps={{ withinPortal: true }} />
        <Select label="Last seen" data={ALERT_TIMES} value={filters.from || 'any'} onChange={(v) => set('from', !v || v === 'any' ? '' : v)} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
        <DebouncedText label="Tag" placeholder="attack.t1110" value={filters.tag} onChange={(v) => set('tag', v)} />
        <DebouncedText label="Host" placeholder="host.name" value={filters.host} onChange={(v) => set('host', v)} />
        <DebouncedText label="Source" placeholder="source.ip" value={filters.source} onChange={(v) => set('source', v)} />
      </SimpleGrid>
    </Stack>
  );
}
