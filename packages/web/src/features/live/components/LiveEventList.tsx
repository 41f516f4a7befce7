/**
 * The live feed's rows: newest first, a severity-coloured edge, new rows briefly highlighted. Alerts
 * (stored as events with `event.kind: alert`) are interleaved, marked with a bell and what happened.
 */
import { memo } from 'react';
import { Badge, Box, Group, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import type { VigilEvent } from '@vigil/contracts';
import { SeverityBadge, severityColor } from '../../../components/severity.tsx';
import { formatTimestamp } from '../../../lib/time.ts';

export interface LiveEventListProps {
  events: VigilEvent[];
  freshIds: ReadonlySet<string>;
  onOpen: (event: VigilEvent) => void;
}

export function LiveEventList({ events, freshIds, onOpen }: LiveEventListProps) {
  return (
    <Paper withBorder radius="md">
      <ScrollArea.Autosize mah="calc(100vh - 240px)" type="auto">
        <Stack gap={0} role="list" aria-label="Live events" data-testid="live-events">
          {events.map((ev) => (
            <LiveRow key={ev.id} event={ev} fresh={freshIds.has(ev.id)} onOpen={onOpen} />
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Paper>
  );
}

const LiveRow = memo(function LiveRow({ event, fresh, onOpen }: { event: VigilEvent; fresh: boolean; onOpen: (e: VigilEvent) => void }) {
  const sev = event['vigil.severity'];
  const str = (k: string) => (typeof event[k] === 'string' || typeof event[k] === 'number' ? String(event[k]) : '');
  const alert = isAlertEvent(event);
  return (
    <Box
      role="listitem"
      tabIndex={0}
      className={`vigil-row${fresh ? ' vigil-live-enter' : ''}`}
      data-testid={alert ? 'live-alert' : 'live-event'}
      data-event-id={event.id}
      data-alert-id={alert ? str('vigil.alert.id') : undefined}
      onClick={() => onOpen(event)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onOpen(event);
      }}
      px="sm"
      py={6}
      style={{
        borderLeft: `4px solid var(--mantine-color-${severityColor(sev)}-filled)`,
        borderBottom: '1px solid var(--mantine-color-default-border)',
      }}
    >
      <Group gap="sm" wrap="nowrap" align="baseline">
        <Text className="vigil-mono" c="dimmed" style={{ whiteSpace: 'nowrap' }} visibleFrom="sm">
          {formatTimestamp(event['@timestamp']).slice(11)}
        </Text>
        <SeverityBadge value={sev} />
        {alert && (
          <Badge color="red" variant="outline" size="sm" radius="sm" leftSection={<IconBell size={11} />} style={{ flexShrink: 0 }}>
            {alertActionLabel(str('event.action'))}
          </Badge>
        )}
        <Text size="xs" fw={600} c="dimmed" w={120} truncate visibleFrom="md" title={str('event.dataset')}>
          {str('event.dataset')}
        </Text>
        <Text size="xs" w={110} truncate visibleFrom="md" title={str('host.name')}>
          {str('host.name')}
        </Text>
        <Text size="sm" fw={alert ? 600 : undefined} style={{ flex: 1, minWidth: 0 }} truncate="end" title={event.message}>
          {event.message}
        </Text>
      </Group>
    </Box>
  );
});

/** True for an alert written to the event stream (`event.kind: alert`). */
export function isAlertEvent(event: VigilEvent): boolean {
  return event['event.kind'] === 'alert' && typeof event['vigil.alert.id'] === 'string';
}

/** "alert-acknowledged" -> "Alert acknowledged". */
function alertActionLabel(action: string): string {
  const what = action.replace(/^alert-/, '');
  return what ? `Alert ${what}` : 'Alert';
}
