/**
 * The rule editor's form view: the common fields (id, title, severity, tags, query, suppress) and the
 * fields of the chosen kind. It edits the same document as the YAML view; problems from validation show
 * at the field they name.
 */
import { ActionIcon, Button, Group, NumberInput, Select, SimpleGrid, Stack, Switch, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { METRIC_OPS, SEVERITIES, type RuleValidationProblem } from '@vigil/contracts';
import { QUERY_INPUT_STYLE } from '../../../components/query/query-input-style.ts';
import { RULE_KINDS, ruleKind, type RuleKindName } from '../lib/rule-kind.ts';
import type { DraftDoc } from '../lib/rule-yaml.ts';

/** How the editor names each kind. */
export const KIND_LABELS: Record<RuleKindName, string> = {
  match: 'Match (every matching event)',
  threshold: 'Threshold (N events in a window)',
  value_count: 'Value count (N distinct values)',
  sequence: 'Sequence (steps in order)',
  absence: 'Absence (a source goes quiet)',
  new_terms: 'New terms (a value not seen before)',
  metric: 'Metric (a number stays over a limit)',
};

/** A new kind block with sensible values to start from. */
export function defaultBlock(kind: RuleKindName): Record<string, unknown> | undefined {
  switch (kind) {
    case 'match': return undefined;
    case 'threshold': return { count: 5, window: '10m', group_by: ['source.ip'] };
    case 'value_count': return { field: 'user.name', count: 10, window: '10m', group_by: ['source.ip'] };
    case 'sequence': return { window: '30m', group_by: ['source.ip'], steps: [{ query: 'event.outcome:failure', count: 3 }, { query: 'event.outcome:success' }] };
    case 'absence': return { window: '1h', group_by: ['host.name'] };
    case 'new_terms': return { fields: ['user.name'], history: '14d' };
    case 'metric': return { field: 'system.cpu.pct', op: '>', value: 90, for: '5m', group_by: ['host.name'] };
  }
}

/** The document with its kind switched: the old block removed, the new one started. */
export function withKind(doc: DraftDoc, kind: RuleKindName): DraftDoc {
  const out: Record<string, unknown> = { ...doc };
  for (const k of RULE_KINDS) delete out[k];
  const block = defaultBlock(kind);
  if (block) out[kind] = block;
  // Kinds that fire once per episode take no suppress.
  if (kind === 'absence' || kind === 'metric' || kind === 'new_terms') delete out.suppress;
  return out as DraftDoc;
}

export interface RuleFormProps {
  doc: DraftDoc;
  onChange: (doc: DraftDoc) => void;
  problems: RuleValidationProblem[];
  readOnly?: boolean;
}

type Block = Record<string, unknown>;

export function RuleForm({ doc, onChange, problems, readOnly }: RuleFormProps) {
  const kind = ruleKind(doc);
  const block: Block = (doc[kind] as Block | undefined) ?? {};
  const errorAt = (path: string) => problems.filter((p) => p.path === path || p.path.startsWith(`${path}.`)).map((p) => p.message).join('; ') || undefined;
  const set = (key: string, value: unknown) => onChange({ ...doc, [key]: value === '' ? undefined : value });
  const setBlock = (key: string, value: unknown) => onChange({ ...doc, [kind]: { ...block, [key]: value === '' ? undefined : value } });
  const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
  const num = (v: unknown) => (typeof v === 'number' ? v : '');
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  const suppress = (doc.suppress as Block | undefined)?.window;

  const blockFields = () => {
    const groupBy = <TagsInput key="g" label="Group by" description="Fields that split events into groups (one alert per group)" value={list(block.group_by)} onChange={(v) => setBlock('group_by', v.length ? v : undefined)} error={errorAt(`${kind}.group_by`)} readOnly={readOnly} splitChars={[',', ' ']} />;
    const window = (label = 'Window') => <TextInput key="w" label={label} placeholder="10m" value={str(block.window)} onChange={(e) => setBlock('window', e.currentTarget.value)} error={errorAt(`${kind}.window`)} readOnly={readOnly} />;
    const count = <NumberInput key="c" label="Count" min={1} value={num(block.count)} onChange={(v) => setBlock('count', typeof v === 'number' ? v : undefined)} error={errorAt(`${kind}.count`)} readOnly={readOnly} />;
    const field = (label = 'Field') => <TextInput key="f" label={label} value={str(block.field)} onChange={(e) => setBlock('field', e.currentTarget.value)} error={errorAt(`${kind}.field`)} readOnly={readOnly} />;
    switch (kind) {
      case 'match': return [<TagsInput key="g" label="Group by (optional)" description="With suppress: one alert per group and period" value={list((doc.match as Block | undefined)?.group_by)} onChange={(v) => set('match', v.length ? { group_by: v } : undefined)} error={errorAt('match')} readOnly={readOnly} splitChars={[',', ' ']} />];
      case 'threshold': return [count, window(), groupBy];
      case 'value_count': return [field('Distinct values of'), count, window(), groupBy];
      case 'absence': return [window('Quiet for'), groupBy];
      case 'new_terms': return [
        <TagsInput key="fs" label="Fields" value={list(block.fields)} onChange={(v) => setBlock('fields', v)} error={errorAt('new_terms.fields')} readOnly={readOnly} splitChars={[',', ' ']} />,
        <TextInput key="h" label="History" placeholder="14d" value={str(block.history)} onChange={(e) => setBlock('history', e.currentTarget.value)} error={errorAt('new_terms.history')} readOnly={readOnly} />,
      ];
      case 'metric': return [
        field(),
        <Select key="op" label="Operator" data={[...METRIC_OPS]} value={str(block.op) || null} onChange={(v) => setBlock('op', v ?? undefined)} error={errorAt('metric.op')} readOnly={readOnly} comboboxProps={{ withinPortal: true }} />,
        <NumberInput key="v" label="Value" value={num(block.value)} onChange={(v) => setBlock('value', typeof v === 'number' ? v : undefined)} error={errorAt('metric.value')} readOnly={readOnly} />,
        <TextInput key="for" label="For at least" placeholder="5m" value={str(block.for)} onChange={(e) => setBlock('for', e.currentTarget.value)} error={errorAt('metric.for')} readOnly={readOnly} />,
        groupBy,
      ];
      case 'sequence': return [window(), groupBy];
    }
  };

  const steps = kind === 'sequence' && Array.isArray(block.steps) ? (block.steps as Block[]) : [];
  const setStep = (i: number, patch: Block) => setBlock('steps', steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  return (
    <Stack gap="sm" data-testid="rule-form">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
        <TextInput label="Id" description="Lower-case letters, digits and -" value={str(doc.id)} onChange={(e) => set('id', e.currentTarget.value)} error={errorAt('id')} readOnly={readOnly} required />
        <Select label="Severity" data={[...SEVERITIES]} value={str(doc.severity) || null} onChange={(v) => set('severity', v ?? undefined)} error={errorAt('severity')} readOnly={readOnly} required comboboxProps={{ withinPortal: true }} />
      </SimpleGrid>
      <TextInput label="Title" description="{{field}} takes the value from the event that fired it" value={str(doc.title)} onChange={(e) => set('title', e.currentTarget.value)} error={errorAt('title')} readOnly={readOnly} required />
      <Textarea label="Description" autosize minRows={1} maxRows={6} value={str(doc.description)} onChange={(e) => set('description', e.currentTarget.value)} error={errorAt('description')} readOnly={readOnly} />
      <Textarea label="Query" description="Which events the rule looks at (the search query language); empty = all" autosize minRows={2} maxRows={8} styles={{ input: QUERY_INPUT_STYLE }} spellCheck={false} value={str(doc.query)} onChange={(e) => set('query', e.currentTarget.value)} error={errorAt('query')} readOnly={readOnly} />
      <TagsInput label="Tags" description="ATT&CK tags like attack.t1110 or attack.credential_access, and free tags" value={list(doc.tags)} onChange={(v) => set('tags', v.length ? v : undefined)} error={errorAt('tags')} readOnly={readOnly} splitChars={[',', ' ']} />
      <Select label="Kind" data={RULE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} value={kind} onChange={(v) => v && onChange(withKind(doc, v as RuleKindName))} allowDeselect={false} readOnly={readOnly} comboboxProps={{ withinPortal: true }} data-testid="rule-kind" />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">{blockFields()}</SimpleGrid>
      {kind === 'sequence' && (
        <Stack gap={6}>
          <Text size="sm" fw={500}>Steps, in order</Text>
          {steps.map((s, i) => (
            <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
              <Text size="sm" c="dimmed" mt={8} w={18}>{i + 1}.</Text>
              <TextInput aria-label={`Step ${i + 1} query`} style={{ flex: 1 }} styles={{ input: QUERY_INPUT_STYLE }} value={str(s.query)} onChange={(e) => setStep(i, { query: e.currentTarget.value })} error={errorAt(`sequence.steps.${i}`)} readOnly={readOnly} />
              <NumberInput aria-label={`Step ${i + 1} count`} w={80} min={1} value={num(s.count) || 1} onChange={(v) => setStep(i, { count: typeof v === 'number' && v > 1 ? v : undefined })} readOnly={readOnly} />
              <ActionIcon variant="subtle" color="red" mt={4} aria-label={`Remove step ${i + 1}`} disabled={readOnly || steps.length <= 2} onClick={() => setBlock('steps', steps.filter((_, j) => j !== i))}><IconTrash size={16} /></ActionIcon>
            </Group>
          ))}
          {!readOnly && <Button size="xs" variant="default" leftSection={<IconPlus size={14} />} w="fit-content" onClick={() => setBlock('steps', [...steps, { query: '' }])}>Add step</Button>}
        </Stack>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
        {kind !== 'absence' && kind !== 'metric' && kind !== 'new_terms' && (
          <TextInput label="Suppress repeats for" placeholder="30m" description="At most one alert per group in each period" value={str(suppress)} onChange={(e) => set('suppress', e.currentTarget.value ? { window: e.currentTarget.value } : undefined)} error={errorAt('suppress')} readOnly={readOnly} />
        )}
        <Switch mt="lg" label="Enabled" checked={doc.enabled !== false} onChange={(e) => set('enabled', e.currentTarget.checked ? undefined : false)} disabled={readOnly} />
      </SimpleGrid>
    </Stack>
  );
}
