/**
 * @module api/auth
 * Contracts of `/api/v1/auth/*`: log in, log out, who am I, change one's own password.
 */
import Type, { type Static } from 'typebox';
import { SCOPES } from '../roles.ts';
import { Ok, StringEnum, operation } from './common.ts';
import { User } from './users.ts';

/** `POST /auth/login` body. */
export const LoginBody = Type.Object({
  username: Type.String({ maxLength: 200 }),
  password: Type.String({ maxLength: 1024 }),
  totp: Type.Optional(Type.String({ maxLength: 16 })),
});
export type LoginBody = Static<typeof LoginBody>;

/** Answer of `/auth/login` and of `/auth/me` for a session: the user and the CSRF token to send on writes. */
export const SessionResponse = Type.Object({ user: User, csrfToken: Type.Optional(Type.String()) });
export type SessionResponse = Static<typeof SessionResponse>;

/** The API key calling `/auth/me`. */
export const ApiKeyPrincipal = Type.Object({ id: Type.String(), name: Type.String(), scopes: Type.Array(StringEnum(SCOPES)), tenantId: Type.String() });

/** Answer of `/auth/me`: the signed-in user, or the calling API key. */
export const MeResponse = Type.Union([SessionResponse, Type.Object({ apiKey: ApiKeyPrincipal })]);
export type MeResponse = Static<typeof MeResponse>;

/** `POST /auth/password` body. */
export const PasswordChangeBody = Type.Object({ currentPassword: Type.String({ maxLength: 1024 }), newPassword: Type.String({ maxLength: 1024 }) });
export type PasswordChangeBody = Static<typeof PasswordChangeBody>;

/** The operations of `/api/v1/auth`. */
export const authApi = {
  login: operation({ tags: ['auth'], summary: 'Log in; sets the session cookie', body: LoginBody, response: { 200: SessionResponse }, errors: [401] }),
  logout: operation({ tags: ['auth'], summary: 'Log out', response: { 200: Ok } }),
  me: operation({ tags: ['auth'], summary: 'The current user or API key', response: { 200: MeResponse } }),
  changePassword: operation({ tags: ['auth'], summary: 'Change your own password', body: PasswordChangeBody, response: { 200: Ok } }),
};
