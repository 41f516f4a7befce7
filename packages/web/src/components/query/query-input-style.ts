/**
 * @module query-input-style
 * The type of every input that holds a query (the query bar, the rule form's query fields).
 */

/**
 * 13 px monospace, not Mantine's 14 px: Chromium on Linux draws DejaVu Sans Mono (what `monospace`
 * resolves to there) at 14 px with its underscores clipped away inside an input, so `labels.bars_ui`
 * read as `labels.bars ui`; at 13 and 15 px they show (compared in headless Chromium, light and dark).
 */
export const QUERY_INPUT_STYLE = { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } as const;
