/**
 * @module agents/host-status
 * A host's status from when it was last heard of: pure, so the fleet list, the detail and the offline
 * sweeper agree on one rule. `online` within `staleAfterMs`, `stale` within `offlineAfterMs`, then
 * `offline`; a revoked host is `revoked` whatever it last sent.
 */

/** A host's status (the contract's `HostStatus`). */
export type HostState = 'online' | 'stale' | 'offline' | 'revoked';

/** When a silent host turns stale, then offline. */
export interface HostStatusThresholds {
  staleAfterMs: number;
  offlineAfterMs: number;
}

/** The status of a host last seen at `lastSeenAt` (epoch ms; null = never) at `now`. */
export function hostStatus(lastSeenAt: number | null, revoked: boolean, now: number, t: HostStatusThresholds): HostState {
  if (revoked) return 'revoked';
  if (lastSeenAt === null) return 'offline';
  const silent = now - lastSeenAt;
  if (silent <= t.staleAfterMs) return 'online';
  if (silent <= t.offlineAfterMs) return 'stale';
  return 'offline';
}

/** The event a status change becomes, or null when it is not worth one (online <-> stale flaps are not). */
export function statusTransition(from: HostState, to: HostState): 'host-offline' | 'host-online' | null {
  if (from === to) return null;
  if (to === 'offline') return 'host-offline';
  if (from === 'offline' && to === 'online') return 'host-online';
  return null;
}
