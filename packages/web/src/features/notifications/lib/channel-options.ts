/**
 * @module channel-options
 * The tenant's channels as picker options (`value` the id, `label` the name), with ids no channel has
 * any more kept as options so a stored reference still shows.
 */
import { useChannels } from '../../channels/api/channels.ts';

export interface Option {
  value: string;
  label: string;
}

/** Options for every channel plus any `extra` id that is not one. */
export function channelOptions(channels: readonly { id: string; name: string }[], extra: readonly string[] = []): Option[] {
  const out = channels.map((c) => ({ value: c.id, label: c.name }));
  for (const id of new Set(extra)) if (!out.some((o) => o.value === id)) out.push({ value: id, label: `${id} (no such channel)` });
  return out;
}

/** The channels as options, loaded once per page. */
export function useChannelOptions(extra: readonly string[] = []): { options: Option[]; nameOf: (id: string) => string } {
  const list = useChannels();
  const options = channelOptions(list.data?.channels ?? [], extra);
  return { options, nameOf: (id) => options.find((o) => o.value === id)?.label ?? id };
}
