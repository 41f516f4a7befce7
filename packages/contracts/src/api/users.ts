/**
 * @module api/users
 * Contracts of `/api/v1/users`: the users of the caller's tenant.
 */
import Type, { type Static } from 'typebox';
import { ROLES } from '../roles.ts';
import { IdParams, IsoTime, Nullable, Ok, StringEnum, operation } from './common.ts';

/** A user as the API shows it (never the password hash). */
export const User = Type.Object({
  id: Type.String(),
  tenantId: Type.String(),
  username: Type.String(),
  role: StringEnum(ROLES),
  disabled: Type.Boolean(),
  mustChangePassword: Type.Boolean({ description: 'True until the user replaced a password an admin set' }),
  createdAt: IsoTime,
  lastLoginAt: Nullable(IsoTime),
});
export type User = Static<typeof User>;

/** `GET /users` answer. */
export const UserList = Type.Object({ users: Type.Array(User) });
export type UserList = Static<typeof UserList>;

/** `POST /users` body. */
export const CreateUserBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 200 }),
  password: Type.String({ maxLength: 1024 }),
  role: StringEnum(ROLES),
});
export type CreateUserBody = Static<typeof CreateUserBody>;

/** `PATCH /users/:id` body. */
export const UpdateUserBody = Type.Object({ role: Type.Optional(StringEnum(ROLES)), disabled: Type.Optional(Type.Boolean()) });
export type UpdateUserBody = Static<typeof UpdateUserBody>;

/** `POST /users/:id/password` body. */
export const ResetPasswordBody = Type.Object({ password: Type.String({ maxLength: 1024 }) });
export type ResetPasswordBody = Static<typeof ResetPasswordBody>;

/** The operations of `/api/v1/users`. */
export const usersApi = {
  list: operation({ tags: ['users'], summary: 'List users', response: { 200: UserList } }),
  create: operation({ tags: ['users'], summary: 'Add a user', body: CreateUserBody, response: { 201: User }, errors: [409] }),
  update: operation({ tags: ['users'], summary: 'Change role or disable', params: IdParams, body: UpdateUserBody, response: { 200: User } }),
  resetPassword: operation({ tags: ['users'], summary: 'Reset a password (the user must change it at next login)', params: IdParams, body: ResetPasswordBody, response: { 200: Ok } }),
};
