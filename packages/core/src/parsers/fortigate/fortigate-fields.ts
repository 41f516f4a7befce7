/**
 * @module parsers/fortigate/fortigate-fields
 * FortiOS log keys → ECS (FortiOS 5–7 "Log Reference" names, plus the FortiOS 4 spellings), as one
 * table read once per key.
 */

/** How a key's value is converted: an IP, an integer, or text. */
export type FortiKind = 'ip' | 'int' | 'text';

/** Key → [kind, ECS field]. The first key that sets a field wins. */
export const FORTI_FIELDS: ReadonlyMap<string, readonly [FortiKind, string]> = new Map<string, readonly [FortiKind, string]>([
  ['srcip', ['ip', 'source.ip']],
  ['src', ['ip', 'source.ip']],
  ['dstip', ['ip', 'destination.ip']],
  ['dst', ['ip', 'destination.ip']],
  ['remip', ['ip', 'source.ip']],
  ['transip', ['ip', 'source.nat.ip']],
  ['tranip', ['ip', 'destination.nat.ip']],
  ['locip', ['ip', 'destination.ip']],
  ['srcport', ['int', 'source.port']],
  ['src_port', ['int', 'source.port']],
  ['dstport', ['int', 'destination.port']],
  ['dst_port', ['int', 'destination.port']],
  ['remport', ['int', 'source.port']],
  ['locport', ['int', 'destination.port']],
  ['transport', ['int', 'source.nat.port']],
  ['tranport', ['int', 'destination.nat.port']],
  ['sentbyte', ['int', 'source.bytes']],
  ['rcvdbyte', ['int', 'destination.bytes']],
  ['sentpkt', ['int', 'source.packets']],
  ['rcvdpkt', ['int', 'destination.packets']],
  ['devname', ['text', 'observer.name']],
  ['devid', ['text', 'observer.serial_number']],
  ['device_id', ['text', 'observer.serial_number']],
  ['srcintf', ['text', 'observer.ingress.interface.name']],
  ['dstintf', ['text', 'observer.egress.interface.name']],
  ['policyid', ['text', 'rule.id']],
  ['policyname', ['text', 'rule.name']],
  ['srcmac', ['text', 'source.mac']],
  ['dstmac', ['text', 'destination.mac']],
  ['hostname', ['text', 'url.domain']],
  ['url', ['text', 'url.path']],
  ['catdesc', ['text', 'rule.category']],
  ['attack', ['text', 'rule.name']],
  ['virus', ['text', 'rule.name']],
  ['logdesc', ['text', 'event.reason']],
  ['reason', ['text', 'event.reason']],
  ['msg', ['text', 'message']],
]);

/** Actions that mean the attempt did not go through. */
export const FORTI_FAILURE_ACTIONS = new Set([
  'deny', 'denied', 'block', 'blocked', 'drop', 'dropped', 'reset', 'reject', 'ssl-login-fail', 'tunnel-down', 'timeout', 'close-failed',
]);

/** Actions that mean the attempt went through. */
export const FORTI_SUCCESS_ACTIONS = new Set(['accept', 'close', 'pass', 'passthrough', 'allow', 'allowed', 'login', 'logout', 'tunnel-up', 'ssl-login-success']);
