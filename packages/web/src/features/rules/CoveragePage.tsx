/**
 * ATT&CK coverage: the Enterprise tactics as columns, under each the techniques that enabled rules
 * detect (with how many rules), each linked to its ATT&CK page; a technique opens the rules that cover it.
 */
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Anchor, Badge, Box, Group, Paper, Popover, ScrollArea, SimpleGrid, Skeleton, Stack, Switch, Text, Title, UnstyledButton } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useRuleList } from './api/rules.ts';
import { TACTICS, attackCoverage, techniqueUrl, type TacticCoverage } from './lib/attack-coverage.ts';

function TechniqueChip({ id, rules }: { id: string; rules: string[] }) {
  return (
    <Popover position="bottom-start" shadow="md" withinPortal>
      <Popover.Target>
        <UnstyledButton data-testid="technique" data-technique={id} px={8} py={4} style={{ borderRadius: 6, background: 'var(--mantine-primary-color-light)', display: 'flex', justifyContent: 'space-between', gap: 8 }}>
          <Text size="sm" ff="monospace" fw={600}>{id}</Text>
          <Text size="xs" c="dimmed">{rules.length}</Text>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown maw={320}>
        <Stack gap={4}>
          <Anchor href={techniqueUrl(id)} target="_blank" rel="noreferrer noopener" size="sm">{id} on attack.mitre.org</Anchor>
          <Text size="xs" c="dimmed">Covered by</Text>
          {rules.map((r) => <Anchor key={r} component={Link} to={`/rules/${encodeURIComponent(r)}`} size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>{r}</Anchor>)}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

function TacticColumn({ t }: { t: TacticCoverage }) {
  const covered = t.rules.length > 0;
  return (
    <Paper withBorder radius="md" p="xs" miw={170} data-testid="tactic" data-tactic={t.tag} data-covered={covered} style={{ borderTop: `3px solid var(--mantine-color-${covered ? 'indigo' : 'gray'}-filled)`, opacity: covered ? 1 : 0.7 }}>
      <Text size="sm" fw={700}>{t.name}</Text>
      <Text size="xs" c="dimmed" mb={6}>{t.id ? `${t.id} · ` : ''}{t.rules.length} {t.rules.length === 1 ? 'rule' : 'rules'}</Text>
      <Stack gap={4}>
        {t.techniques.map((x) => <TechniqueChip key={x.id} id={x.id} rules={x.rules} />)}
        {covered && t.techniques.length === 0 && <Text size="xs" c="dimmed">Tactic tagged, no technique</Text>}
      </Stack>
    </Paper>
  );
}

export function CoveragePage() {
  const list = useRuleList();
  const [withDisabled, setWithDisabled] = useState(false);
  const rules = useMemo(() => (list.data?.rules ?? []).filter((r) => withDisabled || r.enabled), [list.data, withDisabled]);
  const cov = useMemo(() => attackCoverage(rules), [rules]);

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/rules" size="sm"><Group gap={4}><IconArrowLeft size={14} /> Rules</Group></Anchor>
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h2">ATT&CK coverage</Title>
        <Switch label="Include disabled rules" checked={withDisabled} onChange={(e) => setWithDisabled(e.currentTarget.checked)} />
      </Group>
      {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isLoading ? <Skeleton h={300} /> : (
        <>
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <Paper withBorder p="sm" radius="md"><Text size="xs" c="dimmed" tt="uppercase" fw={700}>Tactics covered</Text><Text fz={26} fw={700} data-testid="tactics-covered">{cov.tacticsCovered} / {TACTICS.length}</Text></Paper>
            <Paper withBorder p="sm" radius="md"><Text size="xs" c="dimmed" tt="uppercase" fw={700}>Techniques</Text><Text fz={26} fw={700} data-testid="techniques-covered">{cov.techniques}</Text></Paper>
            <Paper withBorder p="sm" radius="md"><Text size="xs" c="dimmed" tt="uppercase" fw={700}>Rules without ATT&CK tags</Text><Text fz={26} fw={700}>{cov.untagged.length}</Text></Paper>
          </SimpleGrid>
          <ScrollArea type="auto" offsetScrollbars>
            <Group gap="xs" wrap="nowrap" align="stretch" pb="xs">
              {cov.tactics.map((t) => <Box key={t.tag}><TacticColumn t={t} /></Box>)}
            </Group>
          </ScrollArea>
          <Group gap={6}>
            <Badge variant="light" radius="sm">T1110</Badge>
            <Text size="xs" c="dimmed">A technique and how many {withDisabled ? '' : 'enabled '}rules detect it; click it for the rules and its ATT&CK page. Tags come from the rules (attack.&lt;tactic&gt;, attack.t&lt;id&gt;).</Text>
          </Group>
        </>
      )}
    </Stack>
  );
}
