/**
 * @module notify/channel-service
 * Channels as the API sees them: validated by their type's `parseConfig`, credentials split off and
 * sealed, answered masked; a test send; the delivery log.
 */
import { VigilError } from '@vigil/contracts';
import type { ChannelRegistry, ChannelType } from './notifier.ts';
import type { ChannelsRepo, Delivery, StoredChannel } from './channels-repo.ts';
import type { DeliveryQueueRepo } from './delivery-queue-repo.ts';
import type { ChannelSender, DeliveryOutcome } from './channel-sender.ts';
import { sampleAlert } from './alert-message.ts';
import type { ActorRef, AuditRecorder } from '../repos/audit-recorder.ts';

/** What a set secret is answered as; sending it back on update keeps the stored value. */
export const SECRET_MASK = '********';

/** A channel as answered: secret fields masked. */
export type ChannelView = Omit<StoredChannel, 'secretsSet' | 'isDefault'> & { default: boolean };

/** Input of create and update. */
export interface ChannelInput {
  name: string;
  type?: string;
  config: Record<string, unknown>;
  default?: boolean;
}

/** Optional collaborators of the channel service. */
export interface ChannelServiceHooks {
  /** Where a channel is in use (routing tree, escalation policy), or null: a channel in use is not deleted. */
  channelUse?: (tenantId: string, channelId: string) => Promise<string | null>;
  /** The durable queue (resend puts a dead letter back in it). */
  queue?: { repo: DeliveryQueueRepo; kick: (channelIds: string[]) => void };
}

/** The channel service of the API and the CLI. */
export class ChannelService {
  constructor(private readonly registry: ChannelRegistry, private readonly repo: ChannelsRepo, private readonly sender: ChannelSender, private readonly newId: () => string, private readonly now: () => number, private readonly audit?: AuditRecorder, private readonly hooks: ChannelServiceHooks = {}) {}

  /** Records a change (views are masked already; the type's secret fields are masked again). */
  private async audited(tenantId: string, actor: ActorRef | undefined, action: string, id: string, before: ChannelView | undefined, after: ChannelView | undefined): Promise<void> {
    if (!actor || !this.audit) return;
    const secretKeys = (before ?? after) ? this.typeOf((before ?? after)!.type).secretFields : [];
    await this.audit.record(tenantId, { actor, action: `channel.${action}`, targetType: 'channel', targetId: id, ...(before ? { before } : {}), ...(after ? { after } : {}), secretKeys });
  }

  private typeOf(type: string): ChannelType<any> {
    const t = Object.hasOwn(this.registry, type) ? this.registry[type] : undefined;
    if (!t) throw new VigilError('VIGIL_ERR_VALIDATION', `type "${type}" is not a channel type. Use one of: ${Object.keys(this.registry).join(', ')}.`, { field: 'type' });
    return t;
  }

  private view(c: StoredChannel): ChannelView {
    const { secretsSet, isDefault, ...rest } = c;
    return { ...rest, default: isDefault, config: { ...c.config, ...Object.fromEntries(secretsSet.map((k) => [k, SECRET_MASK])) } };
  }

