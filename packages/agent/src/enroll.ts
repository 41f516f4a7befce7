/**
 * @module enroll
 * `vigil-agent enroll`: trades an enrollment token for this host's credential and stores it 0600.
 * The token itself is never written anywhere.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { EnrollResponse } from '@vigil/contracts';
import { statePath, type ResolvedConfig } from './config.ts';
import { saveCredential, type StoredCredential } from './credential.ts';
import { collectOs } from './collectors/os-info.ts';
import { readText } from './collectors/read.ts';
import { ServerClient } from './server-client.ts';
import { writeJson } from './state-files.ts';
import { AGENT_VERSION } from './version.ts';

/** Enrolls this host; answers the stored credential. Throws with the server's reason on refusal. */
export async function enroll(cfg: ResolvedConfig, server: string, token: string): Promise<StoredCredential> {
  const os = collectOs(cfg.root);
  const machineId = readText(cfg.root, '/etc/machine-id')?.trim() || undefined;
  const client = new ServerClient(server, { insecureTls: cfg.insecureTls, userAgent: `vigil-agent/${AGENT_VERSION}` });
  try {
    const r = await client.request<EnrollResponse>('POST', 'api/v1/agents/enroll', { token, hostname: cfg.hostname ?? os.hostname, ...(machineId ? { machineId } : {}), os: { name: os.name, id: os.id, version: os.version, kernel: os.kernel, arch: os.arch, platform: os.platform }, agentVersion: AGENT_VERSION }, { auth: false, timeoutMs: 30_000 });
    if (!r.ok) throw new Error(`enrollment refused: ${r.message}${r.code ? ` (${r.code})` : ''}`);
    const cred: StoredCredential = { server: server.replace(/\/$/, ''), hostId: r.body.hostId, credential: r.body.credential, enrolledAt: new Date().toISOString() };
    saveCredential(cfg, cred);
    writeJson(statePath(cfg, 'server-config.json'), r.body.config, 0o600);
    // A new enrollment is a new host: forget what the previous one saw and its revocation.
    for (const f of ['revoked.json', 'snapshot-state.json']) rmSync(statePath(cfg, f), { force: true });
    if (!cfg.server && existsSync(cfg.configPath)) {
      try {
        const file = JSON.parse(readFileSync(cfg.configPath, 'utf8')) as Record<string, unknown>;
        writeJson(cfg.configPath, { ...file, server: cred.server }, 0o644);
      } catch {
        /* leave a hand-written config alone */
      }
    }
    return cred;
  } finally {
    client.close();
  }
}
