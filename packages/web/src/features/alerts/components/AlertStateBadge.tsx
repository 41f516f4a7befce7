/**
 * An alert's state as a badge (colour and word, never colour alone).
 */
import { Badge } from '@mantine/core';
import type { AlertState } from '@vigil/contracts';
import { STATE_COLORS, STATE_LABELS } from '../lib/alert-format.ts';

export function AlertStateBadge({ state }: { state: AlertState }) {
  return (
    <Badge color={STATE_COLORS[state]} variant={state === 'open' ? 'filled' : 'light'} size="sm" radius="sm" data-testid="alert-state" data-state={state}>
      {STATE_LABELS[state]}
    </Badge>
  );
}
