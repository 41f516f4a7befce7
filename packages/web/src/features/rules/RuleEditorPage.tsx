/**
 * The rule editor: YAML and form views of one document, checked by the server as you type (problems at
 * their line and column), saved as a new version; a test bench (sample lines, JSON or recent events)
 * and a backtest over stored history for the draft; the version history with diffs and restore.
 * Built-in rules are read-only here (switch them on or off, or copy one under a new id to change it).
 */
import { Suspense, lazy, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { Alert, Anchor, Badge, Button, Group, Modal, Paper, SegmentedControl, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconCopy, IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import type { RuleValidationProblem, RuleVersion } from '@vigil/contracts';
import { readableMessage } from '../../api/api-error.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SeverityBadge } from '../../components/severity.tsx';
import { useCurrentUser } from '../auth/index.ts';
import { useDeleteRule, useRule, useRuleVersions, useSaveRule, validateRuleYaml } from './api/rules.ts';
import { NEW_RULE_YAML, docToYaml, yamlToDoc } from './lib/rule-yaml.ts';
import { ruleKind } from './lib/rule-kind.ts';
import { RuleForm } from './components/RuleForm.tsx';
import { ProblemList } from './components/ProblemList.tsx';
import { RuleHistory } from './components/RuleHistory.tsx';
import { RuleLab } from './components/RuleLab.tsx';
import type { YamlEditorHandle } from './components/YamlEditor.tsx';

const YamlEditor = lazy(() => import('./components/YamlEditor.tsx').then((m) => ({ default: m.YamlEditor })));

/** How long typing must pause before the draft is checked. */
const VALIDATE_DELAY_MS = 300;

/** Checks the draft with the server a moment after each change; answers the problems. */
function useValidation(text: string) {
  const [problems, setProblems] = useState<RuleValidationProblem[]>([]);
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const ac = new AbortController();
    const t = setTimeout(() => {
      validateRuleYaml(text, ac.signal)
        .then((r) => {
          setProblems(r.problems);
          setChecked(true);
          setError(null);
        })
        .catch((err) => {
          if ((err as Error).name !== 'AbortError') setError(err);
        });
    }, VALIDATE_DELAY_MS);
    return () => {
      clearTimeout(t);
      ac.abort();
    };
  }, [text]);
  return { problems, checked, error };
}

