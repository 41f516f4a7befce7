/**
 * @module api/ops
 * Contracts of the operations endpoints: `/healthz`, `/readyz`, `/metrics` (public, say nothing secret).
 */
import Type, { type Static } from 'typebox';
import { Content, operation } from './common.ts';

/** `/healthz` answer. */
export const Health = Type.Object({ status: Type.String({ description: 'ok' }) });

/** `/readyz` answer (200 ready, 503 not). */
export const Readiness = Type.Object({ status: Type.String({ description: 'ready or unavailable' }), checks: Type.Record(Type.String(), Type.String()) });
export type Readiness = Static<typeof Readiness>;

/** The operations of the ops endpoints. */
export const opsApi = {
  health: operation({ tags: ['ops'], summary: 'Liveness', response: { 200: Health } }),
  ready: operation({ tags: ['ops'], summary: 'Readiness: the database answers', response: { 200: Readiness, 503: Readiness } }),
  metrics: operation({ tags: ['ops'], summary: 'Prometheus metrics', response: { 200: Content({ 'text/plain': Type.String() }, 'Prometheus text format 0.0.4') } }),
};
