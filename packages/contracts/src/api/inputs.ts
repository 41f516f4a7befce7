/**
 * @module api/inputs
 * Contracts of `/api/v1/inputs` (ingest health per input).
 */
import Type, { type Static } from 'typebox';
import { INPUTS } from '../event.ts';
import { StringEnum, operation } from './common.ts';

/** Counters of one input (after Vector's component spec). */
export const InputStats = Type.Object({
  name: StringEnum(INPUTS),
  received: Type.Integer(),
  emitted: Type.Integer(),
  dropped: Type.Integer(),
  failed: Type.Integer(),
  parseFailures: Type.Integer(),
});
export type InputStats = Static<typeof InputStats>;

/** `GET /inputs` answer. */
export const InputList = Type.Object({ inputs: Type.Array(InputStats) });
export type InputList = Static<typeof InputList>;

/** The operations of `/api/v1/inputs`. */
export const inputsApi = {
  list: operation({ tags: ['ops'], summary: 'Per-input counters: received, emitted, dropped, failed, parse failures', response: { 200: InputList } }),
};
