/**
 * @module snmp/snmp-security
 * SNMPv3 user settings as Vigil names them (the names Net-SNMP's tools use), validated, and turned
 * into net-snmp's user objects. MD5 and DES are left out on purpose: both are broken.
 */
import snmp from 'net-snmp';
import { VigilError, SNMP_AUTH_PROTOCOLS, SNMP_PRIV_PROTOCOLS, SNMP_SECURITY_LEVELS } from '@vigil/contracts';

/** SNMPv3 authentication protocols accepted. */
export const AUTH_PROTOCOLS = SNMP_AUTH_PROTOCOLS;
/** SNMPv3 privacy protocols accepted. */
export const PRIV_PROTOCOLS = SNMP_PRIV_PROTOCOLS;
/** SNMPv3 security levels. */
export const SECURITY_LEVELS = SNMP_SECURITY_LEVELS;

/** One authentication protocol. */
export type AuthProtocol = (typeof AUTH_PROTOCOLS)[number];
/** One privacy protocol. */
export type PrivProtocol = (typeof PRIV_PROTOCOLS)[number];
/** One security level. */
export type SecurityLevel = (typeof SECURITY_LEVELS)[number];

/** A v3 user with its keys (secret parts: authKey, privKey). */
export interface V3User {
  name: string;
  level: SecurityLevel;
  authProtocol?: AuthProtocol;
  authKey?: string;
  privProtocol?: PrivProtocol;
  privKey?: string;
}

const AUTH: Record<AuthProtocol, number> = {
  sha: snmp.AuthProtocols.sha,
  sha224: snmp.AuthProtocols.sha224,
  sha256: snmp.AuthProtocols.sha256,
  sha384: snmp.AuthProtocols.sha384,
  sha512: snmp.AuthProtocols.sha512,
};
// aes256 is Net-SNMP's AES-256 (Blumenthal key extension); aes256c is Cisco's (Reeder), `-x AES-256C`.
const PRIV: Record<PrivProtocol, number> = { aes128: snmp.PrivProtocols.aes, aes256: snmp.PrivProtocols.aes256b, aes256c: snmp.PrivProtocols.aes256r };
const LEVEL: Record<SecurityLevel, number> = { noAuthNoPriv: snmp.SecurityLevel.noAuthNoPriv, authNoPriv: snmp.SecurityLevel.authNoPriv, authPriv: snmp.SecurityLevel.authPriv };

const fail = (message: string, field: string): never => {
  throw new VigilError('VIGIL_ERR_VALIDATION', message, { field });
};

/** Validates a v3 user from an API body; answers it normalized, or a coded error naming the field. */
export function parseV3User(body: unknown): V3User {
  const b = (body ?? {}) as Record<string, unknown>;
  const name = typeof b.name === 'string' ? b.name.trim() : '';
  if (!name || name.length > 32) fail('name is the SNMPv3 user name (1-32 characters).', 'name');
  const level = (b.level ?? 'authPriv') as SecurityLevel;
  if (!SECURITY_LEVELS.includes(level)) fail(`level must be one of ${SECURITY_LEVELS.join(', ')}.`, 'level');
  const u: V3User = { name, level };
  if (level !== 'noAuthNoPriv') {
    const ap = (b.authProtocol ?? 'sha256') as AuthProtocol;
    if (!AUTH_PROTOCOLS.includes(ap)) fail(`authProtocol must be one of ${AUTH_PROTOCOLS.join(', ')}.`, 'authProtocol');
    if (typeof b.authKey !== 'string' || b.authKey.length < 8) fail('authKey must be a passphrase of at least 8 characters (RFC 3414).', 'authKey');
    u.authProtocol = ap;
    u.authKey = b.authKey as string;
  }
  if (level === 'authPriv') {
    const pp = (b.privProtocol ?? 'aes128') as PrivProtocol;
    if (!PRIV_PROTOCOLS.includes(pp)) fail(`privProtocol must be one of ${PRIV_PROTOCOLS.join(', ')}.`, 'privProtocol');
    if (typeof b.privKey !== 'string' || b.privKey.length < 8) fail('privKey must be a passphrase of at least 8 characters (RFC 3414).', 'privKey');
    u.privProtocol = pp;
    u.privKey = b.privKey as string;
  }
  return u;
}

/** The net-snmp user object for sessions and receivers. */
export function netSnmpUser(u: V3User): snmp.User {
  const out: Record<string, unknown> = { name: u.name, level: LEVEL[u.level] };
  if (u.authProtocol) {
    out.authProtocol = AUTH[u.authProtocol];
    out.authKey = u.authKey;
  }
  if (u.privProtocol) {
    out.privProtocol = PRIV[u.privProtocol];
    out.privKey = u.privKey;
  }
  return out as unknown as snmp.User;
}

/** The public (non-secret) part of a v3 user. */
export function publicV3User(u: V3User): Omit<V3User, 'authKey' | 'privKey'> {
  return { name: u.name, level: u.level, ...(u.authProtocol ? { authProtocol: u.authProtocol } : {}), ...(u.privProtocol ? { privProtocol: u.privProtocol } : {}) };
}
