/**
 * "Send test": one sample alert to the channel now; the answer (delivered, or why not and whether a
 * retry could help) shows as a toast and lands in the delivery log.
 */
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import type { ChannelTestResult } from '@vigil/contracts';
import { readableMessage } from '../../../api/api-error.ts';
import { useTestChannel } from '../api/channels.ts';

/** A sentence for a test result. */
export function testResultText(r: ChannelTestResult): string {
  if (r.ok) return `Delivered${r.statusCode ? ` (HTTP ${r.statusCode})` : ''} in ${Math.round(r.latencyMs)} ms.`;
  return `${r.reason ?? 'Not delivered'}${r.statusCode ? ` (HTTP ${r.statusCode})` : ''}${r.retry ? ' — a retry could succeed.' : ''}`;
}

export function TestSendButton({ channelId, name, size = 'sm' }: { channelId: string; name: string; size?: 'xs' | 'sm' }) {
  const test = useTestChannel();
  return (
    <Button
      size={size}
      variant="default"
      leftSection={<IconSend size={14} />}
      loading={test.isPending}
      aria-label={`Send a test to ${name}`}
      onClick={(e) => {
        e.stopPropagation();
        test.mutate(channelId, {
          onSuccess: (r) => notifications.show({ color: r.ok ? 'green' : 'red', title: r.ok ? `Test sent to ${name}` : `Test to ${name} failed`, message: <span data-testid="test-result" data-ok={r.ok}>{testResultText(r)}</span> }),
          onError: (err) => notifications.show({ color: 'red', title: 'Could not send the test', message: readableMessage(err) }),
        });
      }}
    >
      Send test
    </Button>
  );
}
