/**
 * Add or edit a device: address, SNMP version and credentials (community or v3 user), profile,
 * interval and tags, with a "Test credentials" button that walks the device and suggests a profile.
 * Stored credentials are never shown; on edit, empty credential fields keep them.
 */
import { useState } from 'react';
import { Alert, Button, Group, Modal, NumberInput, PasswordInput, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlugConnected } from '@tabler/icons-react';
import type { DeviceBody, DeviceSummary, Discovery } from '@vigil/contracts';
import { SNMP_AUTH_PROTOCOLS, SNMP_PRIV_PROTOCOLS } from '@vigil/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useProfiles, useSaveDevice, useTestCredentials, useUpdateDevice } from '../api/devices.ts';

type Version = '1' | '2c' | '3';
type Level = 'noAuthNoPriv' | 'authNoPriv' | 'authPriv';

/** The add/edit device dialog. */
export function DeviceForm({ opened, onClose, device }: { opened: boolean; onClose: () => void; device?: DeviceSummary }) {
  const profiles = useProfiles();
  const create = useSaveDevice();
  const update = useUpdateDevice();
  const test = useTestCredentials();
  const [name, setName] = useState(device?.name ?? '');
  const [address, setAddress] = useState(device?.address ?? '');
  const [port, setPort] = useState<number>(device?.port ?? 161);
  const [version, setVersion] = useState<Version>(device?.version ?? '2c');
  const [community, setCommunity] = useState('');
  const existingUser = (device?.credentialInfo as { user?: { name?: string; level?: Level; authProtocol?: string; privProtocol?: string } } | undefined)?.user;
  const [userName, setUserName] = useState(existingUser?.name ?? '');
  const [level, setLevel] = useState<Level>(existingUser?.level ?? 'authPriv');
  const [authProtocol, setAuthProtocol] = useState(existingUser?.authProtocol ?? 'sha256');
  const [authKey, setAuthKey] = useState('');
  const [privProtocol, setPrivProtocol] = useState(existingUser?.privProtocol ?? 'aes128');
  const [privKey, setPrivKey] = useState('');
  const [profile, setProfile] = useState(device?.profile ?? 'interfaces');
  const [interval, setIntervalS] = useState<number>(device?.intervalS ?? 60);
  const [tags, setTags] = useState<string[]>(device?.tags ?? []);
  const [result, setResult] = useState<Discovery | null>(null);

  const credentials = (): Pick<DeviceBody, 'community' | 'user'> => {
    if (version !== '3') return community ? { community } : {};
    if (!userName || (level !== 'noAuthNoPriv' && !authKey && device)) return {};
    return { user: { name: userName, level, ...(level !== 'noAuthNoPriv' ? { authProtocol: authProtocol as never, authKey } : {}), ...(level === 'authPriv' ? { privProtocol: privProtocol as never, privKey } : {}) } };
  };
  const body = (): DeviceBody => ({ name, address, port, version, ...credentials(), profile, interval, tags });

  const runTest = async () => {
    setResult(null);
    const creds = credentials();
    const r = await test.mutateAsync({ address, port, version, timeout: 3, ...creds, ...(device && !creds.community && !creds.user ? { deviceId: device.id } : {}) }).catch(() => null);
    if (r) {
      setResult(r);
      if (r.ok && r.suggestedProfile && !device) setProfile(r.suggestedProfile);
    }
  };

  const save = async () => {
    const saved = await (device ? update.mutateAsync({ id: device.id, body: body() }) : create.mutateAsync({ body: body() })).catch(() => null);
    if (saved) {
      notifications.show({ color: 'green', message: `${saved.name} ${device ? 'saved' : 'added'}; the first poll follows within seconds.` });
      onClose();
    }
  };
  const error = create.error ?? update.error ?? test.error;

  return (
    <Modal opened={opened} onClose={onClose} title={device ? `Edit ${device.name}` : 'Add device'} size="lg">
      <Stack gap="sm">
        <Group grow>
          <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="device-name" />
          <TextInput label="Address" description="IP address or host name" required value={address} onChange={(e) => setAddress(e.currentTarget.value)} data-testid="device-address" />
          <NumberInput label="Port" min={1} max={65535} value={port} onChange={(v) => setPort(Number(v) || 161)} />
        </Group>
        <Select label="SNMP version" data={[{ value: '2c', label: 'v2c' }, { value: '3', label: 'v3' }, { value: '1', label: 'v1' }]} value={version} onChange={(v) => setVersion((v as Version) ?? '2c')} allowDeselect={false} data-testid="device-version" />
        {version !== '3' ? (
          <PasswordInput label="Community" description={device ? 'Leave empty to keep the stored community' : undefined} value={community} onChange={(e) => setCommunity(e.currentTarget.value)} data-testid="device-community" />
        ) : (
          <Stack gap="xs">
            <Group grow>
              <TextInput label="User" value={userName} onChange={(e) => setUserName(e.currentTarget.value)} data-testid="device-user" />
              <Select label="Security level" data={['authPriv', 'authNoPriv', 'noAuthNoPriv']} value={level} onChange={(v) => setLevel((v as Level) ?? 'authPriv')} allowDeselect={false} />
            </Group>
            {level !== 'noAuthNoPriv' && (
              <Group grow>
                <Select label="Auth protocol" data={[...SNMP_AUTH_PROTOCOLS]} value={authProtocol} onChange={(v) => setAuthProtocol(v ?? 'sha256')} allowDeselect={false} />
                <PasswordInput label="Auth passphrase" description={device ? 'Empty keeps the stored keys' : undefined} value={authKey} onChange={(e) => setAuthKey(e.currentTarget.value)} data-testid="device-auth-key" />
              </Group>
            )}
            {level === 'authPriv' && (
              <Group grow>
                <Select label="Privacy protocol" data={[...SNMP_PRIV_PROTOCOLS]} value={privProtocol} onChange={(v) => setPrivProtocol(v ?? 'aes128')} allowDeselect={false} />
                <PasswordInput label="Privacy passphrase" value={privKey} onChange={(e) => setPrivKey(e.currentTarget.value)} data-testid="device-priv-key" />
              </Group>
            )}
          </Stack>
        )}
        <Group grow>
          <Select label="Profile" data={profiles.map((p) => ({ value: p.name, label: p.name }))} value={profile} onChange={(v) => setProfile(v ?? 'interfaces')} allowDeselect={false} description={profiles.find((p) => p.name === profile)?.description} data-testid="device-profile" />
          <NumberInput label="Interval (s)" min={10} max={86400} value={interval} onChange={(v) => setIntervalS(Number(v) || 60)} />
        </Group>
        <TagsInput label="Tags" value={tags} onChange={setTags} />
        {result && (result.ok ? (
          <Alert color="green" title="The device answered" data-testid="test-result">
            <Text size="sm">{result.system?.name ?? 'unnamed'} — {result.system?.descr ?? ''}</Text>
            <Text size="sm">{result.interfaces?.length ?? 0} interfaces · suggested profile <b>{result.suggestedProfile}</b> · {result.latencyMs} ms</Text>
          </Alert>
        ) : (
          <Alert color="red" title="No answer" data-testid="test-result">{result.error}</Alert>
        ))}
        {error && <ErrorAlert error={error} />}
        <Group justify="space-between">
          <Button variant="default" leftSection={<IconPlugConnected size={16} />} onClick={() => void runTest()} loading={test.isPending} disabled={!address} data-testid="test-credentials">
            Test credentials
          </Button>
          <Group>
            <Button variant="subtle" onClick={onClose}>Cancel</Button>
            <Button onClick={() => void save()} loading={create.isPending || update.isPending} disabled={!name || !address} data-testid="save-device">
              {device ? 'Save' : 'Add device'}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
