/**
 * @module types
 * Shapes of the HTTP API's answers as the UI uses them. Event fields come from `@vigil/contracts`.
 */
import type { VigilEvent } from '@vigil/contracts';

export type { VigilEvent };

/** Roles, most to least privileged. */
export const ROLES = ['owner', 'admin', 'analyst', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in user (`/auth/login`, `/auth/me`). */
export interface SessionUser {
  id: string;
  username: string;
  role: Role;
  tenantId: string;
  mustChangePassword: boolean;
}

/** Answer of `/auth/login` and `/auth/me`. */
export interface SessionResponse {
  user: SessionUser;
  csrfToken?: string;
}

/** A page of search results. */
export interface EventsPage {
  events: VigilEvent[];
  nextCursor: string | null;
  total?: number;
}

export interface HistogramResponse {
  buckets: { ts: string; count: number }[];
  interval: string;
}

export interface TopResponse {
  field: string;
  values: { value: string | number | boolean | null; count: number }[];
}

export interface FieldInfo {
  name: string;
  type: string;
  count: number;
}

export interface FieldsResponse {
  fields: FieldInfo[];
}

/** Ingest health of one input. */
export interface InputStats {
  name: string;
  received: number;
  emitted: number;
  dropped: number;
  failed: number;
  parseFailures: number;
}

export const API_KEY_SCOPES = ['ingest', 'read', 'write', 'admin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export interface ApiKey {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** A freshly created or rotated key: the secret `key` is shown once. */
export interface CreatedApiKey extends Omit<ApiKey, 'lastUsedAt' | 'revokedAt'> {
  key: string;
}

export interface UserRecord {
  id: string;
  username: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface SavedSearch {
  id: string;
  name: string;
  query: string;
  from: string;
  to: string;
  columns?: string[];
  createdAt?: string;
}
