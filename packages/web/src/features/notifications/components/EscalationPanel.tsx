/**
 * Escalation policies: each with its steps (wait, then who is notified) and repeats; admins add,
 * change and delete them (a policy a route uses cannot be deleted: the server names the route).
 */
import { Badge, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { EscalationPolicy, EscalationPolicyBody } from '@vigil/contracts';
import { useCreateEscalationPolicy, useDeleteEscalationPolicy, useEscalationPolicies, useUpdateEscalationPolicy } from '../api/escalation-policies.ts';
import { useChannelOptions, type Option } from '../lib/channel-options.ts';
import { durationMinutes } from '../lib/duration.ts';
import { ConfigList } from './ConfigList.tsx';
import { EscalationPolicyForm } from './EscalationPolicyForm.tsx';

function waitText(wait: string): string {
  const m = durationMinutes(wait);
  return m === null ? wait : `${m} min`;
}

/** The form wired to create (no policy) or replace (a policy). */
function PolicyEditor({ policy, channels, close }: { policy?: EscalationPolicy; channels: Option[]; close: () => void }) {
  const create = useCreateEscalationPolicy();
  const update = useUpdateEscalationPolicy();
  const save = policy ? update : create;
  const done = { onSuccess: (p: EscalationPolicy) => { close(); notifications.show({ color: 'green', title: 'Escalation policy saved', message: p.name }); } };
  return (
    <EscalationPolicyForm
      policy={policy} channels={channels} saving={save.isPending} error={save.error} onCancel={close}
      onSubmit={(body: EscalationPolicyBody) => (policy ? update.mutate({ id: policy.id, body }, done) : create.mutate(body, done))}
    />
  );
}

export function EscalationPanel({ admin }: { admin: boolean }) {
  const list = useEscalationPolicies();
  const policies = list.data?.escalationPolicies ?? [];
  const { options, nameOf } = useChannelOptions(policies.flatMap((p) => p.steps.flatMap((s) => s.receivers)));
  const remove = useDeleteEscalationPolicy();

  return (
    <ConfigList
      noun="escalation policy" addLabel="Add policy" empty="No escalation policies yet." testId="policy-list" admin={admin} list={list} items={policies} remove={remove}
      intro="Page more people while nobody acknowledges: a route names a policy, and its steps are climbed until the alert is acknowledged or resolved."
      form={(p, close) => <PolicyEditor policy={p} channels={options} close={close} />}
      render={(p) => (
        <>
          <Group gap={6}>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>{p.name}</Text>
            <Badge size="sm" variant="light" radius="sm">{p.repeat ? `repeats ${p.repeat}×` : 'once'}</Badge>
          </Group>
          <Stack component="ol" gap={2} m={0} pl="md">
            {p.steps.map((s, i) => (
              <Text component="li" key={i} size="sm" style={{ overflowWrap: 'anywhere' }}>after {waitText(s.wait)}: {s.receivers.map(nameOf).join(', ')}</Text>
            ))}
          </Stack>
        </>
      )}
    />
  );
}
