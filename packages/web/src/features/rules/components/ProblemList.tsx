/**
 * Validation problems under the rule editor: each with where it is (line and column, or the path in
 * the rule) and what is wrong; a click puts the cursor there.
 */
import { Alert, List, Text, UnstyledButton } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import type { RuleValidationProblem } from '@vigil/contracts';

export interface ProblemListProps {
  problems: RuleValidationProblem[];
  /** Null while nothing was checked yet. */
  checked: boolean;
  onJump?: (p: RuleValidationProblem) => void;
}

/** "line 3, column 11 (severity)" or "severity" for a problem without a position. */
export function problemPlace(p: RuleValidationProblem): string {
  const at = p.line ? `line ${p.line}${p.column ? `, column ${p.column}` : ''}` : '';
  return [at, p.path ? (at ? `(${p.path})` : p.path) : ''].filter(Boolean).join(' ') || 'the rule';
}

export function ProblemList({ problems, checked, onJump }: ProblemListProps) {
  if (!checked) return null;
  if (!problems.length) {
    return (
      <Alert color="green" variant="light" icon={<IconCircleCheck size={16} />} p="xs" data-testid="rule-valid">
        <Text size="sm">The rule compiles.</Text>
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={16} />} p="xs" title={`${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}`} data-testid="rule-problems" role="alert">
      <List size="sm" spacing={2}>
        {problems.map((p, i) => (
          <List.Item key={i} data-testid="rule-problem">
            <UnstyledButton onClick={() => onJump?.(p)} fz="sm" style={{ textAlign: 'left' }}>
              <Text span fw={600} size="sm">{problemPlace(p)}:</Text> {p.message}
            </UnstyledButton>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
