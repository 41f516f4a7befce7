/**
 * Downloads the matching events as CSV (the table's columns) or NDJSON (whole events), streamed by the server.
 */
import { Button, Menu } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { apiUrl } from '../../../api/api.ts';
import type { TimeRange } from '../../../lib/time.ts';

export function ExportMenu({ q, range, columns }: { q: string; range: TimeRange; columns: string[] }) {
  const href = (format: 'csv' | 'ndjson') =>
    apiUrl('/events/export', { q, from: range.from, to: range.to, format, fields: format === 'csv' ? ['@timestamp', 'id', ...columns].join(',') : undefined });
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" size="xs" leftSection={<IconDownload size={14} />}>
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Matching events</Menu.Label>
        <Menu.Item component="a" href={href('csv')} download="vigil-events.csv">
          CSV
        </Menu.Item>
        <Menu.Item component="a" href={href('ndjson')} download="vigil-events.ndjson">
          NDJSON
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
