/**
 * @module collectors/sshd
 * The SSH daemon's effective global settings (sshd_config plus its Include files; the first value of
 * a keyword wins, as sshd reads it; Match blocks are conditional and left out) and the risky ones.
 */
import { list, readText } from './read.ts';

/** A risky setting and why. */
export interface RiskySetting {
  setting: string;
  value: string;
  reason: string;
}

/** sshd's configuration as collected. */
export interface SshdSnapshot {
  present: boolean;
  settings: Record<string, string>;
  risky: RiskySetting[];
}

/** Keyword (lower case) -> [risky values, default, reason]. */
const RISKS: Record<string, [readonly string[], string, string]> = {
  permitrootlogin: [['yes'], 'prohibit-password', 'root can log in with a password'],
  passwordauthentication: [['yes'], 'yes', 'passwords can be guessed; prefer keys'],
  permitemptypasswords: [['yes'], 'no', 'accounts without a password can log in'],
  permituserenvironment: [['yes'], 'no', 'users can set environment variables that change what sshd runs'],
  hostbasedauthentication: [['yes'], 'no', 'host-based trust lets one host vouch for users'],
  ignorerhosts: [['no'], 'yes', '.rhosts files are honoured'],
  strictmodes: [['no'], 'yes', 'world-writable key files are accepted'],
  protocol: [['1', '1,2', '2,1'], '2', 'SSH protocol 1 is broken'],
  gatewayports: [['yes', 'clientspecified'], 'no', 'forwarded ports listen on every address'],
  x11forwarding: [['yes'], 'no', 'X11 forwarding exposes the client display'],
};

function glob(root: string, pattern: string): string[] {
  const slash = pattern.lastIndexOf('/');
  const dir = pattern.slice(0, slash);
  const re = new RegExp(`^${pattern.slice(slash + 1).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return list(root, dir).filter((n) => re.test(n)).sort().map((n) => `${dir}/${n}`);
}

/** sshd settings and risks under `root`. */
export function collectSshd(root: string): SshdSnapshot {
  const settings: Record<string, string> = {};
  let present = false;
  const read = (file: string, depth: number) => {
    const text = readText(root, file);
    if (text === null) return;
    present = true;
    let inMatch = false;
    for (const raw of text.split('\n')) {
      const line = raw.replace(/#.*$/, '').trim();
      if (!line) continue;
      const m = /^(\S+)\s*[=\s]\s*(.*)$/.exec(line);
      if (!m) continue;
      const key = m[1]!.toLowerCase();
      const value = m[2]!.trim();
      if (key === 'match') {
        inMatch = true;
        continue;
      }
      if (inMatch) continue;
      if (key === 'include' && depth < 5) {
        for (const pat of value.split(/\s+/)) for (const f of pat.includes('*') || pat.includes('?') ? glob(root, pat.startsWith('/') ? pat : `/etc/ssh/${pat}`) : [pat.startsWith('/') ? pat : `/etc/ssh/${pat}`]) read(f, depth + 1);
        continue;
      }
      if (!(key in settings)) settings[key] = value;
    }
  };
  read('/etc/ssh/sshd_config', 0);
  const risky: RiskySetting[] = [];
  if (present) {
    for (const [key, [bad, dflt, reason]] of Object.entries(RISKS)) {
      const value = (settings[key] ?? dflt).toLowerCase();
      if (bad.includes(value)) risky.push({ setting: key, value, reason: settings[key] === undefined ? `${reason} (the default)` : reason });
    }
  }
  return { present, settings, risky };
}
