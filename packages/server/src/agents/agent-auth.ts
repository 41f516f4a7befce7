/**
 * @module agents/agent-auth
 * Verifies a host credential (`Authorization: Bearer vga_<hostId>_<secret>`) into the host it may act
 * for. A revoked host gets `VIGIL_ERR_AGENT_REVOKED` (the agent stops on it), anything else that is
 * wrong `VIGIL_ERR_BAD_AGENT_CREDENTIAL`. Verified credentials are cached for 5 minutes, so a fleet's
 * batches do not each cost a database read and a hash. Revocation still takes effect at once:
 * revoking, deleting or rotating in this process forgets the host's entries, and `retain` (called by
 * the status sweeper every 5 s) forgets hosts another process (the CLI) revoked and hosts of disabled
 * tenants.
 */
import { VigilError } from '@vigil/contracts';
import { safeEqual, sha256 } from '../auth/secrets.ts';
import type { HostsRepo } from './hosts-repo.ts';
import { parseCredential } from './agent-secrets.ts';

/** Who is calling an agent route: one host of one tenant. */
export interface AgentPrincipal {
  tenantId: string;
  hostId: string;
  hostName: string;
  tags: readonly string[];
  hostGroup: string | null;
  /** When the current credential was issued (enrollment or the last rotation). */
  credentialSince: number;
}

const CACHE_MS = 300_000;
const MAX_CACHED = 50_000;

/** Credential verification with a cache that revocations clear. */
export class AgentAuth {
  private readonly cache = new Map<string, { p: AgentPrincipal; until: number }>();
  /** The cached credentials of each host (normally one; two during a rotation's overlap). */
  private readonly byHost = new Map<string, Set<string>>();

  constructor(private readonly hosts: HostsRepo, private readonly now: () => number = Date.now) {}

  /** The host a presented credential acts for; throws a coded 401 otherwise. */
  async verify(presented: string): Promise<AgentPrincipal> {
    const now = this.now();
    const hit = this.cache.get(presented);
    if (hit && hit.until > now) return hit.p;
    const c = parseCredential(presented);
    if (!c) throw new VigilError('VIGIL_ERR_BAD_AGENT_CREDENTIAL', 'The host credential is malformed: expected vga_<host id>_<secret>.');
    const found = await this.hosts.forAuth(c.hostId);
    if (!found) throw new VigilError('VIGIL_ERR_BAD_AGENT_CREDENTIAL');
    const h = found.host;
    const hash = sha256(c.secret);
    const current = safeEqual(h.secretHash, hash);
    const previous = !current && !!h.prevSecretHash && h.prevValidUntil !== null && h.prevValidUntil > now && safeEqual(h.prevSecretHash, hash);
    if (!current && !previous) throw new VigilError('VIGIL_ERR_BAD_AGENT_CREDENTIAL');
    if (h.revokedAt !== null) throw new VigilError('VIGIL_ERR_AGENT_REVOKED');
    if (found.tenantDisabled) throw new VigilError('VIGIL_ERR_BAD_AGENT_CREDENTIAL', 'The tenant of this host is disabled.');
    const p: AgentPrincipal = { tenantId: h.tenantId, hostId: h.id, hostName: h.name, tags: h.tags, hostGroup: h.hostGroup, credentialSince: h.credentialRotatedAt ?? h.enrolledAt };
    if (this.cache.size >= MAX_CACHED) {
      this.cache.clear();
      this.byHost.clear();
    }
    this.cache.set(presented, { p, until: Math.min(now + CACHE_MS, previous ? h.prevValidUntil! : Infinity) });
    let mine = this.byHost.get(h.id);
    if (!mine) this.byHost.set(h.id, (mine = new Set()));
    mine.add(presented);
    return p;
  }

  /** Forgets a host's cached credentials (revoked, deleted, rotated, retagged). */
  forget(hostId: string): void {
    for (const k of this.byHost.get(hostId) ?? []) this.cache.delete(k);
    this.byHost.delete(hostId);
  }

  /**
   * Keeps only the cached credentials of `valid` hosts: the status sweeper passes the hosts that may
   * still send on every sweep, so a revocation by another process (the CLI) or a disabled tenant
   * reaches this cache that soon.
   */
  retain(valid: ReadonlySet<string>): void {
    for (const id of [...this.byHost.keys()]) if (!valid.has(id)) this.forget(id);
  }
}
