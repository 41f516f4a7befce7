/**
 * @module sources/tenant-router
 * Which tenant a network sender's events belong to: the first CIDR rule that holds the sender, else
 * the listener's tenant.
 */
import { VigilError } from '@vigil/contracts';
import { parseCidr, inCidr } from '@vigil/core';
import type { TenantsRepo } from '../repos/tenants-repo.ts';

type Cidr = NonNullable<ReturnType<typeof parseCidr>>;

/** Maps sender addresses to tenant ids. */
export class TenantRouter {
  private constructor(private readonly rules: Array<{ cidr: Cidr; tenantId: string }>, private readonly fallback: string) {}

  /** Builds a router from `syslog.tenant` and `syslog.tenant_map` ("cidr=slug,…"), resolving slugs. */
  static async create(tenants: TenantsRepo, defaultSlug: string, map: string): Promise<TenantRouter> {
    const resolve = async (slug: string, key: string) => {
      const t = await tenants.bySlug(slug);
      if (!t) throw new VigilError('VIGIL_ERR_CONFIG', `${key} names tenant "${slug}", which does not exist. Create it or fix the setting.`, { key });
      return t.id;
    };
    const rules: Array<{ cidr: Cidr; tenantId: string }> = [];
    for (const part of map.split(',').map((s) => s.trim()).filter(Boolean)) {
      const [block, slug] = part.split('=').map((s) => s.trim());
      const cidr = block ? parseCidr(block) : null;
      if (!cidr || !slug) throw new VigilError('VIGIL_ERR_CONFIG', `syslog.tenant_map entry "${part}" is not "cidr=tenant" (e.g. 10.0.0.0/8=acme).`, { key: 'syslog.tenant_map' });
      rules.push({ cidr, tenantId: await resolve(slug, 'syslog.tenant_map') });
    }
    return new TenantRouter(rules, await resolve(defaultSlug, 'syslog.tenant'));
  }

  /** The tenant id for a sender address. */
  route(ip: string | undefined): string {
    if (ip) for (const r of this.rules) if (inCidr(ip, r.cidr)) return r.tenantId;
    return this.fallback;
  }
}

/** `::ffff:10.0.0.1` -> `10.0.0.1`: dual-stack sockets report IPv4 senders as mapped addresses. */
export function unmapIp(ip: string | undefined): string | undefined {
  return ip?.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}
