import { describe, expect, it } from 'vitest';
import { parse } from './helpers.ts';

describe('application and HPC logs', () => {
  it('reads HDFS daemon logs', () => {
    expect(parse('240514 081527 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_3886 terminating')).toMatchObject({ 'event.dataset': 'hadoop.hdfs', 'process.pid': 148, 'log.level': 'INFO', 'log.logger': 'dfs.DataNode$PacketResponder', message: 'PacketResponder 1 for block blk_3886 terminating', '@timestamp': '2024-05-14T08:15:27.000Z' });
    expect(parse('2024-05-14 08:15:27,412 WARN org.apache.hadoop.hdfs.server.datanode.DataNode: Slow BlockReceiver')).toMatchObject({ 'log.level': 'WARN', 'vigil.severity': 'medium', '@timestamp': '2024-05-14T08:15:27.412Z' });
  });

  it('reads Windows CBS logs', () => {
    expect(parse('2024-05-14 08:15:27, Info                  CBS    Loaded Servicing Stack v6.1.7601.23505')).toMatchObject({ 'event.dataset': 'windows.cbs', 'log.level': 'Info', 'log.logger': 'CBS', message: 'Loaded Servicing Stack v6.1.7601.23505' });
  });

  it('reads HPC RAS lines: epoch time, node host, location, tag', () => {
    const f = parse('- 1715674527 2024.05.14 dn228 May 14 01:15:27 dn228/dn228 crond(pam_unix)[2915]: session closed for user root');
    expect(f).toMatchObject({ '@timestamp': '2024-05-14T08:15:27.000Z', 'host.name': 'dn228', 'hpc.location': 'dn228/dn228', 'process.name': 'crond(pam_unix)', 'process.pid': 2915, message: 'session closed for user root', 'event.dataset': 'pam' });
    expect(f['hpc.alert_tag']).toBeUndefined();
    expect(parse('KERNDTLB 1715674527 2024.05.14 tbird-sm1 May 14 01:15:27 #8#/#8# kernel: machine check')).toMatchObject({ 'hpc.alert_tag': 'KERNDTLB', 'hpc.location': '#8#/#8#', 'process.name': 'kernel' });
  });
});
