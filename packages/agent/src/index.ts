/**
 * @module @vigil/agent
 * Vigil's host agent. The pure collectors (each takes a root path) and the snapshot diff are exported
 * for tests and tools; the process is `main.ts` (bundled to dist/vigil-agent.js).
 */
export { collectMetrics, type Sample, type MetricsState } from './collectors/metrics.ts';
export { collectPorts, hexAddress } from './collectors/ports.ts';
export { collectUsers, collectGroups } from './collectors/accounts.ts';
export { collectSudoers, parseSudoers } from './collectors/sudoers.ts';
export { collectSshKeys, parseAuthorizedKeys, fingerprint } from './collectors/ssh-keys.ts';
export { collectSshd } from './collectors/sshd.ts';
export { parseUtmp, readNewLogins } from './collectors/logins.ts';
export { collectPackages, parseDpkgStatus } from './collectors/packages.ts';
export { collectOs } from './collectors/os-info.ts';
export { collectFim } from './collectors/fim.ts';
export { takeSnapshot } from './snapshot.ts';
export { diffSnapshots, newOutbound, loginEvents, snapshotEvent } from './snapshot-diff.ts';
export { DiskBuffer } from './disk-buffer.ts';
export { LogTailer } from './log-tailer.ts';
export { journalLine } from './journald.ts';
export { Backoff } from './backoff.ts';
export { splitBatch } from './agent-runner.ts';
