/**
 * Shows a secret once with a copy button and a warning that it will not be shown again.
 */
import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';

export function SecretReveal({ secret, label = 'API key' }: { secret: string; label?: string }) {
  return (
    <Stack gap="xs">
      <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title={`Copy this ${label} now`}>
        It is shown only once. Vigil stores only a hash of it.
      </Alert>
      <Code block data-testid="new-secret" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap', fontSize: 14 }}>
        {secret}
      </Code>
      <Group>
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Button color={copied ? 'teal' : undefined} leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />} onClick={copy}>
              {copied ? 'Copied' : 'Copy to clipboard'}
            </Button>
          )}
        </CopyButton>
        <Text size="xs" c="dimmed">Use it as <Code>Authorization: Bearer …</Code></Text>
      </Group>
    </Stack>
  );
}
