/**
 * @module config/checks
 * Checks across keys and against the machine, run after every value parsed on its own: a setting Vigil
 * cannot honour stops start-up with a message naming the key, its env variable and what to do, instead
 * of being ignored or failing later with a bare system error. One entry per check in CONFIG_CHECKS.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { VigilError } from '@vigil/contracts';
import { envName, type ConfigKeyName } from './schema.ts';
import { parseSecretKey, SECRET_KEY_FORMAT } from './secret-key.ts';

/** The resolved values, by key (what loadConfig is building). */
export type ConfigValues = Record<string, unknown>;

/** Where a key's value came from (a file, an env variable, the command line, or the default). */
export type OriginOf = (key: ConfigKeyName) => string;

/** `key (VIGIL_KEY)`, how messages name a setting. */
export function keyRef(key: string): string {
  return `${key} (${envName(key)})`;
}

/** A check: answers a problem (`what is wrong. What to do.`) naming the key, or null. */
export interface ConfigCheck {
  readonly name: string;
  check(c: ConfigValues, origin: OriginOf): { key: ConfigKeyName; message: string } | null;
}

const SUPPORTED_DB = 'Use postgres://user@host:5432/database for PostgreSQL, sqlite:/path/to/vigil.db for another SQLite file, or unset it for data_dir/vigil.db.';

/** database.url names PostgreSQL or SQLite, nothing else (mysql://… used to become a SQLite file name). */
const databaseUrl: ConfigCheck = {
  name: 'database-url',
  check(c, origin) {
    const url = c['database.url'];
    if (typeof url !== 'string' || !url) return null;
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
    if (scheme === 'postgres' || scheme === 'postgresql') {
      try {
        new URL(url);
      } catch {
        return { key: 'database.url', message: `${keyRef('database.url')} from ${origin('database.url')} is not a valid URL. ${SUPPORTED_DB}` };
      }
      return null;
    }
    if (scheme === 'sqlite') return null;
    // A bare path (no scheme, or a one-letter Windows drive) is a SQLite file.
    if (scheme && scheme.length > 1 && url.includes('://')) {
      return { key: 'database.url', message: `${keyRef('database.url')} from ${origin('database.url')} uses "${scheme}:", which Vigil does not support. ${SUPPORTED_DB}` };
    }
    return null;
  },
};

/** TLS needs both a certificate and a key; one alone used to start silently without TLS. */
const tlsPair: ConfigCheck = {
  name: 'syslog-tls-pair',
  check(c, origin) {
    const cert = c['syslog.tls_cert'];
    const key = c['syslog.tls_key'];
    if (cert && !key) return { key: 'syslog.tls_key', message: `${keyRef('syslog.tls_cert')} is set (from ${origin('syslog.tls_cert')}) but ${keyRef('syslog.tls_key')} is not, so syslog TLS cannot start. Set syslog.tls_key to the certificate's PEM private key, or unset syslog.tls_cert to run without TLS.` };
    if (key && !cert) return { key: 'syslog.tls_cert', message: `${keyRef('syslog.tls_key')} is set (from ${origin('syslog.tls_key')}) but ${keyRef('syslog.tls_cert')} is not, so syslog TLS cannot start. Set syslog.tls_cert to the PEM certificate, or unset syslog.tls_key to run without TLS.` };
    return null;
  },
};

/** The TLS files exist and are readable now, not at the first connection. */
const tlsFiles: ConfigCheck = {
  name: 'syslog-tls-files',
  check(c, origin) {
    for (const key of ['syslog.tls_cert', 'syslog.tls_key'] as const) {
      const file = c[key];
      if (typeof file !== 'string' || !file) continue;
      const what = key === 'syslog.tls_cert' ? 'PEM certificate' : 'PEM private key';
      if (!existsSync(file)) return { key, message: `${keyRef(key)} from ${origin(key)} names ${file}, which does not exist. Point it at the ${what} file, or unset syslog.tls_cert and syslog.tls_key to run without TLS.` };
      try {
        if (!statSync(file).isFile()) throw new Error('not a file');
        accessSync(file, constants.R_OK);
      } catch {
        return { key, message: `${keyRef(key)} from ${origin(key)} names ${file}, which is not a readable file. Make it readable by the user running Vigil, or point it at the ${what} file.` };
      }
    }
    return null;
  },
};

/** secret_key has the shape of a 32-byte key; the message names the format, never the value. */
const secretKey: ConfigCheck = {
  name: 'secret-key',
  check(c, origin) {
    const v = c.secret_key;
    if (typeof v !== 'string' || !v || parseSecretKey(v)) return null;
    return { key: 'secret_key', message: `${keyRef('secret_key')} from ${origin('secret_key')} is malformed: expected ${SECRET_KEY_FORMAT}. Generate one with \`openssl rand -hex 32\`, or unset it to use data_dir/secret.key.` };
  },
};

/** Every cross-key and machine check, in order. */
export const CONFIG_CHECKS: readonly ConfigCheck[] = [databaseUrl, tlsPair, tlsFiles, secretKey];

/** Runs the checks; the first problem stops start-up. */
export function runConfigChecks(c: ConfigValues, origin: OriginOf): void {
  for (const check of CONFIG_CHECKS) {
    const problem = check.check(c, origin);
    if (problem) throw new VigilError('VIGIL_ERR_CONFIG', problem.message, { key: problem.key, check: check.name });
  }
}

/** Keys that hold a listening port, found by name so new listeners are covered without a list. */
function portKeys(c: ConfigValues): string[] {
  return Object.keys(c).filter((k) => /(^|[._])port$/.test(k));
}

/**
 * Turns a listener's EADDRINUSE / EACCES / EADDRNOTAVAIL into a coded error naming the key that set
 * the port (or address) and what to do; answers null for any other error.
 */
export function explainListenError(err: unknown, c: ConfigValues): VigilError | null {
  const e = err as NodeJS.ErrnoException & { port?: number; address?: string };
  if (!e || typeof e !== 'object' || !['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL'].includes(e.code ?? '')) return null;
  if (e.code === 'EADDRNOTAVAIL') {
    const key = Object.keys(c).find((k) => /(^|[._])host$/.test(k) && c[k] === e.address) ?? 'http.host';
    return new VigilError('VIGIL_ERR_CONFIG', `${keyRef(key)}: ${e.address} is not an address of this machine, so nothing can listen on it. Use one of its addresses, 0.0.0.0 (all IPv4) or :: (all).`, { key });
  }
  const keys = portKeys(c).filter((k) => c[k] === e.port);
  const key = keys[0] ?? 'http.port';
  const which = keys.length ? keys.map(keyRef).join(' / ') : `port ${e.port}`;
  if (e.code === 'EACCES') {
    return new VigilError('VIGIL_ERR_CONFIG', `${which}: port ${e.port} needs root (ports below 1024) or the CAP_NET_BIND_SERVICE capability. Choose a port above 1023, or grant the capability.`, { key });
  }
  return new VigilError('VIGIL_ERR_CONFIG', `${which}: port ${e.port} is already in use on ${e.address ?? 'this machine'} (another Vigil, or another program). Stop that program, or set ${keys.length ? keys.map((k) => envName(k)).join(' / ') : 'the port'} to a free port (0 disables a syslog/SNMP listener).`, { key });
}
