/**
 * @module api/tenants
 * Contracts of `/api/v1/tenants`: the tenants of the installation, for the platform owner only.
 */
import Type, { type Static } from 'typebox';
import { IsoTime, operation } from './common.ts';
import { User } from './users.ts';

/**
 * A daily or retention limit, or null for none (retention: the global `retention.days`). One schema
 * with `type: [integer, null]` rather than a union: with type coercion on, a union coerces `null` to 0
 * or 0 to `null` (opposite meanings). The server answers a coded 400 for values it refuses.
 */
const Limit = (description: string, maximum: number) => Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 0, maximum, description });

/** A tenant's quotas. */
export const TenantQuotas = Type.Object({
  maxEventsPerDay: Limit('Events accepted per UTC day (0: none); null: unlimited', 1e12),
  retentionDays: Limit('Days events are kept; null: the global retention.days', 36500),
});
export type TenantQuotas = Static<typeof TenantQuotas>;

/** A tenant as the API shows it, with today's usage. */
export const Tenant = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  disabled: Type.Boolean({ description: 'A disabled tenant\'s API keys and sessions do not work and its ingest is refused' }),
  quotas: TenantQuotas,
  usageToday: Type.Optional(Type.Object({ events: Type.Integer({ description: 'Events accepted today (UTC)' }), rejected: Type.Integer({ description: 'Events refused or dropped today because of the quota' }) })),
  createdAt: IsoTime,
});
export type Tenant = Static<typeof Tenant>;

/** `GET /tenants` answer. */
export const TenantList = Type.Object({ tenants: Type.Array(Tenant) });
export type TenantList = Static<typeof TenantList>;

const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: 'a-z, 0-9 and -, starting with a letter or digit' });

/** `POST /tenants` body. */
export const CreateTenantBody = Type.Object({
  slug: Slug,
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  maxEventsPerDay: Type.Optional(TenantQuotas.properties.maxEventsPerDay),
  retentionDays: Type.Optional(TenantQuotas.properties.retentionDays),
  owner: Type.Optional(Type.Object({ username: Type.String({ minLength: 1, maxLength: 200 }), password: Type.String({ maxLength: 1024 }) }, { description: 'The first owner; must change the password at first login' })),
});
export type CreateTenantBody = Static<typeof CreateTenantBody>;

/** `POST /tenants` answer: the tenant, and its first owner when one was given. */
export const CreatedTenant = Type.Intersect([Tenant, Type.Object({ owner: Type.Optional(User) })]);

/** `PATCH /tenants/:id` body. */
export const UpdateTenantBody = Type.Object({
  slug: Type.Optional(Slug),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  disabled: Type.Optional(Type.Boolean()),
  maxEventsPerDay: Type.Optional(TenantQuotas.properties.maxEventsPerDay),
  retentionDays: Type.Optional(TenantQuotas.properties.retentionDays),
});
export type UpdateTenantBody = Static<typeof UpdateTenantBody>;

/** `:id` of a tenant: its id or its slug. */
export const TenantParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128, description: 'Tenant id or slug' }) });

/** The operations of `/api/v1/tenants`. */
export const tenantsApi = {
  list: operation({ tags: ['tenants'], summary: 'List tenants with quotas and usage today (platform owner)', response: { 200: TenantList } }),
  get: operation({ tags: ['tenants'], summary: 'One tenant by id or slug (platform owner)', params: TenantParams, response: { 200: Tenant } }),
  create: operation({ tags: ['tenants'], summary: 'Add a tenant, optionally with its first owner (platform owner)', body: CreateTenantBody, response: { 201: CreatedTenant }, errors: [409] }),
  update: operation({ tags: ['tenants'], summary: 'Rename, disable/enable or set quotas (platform owner)', params: TenantParams, body: UpdateTenantBody, response: { 200: Tenant }, errors: [409] }),
};
