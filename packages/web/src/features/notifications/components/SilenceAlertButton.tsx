/**
 * "Silence": opens the silence form pre-filled with an alert's rule and labels.
 */
import { Link } from 'react-router';
import { Button } from '@mantine/core';
import { IconBellOff } from '@tabler/icons-react';
import type { Alert } from '@vigil/contracts';
import { useCurrentUser } from '../../auth/index.ts';
import { silenceFromAlertUrl } from '../lib/silence-query.ts';

export function SilenceAlertButton({ alert }: { alert: Pick<Alert, 'id' | 'ruleId' | 'group' | 'title'> }) {
  const user = useCurrentUser();
  if (user.role === 'viewer') return null;
  return (
    <Button component={Link} to={silenceFromAlertUrl(alert)} variant="default" leftSection={<IconBellOff size={16} />} data-testid="silence-alert">
      Silence…
    </Button>
  );
}
