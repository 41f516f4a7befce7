/**
 * The host's current snapshot by section: listening ports, outbound connections, users, sudoers, SSH
 * keys, risky sshd settings, watched files, packages and recent logins.
 */
import { Badge, Code, Table, Tabs, Text } from '@mantine/core';
import type { HostDetail } from '@vigil/contracts';

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const rows = (v: unknown): Row[] => (Array.isArray(v) ? (v as Row[]) : []);

function Simple({ data, cols, empty }: { data: Row[]; cols: [string, string][]; empty: string }) {
  if (!data.length) return <Text size="sm" c="dimmed">{empty}</Text>;
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table verticalSpacing={4} fz="sm">
        <Table.Thead><Table.Tr>{cols.map(([, label]) => <Table.Th key={label}>{label}</Table.Th>)}</Table.Tr></Table.Thead>
        <Table.Tbody>{data.slice(0, 500).map((r, i) => <Table.Tr key={i}>{cols.map(([k]) => <Table.Td key={k}>{str(r[k])}</Table.Td>)}</Table.Tr>)}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Tabs over the snapshot sections. */
export function SnapshotView({ snapshot }: { snapshot: HostDetail['snapshot'] }) {
  const data = (k: string) => snapshot[k]?.data;
  const sudo = (data('sudoers') ?? { admins: [], rules: [] }) as { admins: string[]; rules: Row[] };
  const sshd = (data('sshd') ?? { risky: [] }) as { risky: Row[] };
  const fim = Object.entries((data('fim') ?? {}) as Record<string, Row>).map(([path, f]) => ({ path, ...f }));
  const pkgs = (data('packages') ?? { manager: 'none', packages: [] }) as { manager: string; packages: Row[] };
  const logins = (data('logins') ?? { recent: [], failed: [] }) as { recent: Row[]; failed: Row[] };
  if (!Object.keys(snapshot).length) return <Text size="sm" c="dimmed">No snapshot yet (the agent sends one within a minute of starting).</Text>;
  return (
    <Tabs defaultValue="ports" data-testid="snapshot">
      <Tabs.List>
        <Tabs.Tab value="ports">Ports ({rows(data('ports')).length})</Tabs.Tab>
        <Tabs.Tab value="outbound">Outbound ({rows(data('outbound')).length})</Tabs.Tab>
        <Tabs.Tab value="users">Users ({rows(data('users')).length})</Tabs.Tab>
        <Tabs.Tab value="sudo">Sudo ({sudo.admins.length})</Tabs.Tab>
        <Tabs.Tab value="keys">SSH keys ({rows(data('ssh_keys')).length})</Tabs.Tab>
        <Tabs.Tab value="sshd">sshd {sshd.risky.length ? <Badge size="xs" color="orange" ml={4}>{sshd.risky.length}</Badge> : null}</Tabs.Tab>
        <Tabs.Tab value="files">Files ({fim.length})</Tabs.Tab>
        <Tabs.Tab value="packages">Packages ({pkgs.packages.length})</Tabs.Tab>
        <Tabs.Tab value="logins">Logins</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="ports" pt="xs"><Simple data={rows(data('ports'))} cols={[['transport', 'Proto'], ['ip', 'Address'], ['port', 'Port'], ['process', 'Process'], ['pid', 'PID'], ['exe', 'Executable']]} empty="Nothing listens." /></Tabs.Panel>
      <Tabs.Panel value="outbound" pt="xs"><Simple data={rows(data('outbound'))} cols={[['process', 'Process'], ['remoteIp', 'Remote address'], ['remotePort', 'Port'], ['pid', 'PID']]} empty="No established outbound connections." /></Tabs.Panel>
      <Tabs.Panel value="users" pt="xs"><Simple data={rows(data('users'))} cols={[['name', 'User'], ['uid', 'UID'], ['home', 'Home'], ['shell', 'Shell']]} empty="No users read." /></Tabs.Panel>
      <Tabs.Panel value="sudo" pt="xs">
        <Text size="sm" mb="xs">Can use sudo: {sudo.admins.map((a) => <Badge key={a} mr={4} variant="outline">{a}</Badge>)}</Text>
        <Simple data={sudo.rules} cols={[['file', 'File'], ['rule', 'Rule']]} empty="No sudoers rules read." />
      </Tabs.Panel>
      <Tabs.Panel value="keys" pt="xs"><Simple data={rows(data('ssh_keys'))} cols={[['user', 'User'], ['type', 'Type'], ['fingerprint', 'Fingerprint'], ['comment', 'Comment'], ['options', 'Options']]} empty="No authorized keys." /></Tabs.Panel>
      <Tabs.Panel value="sshd" pt="xs"><Simple data={sshd.risky} cols={[['setting', 'Setting'], ['value', 'Value'], ['reason', 'Why it is risky']]} empty="No risky sshd settings." /></Tabs.Panel>
      <Tabs.Panel value="files" pt="xs"><Simple data={fim} cols={[['path', 'File'], ['mode', 'Mode'], ['owner', 'Owner'], ['size', 'Size'], ['mtime', 'Modified'], ['sha256', 'SHA-256']]} empty="No watched files." /></Tabs.Panel>
      <Tabs.Panel value="packages" pt="xs">
        <Text size="xs" c="dimmed" mb="xs">Package manager: <Code>{pkgs.manager}</Code></Text>
        <Simple data={pkgs.packages} cols={[['name', 'Package'], ['version', 'Version'], ['arch', 'Arch']]} empty="No packages read." />
      </Tabs.Panel>
      <Tabs.Panel value="logins" pt="xs">
        <Simple data={logins.recent} cols={[['user', 'User'], ['tty', 'TTY'], ['host', 'From'], ['at', 'At (epoch ms)']]} empty="No recent logins." />
        <Text fw={600} size="sm" mt="sm">Failed</Text>
        <Simple data={logins.failed} cols={[['user', 'User'], ['host', 'From'], ['at', 'At (epoch ms)']]} empty="No failed logins (or btmp is not readable)." />
      </Tabs.Panel>
    </Tabs>
  );
}
