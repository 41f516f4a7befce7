/**
 * @module config/duration
 * Durations such as `30s`, `15m`, `12h`, `7d` (the grammar lives in contracts).
 */
export { parseDuration } from '@vigil/contracts';