  /** Splits a validated config into public and secret parts; `kept` supplies masked or omitted secrets. */
  private split(type: ChannelType<any>, raw: Record<string, unknown>, kept: Record<string, unknown> = {}) {
    const merged: Record<string, unknown> = { ...raw };
    for (const f of type.secretFields) if (merged[f] === SECRET_MASK || (merged[f] === undefined && kept[f] !== undefined)) merged[f] = kept[f];
    const parsed = type.parseConfig(merged) as Record<string, unknown>;
    const secrets: Record<string, unknown> = {};
    const config: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(parsed)) {
      if (v === undefined) continue;
      if (type.secretFields.includes(k)) secrets[k] = v;
      else config[k] = v;
    }
    return { config, secrets };
  }

  private checkName(name: string): string {
    const n = name.trim();
    if (!n) throw new VigilError('VIGIL_ERR_VALIDATION', 'name is required', { field: 'name' });
    return n;
  }

  /** The tenant's channels. */
  async list(tenantId: string): Promise<ChannelView[]> {
    return (await this.repo.list(tenantId)).map((c) => this.view(c));
  }

  /** One channel. */
  async get(tenantId: string, id: string): Promise<ChannelView> {
    return this.view(await this.repo.get(tenantId, id));
  }

  /** Adds a channel. */
  async create(tenantId: string, input: ChannelInput, actor?: ActorRef): Promise<ChannelView> {
    const type = this.typeOf(input.type ?? '');
    const { config, secrets } = this.split(type, input.config);
    const c = this.view(await this.repo.create(tenantId, { name: this.checkName(input.name), type: type.type, config, secrets, isDefault: input.default ?? false }));
    await this.audited(tenantId, actor, 'create', c.id, undefined, c);
    return c;
  }

  /** Replaces a channel's name and config (its type stays); masked or omitted secrets keep their values. */
  async update(tenantId: string, id: string, input: ChannelInput, actor?: ActorRef): Promise<ChannelView> {
    const current = await this.repo.get(tenantId, id);
    if (input.type && input.type !== current.type) throw new VigilError('VIGIL_ERR_VALIDATION', `a channel's type cannot change (it is ${current.type}); create a new channel instead`, { field: 'type' });
    // Secrets sealed under another key (VIGIL_ERR_SECRET_KEY) are entered again: the new values replace them.
    const kept = await this.repo.secrets(tenantId, id).catch((err: unknown) => {
      if (err instanceof VigilError && err.code === 'VIGIL_ERR_SECRET_KEY') return {};
      throw err;
    });
    const { config, secrets } = this.split(this.typeOf(current.type), input.config, kept);
    const c = this.view(await this.repo.update(tenantId, id, { name: this.checkName(input.name), config, secrets, isDefault: input.default ?? current.isDefault }));
    await this.audited(tenantId, actor, 'update', id, this.view(current), c);
    return c;
  }

  /** Deletes a channel and its delivery log; refused while routing uses it. */
  async remove(tenantId: string, id: string, actor?: ActorRef): Promise<void> {
    const current = await this.repo.get(tenantId, id);
    const use = await this.hooks.channelUse?.(tenantId, id);
    if (use) throw new VigilError('VIGIL_ERR_CONFLICT', `The channel is used by ${use}; change that first.`, { id });
    const before = actor ? this.view(current) : undefined;
    await this.repo.delete(tenantId, id);
    await this.audited(tenantId, actor, 'delete', id, before, undefined);
  }

  /** Sends a sample alert once (no retries: the caller waits for the answer) and records it. */
  async test(tenantId: string, id: string): Promise<DeliveryOutcome> {
    return this.sendTo(tenantId, id, sampleAlert(tenantId, this.now(), `test-${this.newId()}`), 1, 'test');
  }

  /** Sends an alert to one channel with the sender's retries. */
  async sendTo(tenantId: string, id: string, alert: Parameters<ChannelSender['send']>[1], maxAttempts?: number, kind?: string): Promise<DeliveryOutcome> {
    const c = await this.repo.get(tenantId, id);
    const type = this.typeOf(c.type);
    const config = type.parseConfig({ ...c.config, ...(await this.repo.secrets(tenantId, id)) });
    return this.sender.send({ tenantId, channelId: id, type, config }, alert, maxAttempts, kind ?? (alert.message ? 'report' : 'firing'));
  }

  /** The channel's delivery log, newest first (of one status when given). */
  deliveries(tenantId: string, id: string, limit?: number, status?: Delivery['status']) {
    return this.repo.deliveries(tenantId, id, limit, status);
  }

  /** Puts a dead letter (a `failed` delivery) back in the queue for a new round of attempts; answers it. */
  async resend(tenantId: string, channelId: string, deliveryId: string, actor?: ActorRef) {
    const [d] = await this.repo.deliveries(tenantId, channelId, 1, undefined, deliveryId);
    if (!d) throw new VigilError('VIGIL_ERR_NOT_FOUND', 'No such delivery of this channel.', { id: deliveryId });
    if (d.status !== 'failed') throw new VigilError('VIGIL_ERR_CONFLICT', `The delivery is ${d.status}; only a failed delivery (a dead letter) is resent.`, { status: d.status });
    const q = this.hooks.queue;
    if (!q) throw new VigilError('VIGIL_ERR_UNAVAILABLE', 'The delivery queue does not run in this process.');
    if (!(await q.repo.resend(tenantId, channelId, deliveryId, this.now()))) throw new VigilError('VIGIL_ERR_CONFLICT', 'A test send is not resent: send another test.', { kind: d.kind });
    q.kick([channelId]);
    if (actor && this.audit) await this.audit.record(tenantId, { actor, action: 'delivery.resend', targetType: 'delivery', targetId: deliveryId, details: { channelId, alertId: d.alertId, kind: d.kind } });
    return (await this.repo.deliveries(tenantId, channelId, 1, undefined, deliveryId))[0]!;
  }
}
