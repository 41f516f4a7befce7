/**
 * @module postmortem-text
 * The postmortem's list sections edited as text: contributing factors one per line, timeline lines
 * as `when | what`. Pure, so the editor round-trips what the server stores.
 */
import type { PostmortemTimelineItem } from '@vigil/contracts';

/** Contributing factors from a text area: one per non-empty line. */
export function parseFactors(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** Timeline lines `when | what`; a line without `|` is all text with an empty time. */
export function parseTimeline(text: string): PostmortemTimelineItem[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
    const i = l.indexOf('|');
    return i < 0 ? { at: '', text: l } : { at: l.slice(0, i).trim(), text: l.slice(i + 1).trim() };
  }).filter((t) => t.text);
}

/** The timeline as the text area shows it. */
export function formatTimeline(items: PostmortemTimelineItem[]): string {
  return items.map((t) => (t.at ? `${t.at} | ${t.text}` : t.text)).join('\n');
}
