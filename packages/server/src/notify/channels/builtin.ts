/**
 * @module notify/channels/builtin
 * The built-in channel types. Adding one is a folder here plus one line below.
 */
import type { ChannelRegistry } from '../notifier.ts';
import { webhookChannel } from './webhook/index.ts';
import { slackChannel } from './slack/index.ts';
import { teamsChannel } from './teams/index.ts';
import { discordChannel } from './discord/index.ts';
import { pagerdutyChannel } from './pagerduty/index.ts';
import { telegramChannel } from './telegram/index.ts';
import { smsChannel } from './sms/index.ts';
import { emailChannel } from './email/index.ts';

/** Every built-in channel type, by name. */
export const BUILTIN_CHANNELS: ChannelRegistry = {
  webhook: webhookChannel,
  slack: slackChannel,
  teams: teamsChannel,
  discord: discordChannel,
  pagerduty: pagerdutyChannel,
  telegram: telegramChannel,
  sms: smsChannel,
  email: emailChannel,
};
