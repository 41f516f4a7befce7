/**
 * @module repos/repo-deps
 * What every repository is given instead of calling the clock or the id generator itself, so tests
 * can pin both and the repositories stay plain I/O.
 */
import { newId } from '../app/ids.ts';

/** The clock and id generator a repository uses. */
export interface RepoDeps {
  /** Milliseconds since the epoch. */
  now: () => number;
  /** A new time-sortable id. */
  newId: () => string;
}

/** The system clock and ULIDs: what the runtime and the CLI pass. */
export const SYSTEM_REPO_DEPS: RepoDeps = { now: () => Date.now(), newId };