export function RuleEditorPage() {
  const { id: param = 'new' } = useParams();
  const isNew = param === 'new';
  const navigate = useNavigate();
  const location = useLocation();
  const user = useCurrentUser();
  const rule = useRule(isNew ? null : param);
  const versions = useRuleVersions(isNew ? null : param);
  const save = useSaveRule();
  const del = useDeleteRule();
  const [text, setText] = useState<string | null>(isNew ? ((location.state as { yaml?: string } | null)?.yaml ?? NEW_RULE_YAML) : null);
  const [view, setView] = useState<'yaml' | 'form'>('yaml');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const editor = useRef<YamlEditorHandle>(null);

  const original = useMemo(() => (rule.data ? docToYaml(rule.data.doc) : null), [rule.data]);
  // The draft starts as the stored rule once it loads (and again when another rule opens).
  useEffect(() => {
    if (!isNew && original !== null) setText(original);
  }, [isNew, original, param]);
  useEffect(() => {
    if (isNew) setText((location.state as { yaml?: string } | null)?.yaml ?? NEW_RULE_YAML);
  }, [isNew, location.state]);

  const draft = text ?? '';
  const validation = useValidation(draft);
  const parsed = useMemo(() => yamlToDoc(draft), [draft]);
  const readOnly = user.role === 'viewer' || !!rule.data?.builtin;
  const dirty = isNew || (original !== null && draft !== original);

  if (!isNew && rule.error) return <ErrorAlert error={rule.error} title="Could not load the rule" onRetry={() => void rule.refetch()} />;
  if (text === null) return <Stack>{Array.from({ length: 5 }, (_, i) => <Skeleton key={i} h={48} />)}</Stack>;

  const onSave = () =>
    save.mutate({ id: isNew ? null : param, yaml: draft }, {
      onSuccess: (r) => {
        notifications.show({ color: 'green', title: isNew ? 'Rule created' : 'Rule saved', message: `${r.id}, version ${r.version}` });
        if (isNew) navigate(`/rules/${encodeURIComponent(r.id)}`, { replace: true });
      },
      onError: (e) => notifications.show({ color: 'red', title: 'Could not save the rule', message: readableMessage(e) }),
    });

  const onRestore = (v: RuleVersion) =>
    v.doc && save.mutate({ id: param, yaml: docToYaml(v.doc) }, {
      onSuccess: (r) => notifications.show({ color: 'green', title: 'Version restored', message: `v${v.version} is now v${r.version}` }),
      onError: (e) => notifications.show({ color: 'red', title: 'Could not restore', message: readableMessage(e) }),
    });

  const copy = () => {
    const doc = 'doc' in parsed ? { ...parsed.doc, id: `${String(parsed.doc.id ?? 'rule')}-copy`.slice(0, 100) } : null;
    navigate('/rules/new', { state: { yaml: doc ? docToYaml(doc) : draft } });
  };

  const doc = 'doc' in parsed ? parsed.doc : null;
  const editorPane = (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <SegmentedControl value={view} onChange={(v) => setView(v as 'yaml' | 'form')} data={[{ value: 'yaml', label: 'YAML' }, { value: 'form', label: 'Form' }]} aria-label="Editor view" />
        {!readOnly && (
          <Group gap="xs">
            {!isNew && !rule.data?.builtin && (
              <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => setConfirmDelete(true)}>Delete</Button>
            )}
            <Button leftSection={<IconDeviceFloppy size={16} />} loading={save.isPending} disabled={!dirty} onClick={onSave} data-testid="save-rule">
              {isNew ? 'Create rule' : 'Save'}
            </Button>
          </Group>
        )}
        {rule.data?.builtin && user.role !== 'viewer' && (
          <Button variant="default" leftSection={<IconCopy size={16} />} onClick={copy}>Copy as a new rule</Button>
        )}
      </Group>
      {rule.data?.builtin && <Alert variant="light" p="xs"><Text size="sm">A built-in rule: switch it on or off in the list, or copy it under a new id to change it.</Text></Alert>}
      {view === 'yaml' ? (
        <Suspense fallback={<Skeleton h={320} />}>
          <YamlEditor value={draft} onChange={setText} problems={validation.problems} readOnly={readOnly} editorRef={editor} />
        </Suspense>
      ) : doc ? (
        <Paper withBorder p="md" radius="md">
          <RuleForm doc={doc} onChange={(d) => setText(docToYaml(d))} problems={validation.problems} readOnly={readOnly} />
          <Text size="xs" c="dimmed" mt="sm">The form rewrites the YAML in a standard layout (comments are dropped).</Text>
        </Paper>
      ) : (
        <Alert color="red" variant="light" title="The YAML does not parse">{'error' in parsed ? parsed.error : ''} — fix it in the YAML view to use the form.</Alert>
      )}
      {validation.error ? <ErrorAlert error={validation.error} title="Could not check the rule" /> : null}
      <ProblemList problems={validation.problems} checked={validation.checked} onJump={(p) => { setView('yaml'); setTimeout(() => editor.current?.jumpTo(p.line ?? 1, p.column ?? 1), 50); }} />
    </Stack>
  );

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/rules" size="sm"><Group gap={4}><IconArrowLeft size={14} /> Rules</Group></Anchor>
      <Group gap="xs" wrap="wrap">
        <Title order={1} size="h3" style={{ overflowWrap: 'anywhere' }}>{isNew ? 'New rule' : (rule.data?.doc.title ?? param)}</Title>
        {rule.data && (
          <>
            <SeverityBadge value={rule.data.doc.severity} />
            <Badge variant="light" radius="sm">{ruleKind(rule.data.doc)}</Badge>
            <Badge variant={rule.data.enabled ? 'filled' : 'default'} color={rule.data.enabled ? 'green' : 'gray'} radius="sm">{rule.data.enabled ? 'enabled' : 'disabled'}</Badge>
            <Text size="xs" c="dimmed">v{rule.data.version} by {rule.data.updatedBy}</Text>
          </>
        )}
      </Group>
      <Tabs defaultValue="editor" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="editor">Editor</Tabs.Tab>
          {user.role !== 'viewer' && <Tabs.Tab value="test">Test and backtest</Tabs.Tab>}
          {!isNew && <Tabs.Tab value="history">History</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="editor">{editorPane}</Tabs.Panel>
        {user.role !== 'viewer' && <Tabs.Panel value="test"><RuleLab yaml={draft} /></Tabs.Panel>}
        {!isNew && (
          <Tabs.Panel value="history">
            {versions.error ? <ErrorAlert error={versions.error} /> : versions.data ? (
              <RuleHistory versions={versions.data.versions} current={rule.data?.version ?? 0} canRestore={!readOnly} restoring={save.isPending} onRestore={onRestore} />
            ) : <Skeleton h={120} />}
          </Tabs.Panel>
        )}
      </Tabs>
      <Modal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title="Delete rule" centered>
        <Stack>
          <Text size="sm">Delete <b>{param}</b>? Its versions stay in the history; its alerts stay too.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmDelete(false)}>Cancel</Button>
            <Button color="red" loading={del.isPending} onClick={() => del.mutate(param, { onSuccess: () => navigate('/rules'), onError: (e) => notifications.show({ color: 'red', title: 'Could not delete', message: readableMessage(e) }) })}>Delete rule</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
