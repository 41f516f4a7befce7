/**
 * @module config
 * The agent's configuration file (JSON, default `/etc/vigil-agent/agent.json`, or `--config` /
 * `VIGIL_AGENT_CONFIG`): where the server and the state live, what to collect and ship. Every key is
 * optional; intervals left out follow what the server says at enrollment and in each heartbeat answer.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The configuration file's shape (docs/agent.md "Configuration"). */
export interface AgentFileConfig {
  /** Server URL, e.g. https://vigil.example.com (set by `enroll --server`). */
  server?: string;
  /** Where the credential, positions, last snapshot and the disk buffer live (default /var/lib/vigil-agent). */
  stateDir?: string;
  /** The root the collectors read under (default /); tests point it at a fixture tree. */
  root?: string;
  /** Host name to enroll with (default: the system's). */
  hostname?: string;
  intervals?: { metricsS?: number; heartbeatS?: number; snapshotS?: number; flushS?: number };
  /** Log files to tail (default: /var/log/auth.log, /var/log/secure, /var/log/syslog, /var/log/messages when present). */
  logs?: string[];
  /** Follow journald through `journalctl -o json -f`: true, false, or "auto" (when journalctl exists; default). */
  journald?: boolean | 'auto';
  /** Files (or directories: their files) under integrity monitoring. */
  fileIntegrity?: string[];
  /** Largest disk buffer in bytes (default 100 MiB); the oldest batches are dropped (counted) past it. */
  bufferMaxBytes?: number;
  /** Turn collectors off by name: metrics, ports, users, sudoers, ssh_keys, sshd, logins, packages, os, fim, outbound. */
  collectors?: Record<string, boolean>;
  /** Accept a self-signed server certificate (tests and labs only). */
  insecureTls?: boolean;
}

/** The defaults of the file integrity list: identity, privilege, SSH, scheduled jobs and services. */
export const DEFAULT_FIM = [
  '/etc/passwd',
  '/etc/shadow',
  '/etc/group',
  '/etc/gshadow',
  '/etc/sudoers',
  '/etc/sudoers.d',
  '/etc/ssh/sshd_config',
  '/etc/ssh/sshd_config.d',
  '/etc/crontab',
  '/etc/cron.d',
  '/var/spool/cron/crontabs',
  '/etc/systemd/system',
  '/etc/ld.so.preload',
  '/etc/hosts',
  '/etc/pam.d/sshd',
];

/** Log files tailed by default when they exist. */
export const DEFAULT_LOGS = ['/var/log/auth.log', '/var/log/secure', '/var/log/syslog', '/var/log/messages'];

/** The default config file path. */
export const DEFAULT_CONFIG_PATH = '/etc/vigil-agent/agent.json';

/** A resolved configuration. */
export interface ResolvedConfig extends AgentFileConfig {
  stateDir: string;
  root: string;
  configPath: string;
}

/** Reads the config file (absent = defaults); a malformed file is an error that names it. */
export function loadConfig(path = process.env.VIGIL_AGENT_CONFIG ?? DEFAULT_CONFIG_PATH): ResolvedConfig {
  let file: AgentFileConfig = {};
  if (existsSync(path)) {
    try {
      file = JSON.parse(readFileSync(path, 'utf8')) as AgentFileConfig;
    } catch (err) {
      throw new Error(`${path}: not valid JSON (${(err as Error).message})`);
    }
    if (typeof file !== 'object' || file === null || Array.isArray(file)) throw new Error(`${path}: must hold a JSON object`);
  }
  return { ...file, stateDir: file.stateDir ?? process.env.VIGIL_AGENT_STATE_DIR ?? '/var/lib/vigil-agent', root: file.root ?? '/', configPath: path };
}

/** Path of a state file. */
export function statePath(cfg: { stateDir: string }, name: string): string {
  return join(cfg.stateDir, name);
}
