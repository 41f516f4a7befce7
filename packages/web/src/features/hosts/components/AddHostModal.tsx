/**
 * "Add host": mint an enrollment token (lifetime, uses, tags) and show the one-liner that installs
 * and enrolls the agent; the token is shown only here.
 */
import { useState } from 'react';
import { Alert, Button, Code, CopyButton, Group, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import type { CreatedEnrollmentToken } from '@vigil/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useCreateToken } from '../api/hosts.ts';

const TTLS = [
  { value: '1h', label: '1 hour' },
  { value: '24h', label: '1 day' },
  { value: '7d', label: '7 days' },
];

/** The Add host dialog. */
export function AddHostModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateToken();
  const [ttl, setTtl] = useState('1h');
  const [uses, setUses] = useState<number>(1);
  const [tags, setTags] = useState('');
  const [made, setMade] = useState<CreatedEnrollmentToken | null>(null);
  const submit = () =>
    create.mutate(
      { ttl, uses, tags: tags.split(',').map((t) => t.trim()).filter(Boolean) },
      { onSuccess: (t) => setMade(t) },
    );
  return (
    <Modal opened={opened} onClose={onClose} title="Add a host" size="lg">
      {made ? (
        <Stack gap="sm" data-testid="install-command">
          <Text size="sm">Run this on the host as root. It checks the agent’s SHA-256 and signature, creates the <Code>vigil-agent</Code> user and a systemd unit, and enrolls the host. It needs Node.js 20 or newer.</Text>
          <Code block>{made.installCommand}</Code>
          <Group justify="space-between">
            <Text size="xs" c="dimmed">Works for {made.maxUses} host{made.maxUses > 1 ? 's' : ''} until {new Date(made.expiresAt).toLocaleString()}. The token is shown only now.</Text>
            <CopyButton value={made.installCommand}>{({ copied, copy }) => <Button size="xs" onClick={copy} data-testid="copy-install">{copied ? 'Copied' : 'Copy'}</Button>}</CopyButton>
          </Group>
          <Alert color="blue" variant="light">The host appears in the list within a minute of the install.</Alert>
        </Stack>
      ) : (
        <Stack gap="sm">
          <Select label="Token valid for" data={TTLS} value={ttl} onChange={(v) => setTtl(v ?? '1h')} allowDeselect={false} data-testid="token-ttl" />
          <NumberInput label="Hosts that may enroll with it" min={1} max={100000} value={uses} onChange={(v) => setUses(Number(v) || 1)} data-testid="token-uses" />
          <TextInput label="Tags" description="Comma-separated; every host enrolled with this token gets them" value={tags} onChange={(e) => setTags(e.currentTarget.value)} data-testid="token-tags" />
          {create.error && <ErrorAlert error={create.error} />}
          <Group justify="flex-end">
            <Button onClick={submit} loading={create.isPending} data-testid="create-token">Create install command</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
