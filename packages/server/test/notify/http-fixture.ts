/**
 * The conformance fixture of an HTTP channel: a local receiver plus how to read the message text.
 */
import type { ChannelType } from '../../src/notify/index.ts';
import type { ChannelFixture } from './channel-conformance.ts';
import { startHttpReceiver, type HttpReceiver, type ReceivedRequest } from './receivers.ts';

/** Builds a fixture for an HTTP channel; `receiver` is exposed for the adapter's own checks. */
export async function httpFixture(channel: ChannelType<any>, config: (base: string) => Record<string, unknown>, secret: string, textOf: (r: ReceivedRequest) => string = (r) => r.body): Promise<ChannelFixture & { receiver: HttpReceiver }> {
  const receiver = await startHttpReceiver();
  let stopped = false;
  return {
    channel,
    receiver,
    config: { ...config(receiver.base), allow_private: true },
    secret,
    http: true,
    answer: (a) => void (receiver.answer = a),
    count: () => receiver.requests.length,
    lastText: () => textOf(receiver.requests.at(-1)!),
    stop: async () => {
      if (!stopped) await receiver.close();
      stopped = true;
    },
  };
}
