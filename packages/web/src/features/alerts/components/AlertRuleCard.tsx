/**
 * The rule behind an alert: its title, kind and description, and — for imported rules — where it came
 * from. Sigma rules are shown with their author, licence and references, as the Detection Rule
 * License (DRL 1.1) asks of anything that shows a match.
 */
import { Link } from 'react-router';
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import type { Alert, Rule } from '@vigil/contracts';
import { ruleKind } from '../../rules/lib/rule-kind.ts';

/** Where the Sigma project's rule licence is published. */
export const DRL_URL = 'https://github.com/SigmaHQ/Detection-Rule-License';

export function AlertRuleCard({ alert, rule }: { alert: Alert; rule: Rule | undefined }) {
  const source = alert.source ?? rule?.doc.source ?? null;
  const sigma = source?.format === 'sigma';
  return (
    <Stack gap={6} data-testid="alert-rule">
      <Group gap={6} wrap="wrap">
        <Anchor component={Link} to={`/rules/${encodeURIComponent(alert.ruleId)}`} fw={600} size="sm">
          {rule?.doc.title ?? alert.ruleId}
        </Anchor>
        {rule && <Badge variant="light" size="sm" radius="sm">{ruleKind(rule.doc)}</Badge>}
        {rule?.builtin && <Badge variant="default" size="sm" radius="sm">built-in</Badge>}
        {sigma && <Badge color="grape" variant="light" size="sm" radius="sm">Sigma</Badge>}
      </Group>
      <Text size="xs" c="dimmed" ff="monospace">{alert.ruleId}</Text>
      {rule?.doc.description && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{rule.doc.description}</Text>}
      {!rule && <Text size="sm" c="dimmed">The rule no longer exists.</Text>}
      {source && (
        <Stack gap={2} data-testid="rule-source">
          {source.author && <Text size="sm"><b>Author:</b> {source.author}</Text>}
          {sigma && (
            <Text size="sm">
              <b>Licence:</b>{' '}
              <Anchor href={DRL_URL} target="_blank" rel="noreferrer noopener" size="sm">{source.license ?? 'DRL-1.1'}</Anchor>
            </Text>
          )}
          {source.id && <Text size="xs" c="dimmed">Sigma id {source.id}</Text>}
          {(source.references ?? []).slice(0, 5).map((r) => (
            <Anchor key={r} href={r} target="_blank" rel="noreferrer noopener" size="xs" style={{ overflowWrap: 'anywhere' }}>{r}</Anchor>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
