/**
 * @module api/auth
 * Contracts of `/api/v1/auth/*`: log in, log out, who am I, change one's own password.
 */
import Type, { type Static } from 'typebox';
import { SCOPES } from '../roles.ts';
import { Ok, StringEnum, operation } from './common.ts';
import { User } from './users.ts';
import { Tenant } from './tenants.ts';

/** `POST /auth/login` body. */
export const LoginBody = Type.Object({
  username: Type.String({ maxLength: 200 }),
  password: Type.String({ maxLength: 1024 }),
  tenant: Type.Optional(Type.String({ maxLength: 128, description: 'Tenant slug; needed only when the same username and password exist in several tenants' })),
  totp: Type.Optional(Type.String({ maxLength: 16 })),
});
export type LoginBody = Static<typeof LoginBody>;

/** Answer of `/auth/login` and of `/auth/me` for a session: the user and the CSRF token to send on writes. */
export const SessionResponse = Type.Object({ user: User, csrfToken: Type.Optional(Type.String()) });
export type SessionResponse = Static<typeof SessionResponse>;

/** The API key calling `/auth/me`. */
export const ApiKeyPrincipal = Type.Object({ id: Type.String(), name: Type.String(), scopes: Type.Array(StringEnum(SCOPES)), tenantId: Type.String() });

/** The tenant a session or key acts in. */
export const TenantRef = Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String() });
export type TenantRef = Static<typeof TenantRef>;

/** Answer of `/auth/me`: the signed-in user, or the calling API key, and the tenant it acts in. */
export const MeResponse = Type.Union([Type.Object({ user: User, csrfToken: Type.Optional(Type.String()), tenant: TenantRef }), Type.Object({ apiKey: ApiKeyPrincipal, tenant: TenantRef })]);
export type MeResponse = Static<typeof MeResponse>;

/**
 * Answer of `GET /auth/session`, the browser's probe on first load: always 200, so a signed-out visitor
 * costs no error status (and no console error); when signed in, the same as `/auth/me` for a session.
 */
export const SessionProbe = Type.Object({
  authenticated: Type.Boolean(),
  user: Type.Optional(User),
  csrfToken: Type.Optional(Type.String()),
  tenant: Type.Optional(TenantRef),
});
export type SessionProbe = Static<typeof SessionProbe>;

/** `POST /auth/password` body. */
export const PasswordChangeBody = Type.Object({ currentPassword: Type.String({ maxLength: 1024 }), newPassword: Type.String({ maxLength: 1024 }) });
export type PasswordChangeBody = Static<typeof PasswordChangeBody>;

/** `POST /auth/tenant` body. */
export const SwitchTenantBody = Type.Object({ tenant: Type.String({ minLength: 1, maxLength: 128, description: 'Tenant slug or id' }) });
export type SwitchTenantBody = Static<typeof SwitchTenantBody>;

/** The operations of `/api/v1/auth`. */
export const authApi = {
  login: operation({ tags: ['auth'], summary: 'Log in; sets the session cookie', body: LoginBody, response: { 200: SessionResponse }, errors: [401] }),
  logout: operation({ tags: ['auth'], summary: 'Log out', response: { 200: Ok } }),
  me: operation({ tags: ['auth'], summary: 'The current user or API key', response: { 200: MeResponse } }),
  session: operation({ tags: ['auth'], summary: 'Whether this browser has a session (200 either way): the user and CSRF token when it has', response: { 200: SessionProbe } }),
  switchTenant: operation({ tags: ['auth'], summary: 'Switch the session to another tenant (platform owner only)', body: SwitchTenantBody, response: { 200: Type.Object({ tenant: Tenant }) }, errors: [404] }),
  changePassword: operation({ tags: ['auth'], summary: 'Change your own password', body: PasswordChangeBody, response: { 200: Ok } }),
};
