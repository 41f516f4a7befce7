/**
 * @module parsers/leef/leef-fields
 * LEEF predefined attribute keys → ECS fields (IBM QRadar LEEF 1.0/2.0 key list).
 */

/** Attribute → ECS field for text values. */
export const LEEF_TEXT_FIELDS: Readonly<Record<string, string>> = {
  usrName: 'user.name',
  accountName: 'user.name',
  srcMAC: 'source.mac',
  dstMAC: 'destination.mac',
  identHostName: 'host.name',
  url: 'url.original',
  policy: 'rule.name',
  realm: 'user.domain',
  resource: 'leef.resource',
  msg: 'message',
  Message: 'message',
  action: 'event.action',
};

/** Attribute → ECS field for IP values. */
export const LEEF_IP_FIELDS: Readonly<Record<string, string>> = {
  src: 'source.ip',
  dst: 'destination.ip',
  srcPreNAT: 'source.nat.ip',
  dstPreNAT: 'destination.nat.ip',
  identSrc: 'host.ip',
};

/** Attribute → ECS field for integer values. */
export const LEEF_INT_FIELDS: Readonly<Record<string, string>> = {
  srcPort: 'source.port',
  dstPort: 'destination.port',
  srcPreNATPort: 'source.nat.port',
  dstPreNATPort: 'destination.nat.port',
  srcBytes: 'source.bytes',
  dstBytes: 'destination.bytes',
  srcPackets: 'source.packets',
  dstPackets: 'destination.packets',
};
