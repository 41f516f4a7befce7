/**
 * @module app/ids
 * Time-sortable ids (ULID, monotonic within a millisecond).
 */
import { monotonicFactory } from 'ulid';

/** A new ULID. */
export const newId: () => string = monotonicFactory();
