/**
 * @module notify/create-channel-service
 * Wires the channel service over a database and the data dir's secret key.
 */
import type { SqlDb } from '../db/sql-db.ts';
import type { SecretBox } from '../auth/secret-box.ts';
import { BUILTIN_CHANNELS } from './channels/builtin.ts';
import { ChannelsRepo } from './channels-repo.ts';
import { ChannelSender } from './channel-sender.ts';
import { ChannelService, type ChannelServiceHooks } from './channel-service.ts';
import type { ChannelRegistry } from './notifier.ts';
import type { BackoffPolicy } from './backoff.ts';
import type { AuditRecorder } from '../repos/audit-recorder.ts';

/** Options of the channel service. */
export interface ChannelServiceOptions {
  db: SqlDb;
  box: SecretBox;
  publicUrl: string | null;
  now: () => number;
  newId: () => string;
  registry?: ChannelRegistry;
  policy?: BackoffPolicy;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Where create, update and delete are recorded (with the actor the caller passes). */
  audit?: AuditRecorder;
  hooks?: ChannelServiceHooks;
}

/** The channel service with its repository and sender. */
export function createChannelService(o: ChannelServiceOptions): ChannelService {
  const repo = new ChannelsRepo(o.db, o.box, { now: o.now, newId: o.newId });
  const sender = new ChannelSender({ repo, ctx: { publicUrl: o.publicUrl, now: o.now, newId: o.newId, timeoutMs: o.timeoutMs ?? 10_000 }, policy: o.policy, sleep: o.sleep, random: o.random });
  return new ChannelService(o.registry ?? BUILTIN_CHANNELS, repo, sender, o.newId, o.now, o.audit, o.hooks);
}
