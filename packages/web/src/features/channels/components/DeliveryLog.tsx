/**
 * A channel's delivery log: one row per alert sent (or test), why it was sent, its status, how many
 * attempts and the last error; a row opens every attempt with its time, HTTP status, latency and error.
 * A failed delivery is a dead letter: admins resend it.
 */
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import { ActionIcon, Anchor, Badge, Button, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconChevronRight, IconRefresh } from '@tabler/icons-react';
import { readableMessage } from '../../../api/api-error.ts';
import { useResendDelivery } from '../api/channels.ts';
import type { Delivery } from '@vigil/contracts';
import { formatAgo, formatTimestamp } from '../../../lib/time.ts';

const STATUS_COLORS: Record<Delivery['status'], string> = { pending: 'yellow', delivered: 'green', failed: 'red' };

/** True for the sample alert of a test send (its id is not a stored alert's). */
function isTest(d: Delivery): boolean {
  return d.kind === 'test' || d.alertId.startsWith('test-');
}

export function DeliveryLog({ deliveries, canResend = false }: { deliveries: Delivery[]; canResend?: boolean }) {
  const [open, setOpen] = useState<string | null>(null);
  const resend = useResendDelivery();
  if (!deliveries.length) return <Text size="sm" c="dimmed">Nothing sent yet. Use “Send test” to try the channel.</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing={4} fz="sm" data-testid="delivery-log">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={30} />
            <Table.Th w={100}>Status</Table.Th>
            <Table.Th>Alert</Table.Th>
            <Table.Th w={80} ta="right">Attempts</Table.Th>
            <Table.Th>Last error</Table.Th>
            <Table.Th w={130}>Updated</Table.Th>
            <Table.Th w={90} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deliveries.map((d) => (
            <Fragment key={d.id}>
              <Table.Tr data-testid="delivery" data-status={d.status} className="vigil-row" onClick={() => setOpen(open === d.id ? null : d.id)}>
                <Table.Td>
                  <ActionIcon size="sm" variant="subtle" color="gray" aria-label={open === d.id ? 'Hide attempts' : 'Show attempts'} aria-expanded={open === d.id}>
                    {open === d.id ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                  </ActionIcon>
                </Table.Td>
                <Table.Td><Badge size="sm" radius="sm" variant="light" color={STATUS_COLORS[d.status]}>{d.status}</Badge></Table.Td>
                <Table.Td>
                  {isTest(d) ? <Text size="sm" c="dimmed">test send</Text> : d.kind === 'report' ? <Text size="sm" c="dimmed">digest report</Text> : <Anchor component={Link} to={`/alerts/${encodeURIComponent(d.alertId)}`} size="sm" ff="monospace" onClick={(e) => e.stopPropagation()}>{d.alertId}</Anchor>}
                  {d.kind && d.kind !== 'test' && d.kind !== 'report' && <Text size="xs" c="dimmed">{d.kind}</Text>}
                </Table.Td>
                <Table.Td ta="right" className="vigil-mono">{d.attempts}</Table.Td>
                <Table.Td><Text size="sm" c={d.lastError ? 'red' : 'dimmed'} truncate="end" maw={320} title={d.lastError ?? undefined}>{d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : '—')}</Text></Table.Td>
                <Table.Td title={formatTimestamp(d.updatedAt)}>{formatAgo(d.updatedAt)}</Table.Td>
                <Table.Td onClick={(e) => e.stopPropagation()}>
                  {canResend && d.status === 'failed' && !isTest(d) && (
                    <Button size="compact-xs" variant="default" leftSection={<IconRefresh size={12} />} loading={resend.isPending && resend.variables?.deliveryId === d.id} data-testid="resend"
                      onClick={() => resend.mutate({ channelId: d.channelId, deliveryId: d.id }, { onSuccess: () => notifications.show({ color: 'green', title: 'Queued again', message: 'The delivery gets a new round of attempts.' }), onError: (err) => notifications.show({ color: 'red', title: 'Could not resend', message: readableMessage(err) }) })}>
                      Resend
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
              {open === d.id && (
                <Table.Tr>
                  <Table.Td />
                  <Table.Td colSpan={6}>
                    <Table fz="xs" verticalSpacing={2} data-testid="delivery-attempts">
                      <Table.Thead>
                        <Table.Tr><Table.Th>#</Table.Th><Table.Th>At</Table.Th><Table.Th>Result</Table.Th><Table.Th>HTTP</Table.Th><Table.Th>Latency</Table.Th><Table.Th>Error</Table.Th></Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {d.attemptLog.map((a) => (
                          <Table.Tr key={a.attempt} data-testid="delivery-attempt">
                            <Table.Td>{a.attempt}</Table.Td>
                            <Table.Td className="vigil-mono">{formatTimestamp(a.at)}</Table.Td>
                            <Table.Td><Badge size="xs" radius="sm" variant="light" color={a.ok ? 'green' : 'red'}>{a.ok ? 'ok' : 'failed'}</Badge></Table.Td>
                            <Table.Td>{a.statusCode ?? '—'}</Table.Td>
                            <Table.Td>{Math.round(a.latencyMs)} ms</Table.Td>
                            <Table.Td style={{ overflowWrap: 'anywhere' }}>{a.error ?? ''}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
