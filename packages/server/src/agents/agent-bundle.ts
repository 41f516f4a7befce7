/**
 * @module agents/agent-bundle
 * The agent bundle this server hands out (`packages/agent/dist/vigil-agent.js`, built by
 * `npm run build:agent`): its bytes, SHA-256, the release key's signature and the SBOM beside it,
 * re-read when the file changes.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { VigilError } from '@vigil/contracts';
import type { ReleaseKey } from './release-key.ts';

/** A signed bundle. */
export interface SignedBundle {
  bytes: Buffer;
  sha256: string;
  signature: string;
  version: string;
  sbom: Buffer | null;
}

/** The bundle in `dir`, signed with `key`. */
export class AgentBundle {
  private cached: { mtimeMs: number; bundle: SignedBundle } | null = null;

  constructor(private readonly dir: string, private readonly key: () => ReleaseKey) {}

  /** The current bundle; 503 when it was not built. */
  get(): SignedBundle {
    const file = join(this.dir, 'vigil-agent.js');
    if (!existsSync(file)) throw new VigilError('VIGIL_ERR_UNAVAILABLE', `The agent bundle is not built (${file}): run "npm run build:agent" on the server.`);
    const mtimeMs = statSync(file).mtimeMs;
    if (this.cached?.mtimeMs === mtimeMs) return this.cached.bundle;
    const bytes = readFileSync(file);
    let version = 'unknown';
    try {
      version = (JSON.parse(readFileSync(join(this.dir, 'build.json'), 'utf8')) as { version: string }).version;
    } catch {
      /* a bundle without its build stamp still serves */
    }
    const sbomFile = join(this.dir, 'vigil-agent.sbom.json');
    const bundle = { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), signature: this.key().sign(bytes), version, sbom: existsSync(sbomFile) ? readFileSync(sbomFile) : null };
    this.cached = { mtimeMs, bundle };
    return bundle;
  }
}
