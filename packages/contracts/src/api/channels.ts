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

/** A channel type's name. */
export type ChannelTypeName = (typeof CHANNEL_TYPES)[number];

/** How a config field is entered: `secret` is write-only (answered masked), `list` takes several values. */
export type ChannelFieldKind = 'text' | 'url' | 'secret' | 'boolean' | 'integer' | 'list';

/** One config field of a channel type: what the UI's form shows, what the server's parser reads. */
export interface ChannelFieldSpec {
  name: string;
  label: string;
  kind: ChannelFieldKind;
  required?: boolean;
  /** Shown under the field. */
  help?: string;
  placeholder?: string;
  /** For integers: the value the server uses when the field is left out. */
  defaultValue?: number | boolean;
}

/** A channel type as the UI offers it: what it does and the fields of its config. */
export interface ChannelTypeSpec {
  type: ChannelTypeName;
  label: string;
  description: string;
  fields: readonly ChannelFieldSpec[];
}

/** Parts of a channel's message its `template` may replace (`config.template.title` / `.text`). */
export const MESSAGE_TEMPLATE_PARTS = ['title', 'text'] as const;

/**
 * Placeholders of channel message templates (`{{name}}`), besides any alert field such as
 * `{{host.name}}` or `{{source.ip}}` (the rule's group fields; `-` when the alert lacks it).
 */
export const MESSAGE_TEMPLATE_PLACEHOLDERS: Readonly<Record<string, string>> = {
  title: 'the default title, e.g. "[HIGH] SSH brute force"',
  severity: 'critical, high, medium, low or informational',
  state: 'open, acknowledged or resolved',
  kind: 'why it is sent: firing, repeat, acknowledged, resolved, escalation (test for a test send)',
  rule_title: 'the rule title',
  rule_id: 'the rule id',
  group: 'the rule\'s group-by values, e.g. "host.name=web-1"',
  count: 'matches folded into the alert',
  alerts: 'alerts in the routed group (1 without grouping)',
  first_seen: 'first match (ISO time)',
  last_seen: 'last match (ISO time)',
  link: 'the alert in the web UI ("-" without public_url)',
  alert_id: 'the alert id',
  tags: 'the tags, comma-separated',
  author: 'the rule author',
  facts: 'the default label: value lines (severity, rule, group, count, first and last seen, …)',
};

const allowPrivate: ChannelFieldSpec = { name: 'allow_private', label: 'Allow private addresses', kind: 'boolean', help: 'Let this channel reach loopback and private-network hosts (refused by default).' };

/**
 * The config fields of every built-in channel type (docs/notifications.md). The server's channel
 * parsers read exactly these; a server test checks that the secret and required fields agree.
 */
export const CHANNEL_TYPE_SPECS: readonly ChannelTypeSpec[] = [
  { type: 'webhook', label: 'Webhook', description: 'POSTs the alert as JSON to a URL, signed with X-Vigil-Signature and Standard Webhooks headers.', fields: [
    { name: 'url', label: 'URL', kind: 'secret', required: true, placeholder: 'https://hooks.example.org/vigil', help: 'Kept secret: webhook URLs often carry a token.' },
    { name: 'secret', label: 'Signing secret', kind: 'secret', help: 'Signs each request (HMAC-SHA256); receivers verify it.' },
    { name: 'previous_secret', label: 'Previous signing secret', kind: 'secret', help: 'Also signs while receivers rotate to the new secret.' },
    allowPrivate,
  ] },
  { type: 'slack', label: 'Slack', description: 'Slack incoming webhook with a Block Kit message.', fields: [
    { name: 'url', label: 'Incoming webhook URL', kind: 'secret', required: true, placeholder: 'https://hooks.slack.com/services/…' },
    allowPrivate,
  ] },
  { type: 'teams', label: 'Microsoft Teams', description: 'Microsoft Teams Workflows webhook with an Adaptive Card.', fields: [
    { name: 'url', label: 'Workflows webhook URL', kind: 'secret', required: true, help: 'From the Workflows template "When a Teams webhook request is received".' },
    allowPrivate,
  ] },
  { type: 'discord', label: 'Discord', description: 'Discord webhook with an embed.', fields: [
    { name: 'url', label: 'Channel webhook URL', kind: 'secret', required: true, placeholder: 'https://discord.com/api/webhooks/…' },
    allowPrivate,
  ] },
  { type: 'pagerduty', label: 'PagerDuty', description: 'PagerDuty Events API v2 (trigger, acknowledge, resolve; dedup_key = alert id).', fields: [
    { name: 'routing_key', label: 'Routing key', kind: 'secret', required: true, help: 'The integration key of an Events API v2 service.' },
    { name: 'base_url', label: 'Events API URL', kind: 'url', placeholder: 'https://events.pagerduty.com' },
    allowPrivate,
  ] },
  { type: 'telegram', label: 'Telegram', description: 'Telegram bot message (Bot API sendMessage).', fields: [
    { name: 'bot_token', label: 'Bot token', kind: 'secret', required: true },
    { name: 'chat_id', label: 'Chat id', kind: 'text', required: true, placeholder: '-1001234567890' },
    { name: 'base_url', label: 'Bot API URL', kind: 'url', placeholder: 'https://api.telegram.org' },
    allowPrivate,
  ] },
  { type: 'sms', label: 'SMS (Twilio)', description: 'SMS through a Twilio-compatible Messages API.', fields: [
    { name: 'account_sid', label: 'Account SID', kind: 'text', required: true },
    { name: 'auth_token', label: 'Auth token', kind: 'secret', required: true },
    { name: 'from', label: 'From number', kind: 'text', required: true, placeholder: '+15005550006' },
    { name: 'to', label: 'To numbers', kind: 'list', required: true, help: 'One or more numbers, separated by commas.' },
    { name: 'base_url', label: 'API URL', kind: 'url', placeholder: 'https://api.twilio.com' },
    allowPrivate,
  ] },
  { type: 'email', label: 'E-mail', description: 'E-mail over SMTP (HTML and text).', fields: [
    { name: 'host', label: 'SMTP host', kind: 'text', required: true, placeholder: 'smtp.example.org' },
    { name: 'port', label: 'Port', kind: 'integer', help: '587 by default; 465 with implicit TLS.' },
    { name: 'secure', label: 'Implicit TLS (port 465)', kind: 'boolean' },
    { name: 'require_tls', label: 'Require STARTTLS', kind: 'boolean', help: 'On by default unless private addresses are allowed.' },
    { name: 'user', label: 'User', kind: 'text' },
    { name: 'password', label: 'Password', kind: 'secret' },
    { name: 'from', label: 'From', kind: 'text', required: true, placeholder: 'vigil@example.org' },
    { name: 'to', label: 'To', kind: 'list', required: true, help: 'One or more addresses, separated by commas.' },
    allowPrivate,
  ] },
];

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
