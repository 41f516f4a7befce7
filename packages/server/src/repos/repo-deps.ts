/**
 * @module repos/repo-deps
 * What every repository is given instead of calling the clock or the id generator itself, so tests
 * can pin both and the repositories stay plain I/O.
 */
import { monotonicFactory } from 'ulid';

/** The clock and id generator a repository uses. */
export interface RepoDeps {
  /** Milliseconds since the epoch. */
  now: () => number;
  /** A new time-sortable id. */
  newId: () => string;
}

/** The system clock and ULIDs (monotonic within a millisecond, like app/ids): the default of every repository. */
export const SYSTEM_REPO_DEPS: RepoDeps = { now: () => Date.now(), newId: monotonicFactory() };
