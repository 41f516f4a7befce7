/**
 * @module snmp/device-input
 * A device as the API receives it, validated field by field into a coded error naming the field.
 */
import { VigilError, SNMP_VERSIONS } from '@vigil/contracts';
import { isOid, pollProfile, POLL_PROFILES } from '@vigil/core';
import { parseDuration } from '../config/duration.ts';
import { parseV3User, type V3User } from './snmp-security.ts';

/** An SNMP version a device is polled with. */
export type SnmpVersion = (typeof SNMP_VERSIONS)[number];

/** The secret part of a device: a community (v1/v2c) or a v3 user. */
export type DeviceCredentials = { community: string } | { user: V3User };

/** A custom OID polled as `custom.<name>`. */
export interface CustomOid {
  name: string;
  oid: string;
}

/** A validated device definition. `credentials` is absent on an update that keeps the stored ones. */
export interface DeviceInput {
  name: string;
  address: string;
  port: number;
  version: SnmpVersion;
  credentials?: DeviceCredentials;
  tags: string[];
  profile: string;
  customOids: CustomOid[];
  intervalS: number;
  timeoutMs: number;
  enabled: boolean;
}

const fail = (message: string, field: string): never => {
  throw new VigilError('VIGIL_ERR_VALIDATION', message, { field });
};

/** Seconds from a number or a duration text ("60s", "5m"). */
function seconds(v: unknown, field: string, dflt: number, min: number, max: number): number {
  if (v === undefined || v === null) return dflt;
  // Fastify may hand a number over as text ("1"): a bare number is seconds either way.
  const s = typeof v === 'number' ? v : typeof v === 'string' ? (/^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : (parseDuration(v) ?? NaN) / 1000) : NaN;
  if (!Number.isFinite(s) || s < min || s > max) fail(`${field} must be between ${min} s and ${max} s (a number of seconds or a duration such as "60s").`, field);
  return s;
}

/** Validates a device body; `partialCredentials` allows leaving credentials out (update). */
export function parseDeviceInput(body: unknown, opts: { requireCredentials: boolean }): DeviceInput {
  const b = (body ?? {}) as Record<string, unknown>;
  const name = typeof b.name === 'string' ? b.name.trim() : '';
  if (!name || name.length > 100) fail('name must be 1-100 characters.', 'name');
  const address = typeof b.address === 'string' ? b.address.trim() : '';
  if (!address || address.length > 255 || /\s/.test(address)) fail('address must be an IP address or host name.', 'address');
  const port = b.port === undefined ? 161 : Number(b.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail('port must be 1-65535.', 'port');
  const version = String(b.version ?? '2c') as SnmpVersion;
  if (!SNMP_VERSIONS.includes(version)) fail('version must be "1", "2c" or "3".', 'version');
  let credentials: DeviceCredentials | undefined;
  if (version === '3') {
    if (b.user !== undefined) credentials = { user: parseV3User(b.user) };
  } else if (b.community !== undefined) {
    if (typeof b.community !== 'string' || !b.community || b.community.length > 64) fail('community must be 1-64 characters.', 'community');
    credentials = { community: b.community as string };
  }
  if (!credentials && opts.requireCredentials) fail(version === '3' ? 'user (an SNMPv3 user with its keys) is required for version 3.' : 'community is required for versions 1 and 2c.', version === '3' ? 'user' : 'community');
  const tags = b.tags === undefined ? [] : b.tags;
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string' || !t || t.length > 64) || tags.length > 50) fail('tags must be a list of up to 50 strings.', 'tags');
  const profile = String(b.profile ?? 'interfaces');
  if (!pollProfile(profile)) fail(`profile must be one of ${Object.keys(POLL_PROFILES).join(', ')}.`, 'profile');
  const custom = b.customOids === undefined ? [] : b.customOids;
  if (!Array.isArray(custom) || custom.length > 100) fail('customOids must be a list of {name, oid}.', 'customOids');
  const customOids = (custom as unknown[]).map((c, i) => {
    const o = (c ?? {}) as Record<string, unknown>;
    if (typeof o.name !== 'string' || !/^[A-Za-z][\w-]{0,63}$/.test(o.name)) fail(`customOids[${i}].name must be a word (letters, digits, _ or -).`, `customOids[${i}].name`);
    if (typeof o.oid !== 'string' || !isOid(o.oid)) fail(`customOids[${i}].oid must be a numeric OID such as 1.3.6.1.2.1.1.7.0.`, `customOids[${i}].oid`);
    return { name: o.name as string, oid: (o.oid as string).replace(/^\./, '') };
  });
  const intervalS = seconds(b.interval ?? b.intervalS, 'interval', 60, 1, 86400);
  const timeoutMs = Math.round(seconds(b.timeout === undefined && b.timeoutMs !== undefined ? Number(b.timeoutMs) / 1000 : b.timeout, 'timeout', 5, 0.1, 120) * 1000);
  const enabled = b.enabled === undefined ? true : b.enabled === true;
  return { name, address, port, version, credentials, tags: tags as string[], profile, customOids, intervalS, timeoutMs, enabled };
}
