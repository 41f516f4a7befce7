/**
 * @module tenant-event
 * The message of the `events` topic: one normalized event with the tenant it belongs to.
 */
import type { VigilEvent } from './event.ts';

/** One event with the tenant it belongs to. */
export interface TenantEvent {
  tenantId: string;
  event: VigilEvent;
}
