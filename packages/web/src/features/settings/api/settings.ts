/**
 * @module settings api
 * API keys and users.
 */
import { useApiMutation, useApiQuery } from '../../../api/api.ts';
import { listOf } from '../../../api/list.ts';
import type { ApiKey, CreateApiKeyBody, CreateUserBody, CreatedApiKey, Role, User as UserRecord } from '@vigil/contracts';

export function useApiKeys() {
  const q = useApiQuery<unknown>({ key: ['api-keys'], path: '/api-keys' });
  return { ...q, keys: listOf<ApiKey>(q.data, 'apiKeys') };
}

/** What the create-key form sends (the contract's body). */
export type NewApiKey = CreateApiKeyBody;

export function useCreateApiKey() {
  return useApiMutation<NewApiKey, CreatedApiKey>({ path: '/api-keys', invalidate: [['api-keys']] });
}

export function useRevokeApiKey() {
  return useApiMutation<string>({ method: 'DELETE', path: (id) => `/api-keys/${encodeURIComponent(id)}`, body: () => undefined, invalidate: [['api-keys']] });
}

export function useRotateApiKey() {
  return useApiMutation<{ id: string; overlapSeconds?: number }, CreatedApiKey>({
    path: ({ id }) => `/api-keys/${encodeURIComponent(id)}/rotate`,
    body: ({ overlapSeconds }) => (overlapSeconds === undefined ? {} : { overlapSeconds }),
    invalidate: [['api-keys']],
  });
}

export function useUsers(enabled = true) {
  const q = useApiQuery<unknown>({ key: ['users'], path: '/users', enabled });
  return { ...q, users: listOf<UserRecord>(q.data, 'users') };
}

export function useCreateUser() {
  return useApiMutation<CreateUserBody, UserRecord>({ path: '/users', invalidate: [['users']] });
}

export function useUpdateUser() {
  return useApiMutation<{ id: string; role?: Role; disabled?: boolean }, UserRecord>({
    method: 'PATCH',
    path: ({ id }) => `/users/${encodeURIComponent(id)}`,
    body: ({ role, disabled }) => ({ ...(role ? { role } : {}), ...(disabled === undefined ? {} : { disabled }) }),
    invalidate: [['users']],
  });
}

export function useResetPassword() {
  return useApiMutation<{ id: string; password: string }>({
    path: ({ id }) => `/users/${encodeURIComponent(id)}/password`,
    body: ({ password }) => ({ password }),
  });
}
