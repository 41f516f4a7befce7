/**
 * @module notify/create-notify-stack
 * Wires notifications over a database and the data dir's secret key: channels, routing, the
 * durable delivery queue with signed action links, and the notify service that drives them. The
 * runtime module, the tests and the benchmark all build it here, so they run the same thing.
 */
import type { AlertEvent } from '@vigil/contracts';
import type { SqlDb } from '../db/sql-db.ts';
import type { SecretBox } from '../auth/secret-box.ts';
import { BUILTIN_CHANNELS } from './channels/builtin.ts';
import { ChannelsRepo } from './channels-repo.ts';
import { createChannelService } from './create-channel-service.ts';
import type { ChannelService } from './channel-service.ts';
import { DeliveryQueueRepo, type QueuedDelivery } from './delivery-queue-repo.ts';
import { DeliveryQueue } from './delivery-queue.ts';
import { DispatchStateRepo } from './dispatch-state-repo.ts';
import { RoutingService } from './routing-service.ts';
import { NotifyService } from './notify-service.ts';
import { AlertLinkSigner } from './alert-links.ts';
import type { BackoffPolicy } from './backoff.ts';
import type { ChannelRegistry, DeliveryResult } from './notifier.ts';
import type { AuditRecorder } from '../repos/audit-recorder.ts';

/** Options of the notification stack. */
export interface NotifyStackOptions {
  db: SqlDb;
  box: SecretBox;
  publicUrl: string | null;
  now: () => number;
  newId: () => string;
  /** A tenant's open and acknowledged alerts. */
  unresolved: (tenantId: string) => Promise<AlertEvent[]>;
  /** One alert of a tenant (route tests by id). */
  alertById?: (tenantId: string, id: string) => Promise<AlertEvent | null>;
  registry?: ChannelRegistry;
  policy?: BackoffPolicy;
  timeoutMs?: number;
  random?: () => number;
  onAttempt?: (d: QueuedDelivery, result: DeliveryResult, status: 'pending' | 'delivered' | 'failed') => void;
  onCount?: (what: 'received' | 'queued', n: number) => void;
  onError: (err: unknown, what: string) => void;
  /** Where changes to channels and routing are recorded. */
  audit?: AuditRecorder;
}

/** The notification services of a process. */
export interface NotifyStack {
  channels: ChannelService;
  routing: RoutingService;
  queue: DeliveryQueue;
  notifier: NotifyService;
  links: AlertLinkSigner;
}

/** Builds the notification stack (nothing runs until `notifier.start()`). */
export function createNotifyStack(o: NotifyStackOptions): NotifyStack {
  const deps = { now: o.now, newId: o.newId };
  const registry = o.registry ?? BUILTIN_CHANNELS;
  const channelsRepo = new ChannelsRepo(o.db, o.box, deps);
  const queueRepo = new DeliveryQueueRepo(o.db, deps);
  const routing = new RoutingService(o.db, { channels: channelsRepo, alertById: o.alertById, unresolved: o.unresolved, audit: o.audit }, deps);
  const links = new AlertLinkSigner(o.box, o.publicUrl);
  const queue = new DeliveryQueue({
    repo: queueRepo, channels: channelsRepo, registry, policy: o.policy, random: o.random,
    ctx: { publicUrl: o.publicUrl, now: o.now, newId: o.newId, timeoutMs: o.timeoutMs ?? 10_000 },
    decorate: (alert, tenantId) => ({ ...alert, actions: links.actions(alert, tenantId, o.now()) }),
    onAttempt: o.onAttempt,
    onError: (err) => o.onError(err, 'delivery queue'),
  });
  const channels = createChannelService({
    db: o.db, box: o.box, publicUrl: o.publicUrl, now: o.now, newId: o.newId, registry, policy: o.policy, timeoutMs: o.timeoutMs, random: o.random,
    audit: o.audit,
    hooks: { channelUse: (t, id) => routing.channelUse(t, id), queue: { repo: queueRepo, kick: (ids) => queue.kick(ids) } },
  });
  const notifier = new NotifyService({ db: o.db, routing, queue, queueRepo, state: new DispatchStateRepo(o.db), channels: channelsRepo, unresolved: o.unresolved, now: o.now, onCount: o.onCount, onError: o.onError });
  return { channels, routing, queue, notifier, links };
}
