/**
 * @module parsers/paloalto/columns
 * PAN-OS syslog field order per log type (PAN-OS 8–11 "Syslog Field Descriptions"; names as documented,
 * snake_case). Later versions only append columns, so a shorter record still maps its prefix.
 */

const HEAD = ['future_use1', 'receive_time', 'serial', 'type', 'subtype', 'future_use2', 'generated_time'];

const NETWORK = [
  'src', 'dst', 'natsrc', 'natdst', 'rule', 'srcuser', 'dstuser', 'app', 'vsys', 'from', 'to', 'inbound_if', 'outbound_if',
  'logset', 'future_use3', 'sessionid', 'repeatcnt', 'sport', 'dport', 'natsport', 'natdport', 'flags', 'proto', 'action',
];

/** Column names by log type. */
export const PAN_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  TRAFFIC: [...HEAD, ...NETWORK,
    'bytes', 'bytes_sent', 'bytes_received', 'packets', 'start', 'elapsed', 'category', 'future_use4', 'seqno', 'actionflags',
    'srcloc', 'dstloc', 'future_use5', 'pkts_sent', 'pkts_received', 'session_end_reason'],
  THREAT: [...HEAD, ...NETWORK,
    'misc', 'threatid', 'category', 'severity', 'direction', 'seqno', 'actionflags', 'srcloc', 'dstloc', 'future_use4',
    'contenttype', 'pcap_id', 'filedigest', 'cloud', 'url_idx', 'user_agent', 'filetype', 'xff', 'referer', 'sender',
    'subject', 'recipient', 'reportid'],
  SYSTEM: [...HEAD, 'vsys', 'eventid', 'object', 'future_use3', 'future_use4', 'module', 'severity', 'opaque', 'seqno', 'actionflags'],
  CONFIG: [...HEAD, 'host', 'vsys', 'cmd', 'admin', 'client', 'result', 'path', 'before_change_detail', 'after_change_detail', 'seqno', 'actionflags'],
  AUTH: [...HEAD, 'vsys', 'ip', 'user', 'normalize_user', 'object', 'authpolicy', 'repeatcnt', 'authid', 'vendor', 'logset', 'serverprofile',
    'desc', 'clienttype', 'event', 'factorno', 'seqno', 'actionflags'],
  GLOBALPROTECT: [...HEAD, 'vsys', 'eventid', 'stage', 'auth_method', 'tunnel_type', 'srcuser', 'srcregion', 'machinename', 'public_ip',
    'public_ipv6', 'private_ip', 'private_ipv6', 'hostid', 'serialnumber', 'client_ver', 'client_os', 'client_os_ver', 'repeatcnt',
    'reason', 'error', 'opaque', 'status'],
};
