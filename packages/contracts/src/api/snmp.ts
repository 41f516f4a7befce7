/**
 * @module api/snmp
 * Contracts of `/api/v1/snmp/*`: the tenant's trap credentials (communities and SNMPv3 users). The
 * secrets are accepted on creation and never returned.
 */
import Type, { type Static } from 'typebox';
import { IdParams, IsoTime, Ok, StringEnum, operation } from './common.ts';

/** SNMPv3 authentication protocols (MD5 is left out: broken). */
export const SNMP_AUTH_PROTOCOLS = ['sha', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
/** SNMPv3 privacy protocols (DES is left out: broken). */
export const SNMP_PRIV_PROTOCOLS = ['aes128', 'aes256', 'aes256c'] as const;
/** SNMPv3 security levels. */
export const SNMP_SECURITY_LEVELS = ['noAuthNoPriv', 'authNoPriv', 'authPriv'] as const;

/** A trap community as listed (never the community string). */
export const SnmpCommunity = Type.Object({ id: Type.String(), name: Type.String(), createdAt: IsoTime });
export type SnmpCommunity = Static<typeof SnmpCommunity>;

/** `POST /snmp/communities` body. */
export const CreateSnmpCommunityBody = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 200, description: 'A label; the community itself is never shown again' })),
  community: Type.String({ maxLength: 256 }),
});

/** An SNMPv3 trap user as listed (never the keys). */
export const SnmpUser = Type.Object({
  id: Type.String(),
  name: Type.String(),
  level: Type.String(),
  authProtocol: Type.Optional(Type.String()),
  privProtocol: Type.Optional(Type.String()),
  createdAt: IsoTime,
});
export type SnmpUser = Static<typeof SnmpUser>;

/** `POST /snmp/users` body. */
export const CreateSnmpUserBody = Type.Object({
  name: Type.String({ maxLength: 200 }),
  level: Type.Optional(StringEnum(SNMP_SECURITY_LEVELS)),
  authProtocol: Type.Optional(StringEnum(SNMP_AUTH_PROTOCOLS)),
  authKey: Type.Optional(Type.String({ maxLength: 256 })),
  privProtocol: Type.Optional(StringEnum(SNMP_PRIV_PROTOCOLS)),
  privKey: Type.Optional(Type.String({ maxLength: 256 })),
});

/** `POST /snmp/users` body as a type. */
export type CreateSnmpUserBody = Static<typeof CreateSnmpUserBody>;

/** The operations of `/api/v1/snmp`. */
export const snmpApi = {
  listCommunities: operation({ tags: ['snmp'], summary: 'List trap communities (names only)', response: { 200: Type.Object({ communities: Type.Array(SnmpCommunity) }) }, errors: [503] }),
  createCommunity: operation({ tags: ['snmp'], summary: 'Accept traps with a community (v1/v2c); the community is never returned', body: CreateSnmpCommunityBody, response: { 201: SnmpCommunity }, errors: [409, 503] }),
  deleteCommunity: operation({ tags: ['snmp'], summary: 'Stop accepting a community', params: IdParams, response: { 200: Ok }, errors: [503] }),
  listUsers: operation({ tags: ['snmp'], summary: 'List SNMPv3 trap users (no keys)', response: { 200: Type.Object({ users: Type.Array(SnmpUser) }) }, errors: [503] }),
  createUser: operation({ tags: ['snmp'], summary: 'Accept v3 traps and informs from a user; the keys are never returned', body: CreateSnmpUserBody, response: { 201: SnmpUser }, errors: [409, 503] }),
  deleteUser: operation({ tags: ['snmp'], summary: 'Remove an SNMPv3 trap user', params: IdParams, response: { 200: Ok }, errors: [503] }),
};
