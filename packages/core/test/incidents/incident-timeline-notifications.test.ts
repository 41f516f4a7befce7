/**
 * Deliveries as incident timeline entries: the text says why, where and how it stands; merged into
 * the recorded timeline by time, recorded entries first on a tie.
 */
import { describe, expect, it } from 'vitest';
import type { IncidentTimelineEntry } from '@vigil/contracts';
import { deliveryEntry, withNotifications, type IncidentDelivery } from '../../src/incidents/incident-state.ts';

const T = Date.UTC(2026, 11, 5, 12);
const d = (over: Partial<IncidentDelivery>): IncidentDelivery => ({ id: 'd1', alertId: 'a1', channelId: 'c1', channel: 'soc', channelType: 'slack', kind: 'firing', status: 'delivered', attempts: 1, lastStatusCode: 200, createdAt: T, deliveredAt: T + 80, ...over });
const rec = (ms: number, action: IncidentTimelineEntry['action']): IncidentTimelineEntry => ({ at: new Date(ms).toISOString(), actor: 'ana', action, text: null });

describe('notifications in the incident timeline', () => {
  it('says why, to which channel and where it stands', () => {
    expect(deliveryEntry(d({}))).toEqual({ at: new Date(T).toISOString(), actor: 'vigil', action: 'notification', text: 'firing → "soc" (slack): delivered', data: { deliveryId: 'd1', alertId: 'a1', channelId: 'c1', channel: 'soc', channelType: 'slack', kind: 'firing', status: 'delivered', attempts: 1, lastStatusCode: 200, deliveredAt: new Date(T + 80).toISOString() } });
    expect(deliveryEntry(d({ attempts: 3 })).text).toBe('firing → "soc" (slack): delivered after 3 attempts');
    expect(deliveryEntry(d({ status: 'failed', attempts: 5, lastStatusCode: 503, kind: 'escalation', deliveredAt: null })).text).toBe('escalation → "soc" (slack): failed after 5 attempts (503), kept as a dead letter');
    expect(deliveryEntry(d({ status: 'pending', attempts: 2, lastStatusCode: null, deliveredAt: null })).text).toBe('firing → "soc" (slack): retrying, attempt 2 failed');
    expect(deliveryEntry(d({ status: 'pending', attempts: 0, channel: null, channelType: null, kind: null, deliveredAt: null })).text).toBe('firing → a deleted channel: queued');
  });

  it('merges by time, recorded entries first on a tie', () => {
    const recorded = [rec(T - 1000, 'created'), rec(T, 'alert_added'), rec(T + 5000, 'note')];
    const merged = withNotifications(recorded, [d({ id: 'early', createdAt: T - 2000 }), d({ id: 'tie', createdAt: T }), d({ id: 'late', createdAt: T + 9000 })]);
    expect(merged.map((e) => (e.action === 'notification' ? `n:${e.data!.deliveryId as string}` : e.action))).toEqual(['n:early', 'created', 'alert_added', 'n:tie', 'note', 'n:late']);
    expect(withNotifications(recorded, [])).toEqual(recorded);
  });
});
