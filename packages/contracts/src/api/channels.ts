/**
 * @module api/channels
 * Contracts of `/api/v1/channels*`: notification channels per tenant. Credentials (webhook URLs and
 * secrets, tokens, routing keys, SMTP passwords) are accepted in bodies and answered as `********`;
 * sending `********` back on update keeps the stored value.
 */
import Type, { type Static } from 'typebox';
import { IdParams, IsoTime, Nullable, Ok, StringEnum, operation } from './common.ts';

/** The built-in channel types. */
export const CHANNEL_TYPES = ['webhook', 'slack', 'teams', 'discord', 'pagerduty', 'telegram', 'sms', 'email'] as const;

/** `POST /channels` and `PUT /channels/{id}` body. */
export const ChannelBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  type: Type.Optional(StringEnum(CHANNEL_TYPES, { description: 'Required on create; cannot change on update' })),
  config: Type.Record(Type.String(), Type.Unknown(), { description: 'Per type: see docs/notifications.md' }),
  default: Type.Optional(Type.Boolean({ description: 'Without a routing tree, newly opened alerts are sent to every default channel' })),
});
export type ChannelBody = Static<typeof ChannelBody>;

/** A channel as answered (secret fields masked). */
export const Channel = Type.Object({
  id: Type.String(),
  tenantId: Type.String(),
  name: Type.String(),
  type: Type.String(),
  config: Type.Record(Type.String(), Type.Unknown()),
  default: Type.Boolean(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Channel = Static<typeof Channel>;

/** Where a delivery is. */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

/** `/channels/{id}/deliveries/{deliveryId}` path. */
export const DeliveryParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }), deliveryId: Type.String({ minLength: 1, maxLength: 128 }) });

/** One attempt of a delivery. */
export const DeliveryAttempt = Type.Object({ attempt: Type.Integer(), at: IsoTime, ok: Type.Boolean(), statusCode: Nullable(Type.Integer()), latencyMs: Type.Number(), error: Nullable(Type.String()) });

/** One delivery of an alert to a channel. */
export const Delivery = Type.Object({
  id: Type.String(),
  channelId: Type.String(),
  alertId: Type.String(),
  status: StringEnum(DELIVERY_STATUSES, { description: 'pending: queued or waiting for a retry; failed: a dead letter (resend it)' }),
  kind: Nullable(Type.String({ description: 'Why it was sent: firing, repeat, acknowledged, resolved, escalation, test, or report (a digest)' })),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  lastStatusCode: Nullable(Type.Integer()),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  deliveredAt: Nullable(IsoTime),
  nextAttemptAt: Nullable(IsoTime),
  attemptLog: Type.Array(DeliveryAttempt),
});
export type Delivery = Static<typeof Delivery>;

/** What a test send did. */
export const ChannelTestResult = Type.Object({
  ok: Type.Boolean(),
  deliveryId: Type.String(),
  retry: Type.Optional(Type.Boolean({ description: 'On failure: whether a retry could succeed' })),
  reason: Type.Optional(Type.String()),
  statusCode: Type.Optional(Type.Integer()),
  latencyMs: Type.Number(),
});
export type ChannelTestResult = Static<typeof ChannelTestResult>;

/** The operations of `/api/v1/channels`. */
export const channelsApi = {
  list: operation({ tags: ['channels'], summary: 'List notification channels (secrets masked)', response: { 200: Type.Object({ channels: Type.Array(Channel) }) } }),
  create: operation({ tags: ['channels'], summary: 'Add a notification channel; its secrets are encrypted at rest and never returned', body: ChannelBody, response: { 201: Channel }, errors: [409] }),
  get: operation({ tags: ['channels'], summary: 'A channel (secrets masked)', params: IdParams, response: { 200: Channel } }),
  update: operation({ tags: ['channels'], summary: 'Change a channel; masked or omitted secrets keep their stored values', params: IdParams, body: ChannelBody, response: { 200: Channel }, errors: [409] }),
  remove: operation({ tags: ['channels'], summary: 'Delete a channel and its delivery log', params: IdParams, response: { 200: Ok } }),
  test: operation({ tags: ['channels'], summary: 'Send a sample alert now (one attempt) and answer the result', params: IdParams, response: { 200: ChannelTestResult } }),
  deliveries: operation({ tags: ['channels'], summary: 'The delivery log of a channel, newest first, with every attempt', params: IdParams, querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })), status: Type.Optional(StringEnum(DELIVERY_STATUSES, { description: 'Only deliveries in this status (failed = the dead letters)' })) }), response: { 200: Type.Object({ deliveries: Type.Array(Delivery) }) } }),
  resend: operation({ tags: ['channels'], summary: 'Put a dead letter (a failed delivery) back in the queue for a new round of attempts', params: DeliveryParams, response: { 200: Delivery }, errors: [409, 503] }),
};
