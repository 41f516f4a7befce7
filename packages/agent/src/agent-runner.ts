/**
 * @module agent-runner
 * The running agent: collects metrics, snapshots and log lines on timers, writes every batch to the
 * disk buffer, and ships the buffer in order; heartbeats; long-polls for commands; rotates its
 * credential when the server says so. It only ever connects out. A 401 with VIGIL_ERR_AGENT_REVOKED
 * (or any other 401: a credential the server does not know) stops it for good: it writes a marker,
 * removes its credential, exits with code 3 (4), and `run` refuses to start again until the host is
 * enrolled anew — the systemd unit does not restart on those codes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import type { AgentBatchResult, AgentCommandList, AgentConfig, HeartbeatResponse, RotateCredentialResponse, SnapshotSection } from '@vigil/contracts';
import { DEFAULT_FIM, DEFAULT_LOGS, statePath, type ResolvedConfig } from './config.ts';
import { saveCredential, type StoredCredential } from './credential.ts';
import { ServerClient, type Outcome } from './server-client.ts';
import { Backoff } from './backoff.ts';
import { DiskBuffer, type BufferedBatch } from './disk-buffer.ts';
import { LogTailer, type FilePosition } from './log-tailer.ts';
import { JournalFollower, journalctlAvailable } from './journald.ts';
import { collectMetrics, type MetricsState } from './collectors/metrics.ts';
import { under } from './collectors/read.ts';
import type { HashCache } from './collectors/fim.ts';
import type { OutboundConnection } from './collectors/ports.ts';
import { takeSnapshot, type LoginOffsets, type Sections } from './snapshot.ts';
import { diffSnapshots, loginEvents, newOutbound, snapshotEvent, type AgentEvent } from './snapshot-diff.ts';
import { COMMAND_HANDLERS } from './commands.ts';
import { readJson, writeJson } from './state-files.ts';
import { AGENT_VERSION } from './version.ts';
import type { Log } from './log.ts';

/** Exit codes the systemd unit knows (RestartPreventExitStatus=3 4). */
export const EXIT = { ok: 0, error: 1, revoked: 3, unauthorized: 4 } as const;

/** Intervals and limits in force (the server's, overridden by the config file's `intervals`). */
interface Intervals {
  metricsMs: number;
  heartbeatMs: number;
  snapshotMs: number;
  flushMs: number;
  maxBatchBytes: number;
}

interface SnapshotState {
  sections: Sections;
  loginOffsets: LoginOffsets | null;
  /** Per section: the hash of what was last sent and when. */
  sent: Record<string, { hash: string; at: number }>;
}

interface Positions {
  files: Record<string, FilePosition>;
  journalCursor: string | null;
  initialized: boolean;
}

/** A full copy of an unchanged section is sent again this often, so the server's view heals. */
const RESEND_MS = 3_600_000;
/** A line batch is cut near this size, well under the server's limit. */
const CHUNK_BYTES = 1 << 20;

const sleep = (ms: number, signal: { stopped: boolean; wake?: () => void }) =>
  new Promise<void>((resolve) => {
    if (signal.stopped) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.wake = undefined;
      resolve();
    }
    signal.wake = done;
  });

/** A new batch id: time-ordered for people reading the buffer, random for uniqueness. */
function newBatchId(): string {
  return `b${Date.now().toString(36)}${randomBytes(8).toString('hex')}`;
}

/** One agent process. */
export class AgentRunner {
  private readonly client: ServerClient;
  private readonly buffer: DiskBuffer;
  private readonly intervals: Intervals;
  private readonly timers: NodeJS.Timeout[] = [];
  private stopped = false;
  private exitCode: number = EXIT.ok;
  private finish!: (code: number) => void;
  private readonly done = new Promise<number>((r) => (this.finish = r));
  private readonly shipSignal: { stopped: boolean; wake?: () => void } = { stopped: false };
  private readonly cmdSignal: { stopped: boolean; wake?: () => void } = { stopped: false };
  private readonly shipBackoff = new Backoff(1_000, 60_000);
  private readonly cmdBackoff = new Backoff(1_000, 60_000);
  private metricsState: MetricsState = {};
  private snap: SnapshotState;
  private positions: Positions;
  private tailer: LogTailer | null = null;
  private journal: JournalFollower | null = null;
  private readonly hashCache: HashCache = new Map();
  private readonly outboundSeen = new Set<string>();
  private pending: { events: AgentEvent[]; metrics: NonNullable<BufferedBatch['metrics']>; lines: NonNullable<BufferedBatch['lines']>; snapshot: NonNullable<BufferedBatch['snapshot']> } = { events: [], metrics: [], lines: [], snapshot: [] };
  private skewMs: number | null = null;
  /** A snapshot was taken since the baseline file was last written. */
  private snapDirty = false;
  private shipping: Promise<void> = Promise.resolve();
  private polling: Promise<void> = Promise.resolve();
  /** Batches the server took (since start), for tests and `status`. */
  sent = 0;

  constructor(private readonly cfg: ResolvedConfig, private cred: StoredCredential, private readonly log: Log, serverConfig?: AgentConfig) {
    this.client = new ServerClient(cred.server, { credential: () => this.cred.credential, insecureTls: cfg.insecureTls, userAgent: `vigil-agent/${AGENT_VERSION}` });
    this.buffer = new DiskBuffer(statePath(cfg, 'buffer'), cfg.bufferMaxBytes ?? 100 * 1024 * 1024);
    const sc = serverConfig ?? readJson<AgentConfig | null>(statePath(cfg, 'server-config.json'), null);
    const i = cfg.intervals ?? {};
    const s = (v: number | undefined, d: number) => Math.max(0.2, v ?? d) * 1000;
    this.intervals = {
      metricsMs: s(i.metricsS, sc?.metricsIntervalS ?? 10),
      heartbeatMs: s(i.heartbeatS, sc?.heartbeatIntervalS ?? 30),
      snapshotMs: s(i.snapshotS, sc?.snapshotIntervalS ?? 60),
      flushMs: s(i.flushS, Math.min(5, i.metricsS ?? sc?.metricsIntervalS ?? 10)),
      maxBatchBytes: sc?.maxBatchBytes ?? 8 * 1024 * 1024,
    };
    this.snap = readJson<SnapshotState>(statePath(cfg, 'snapshot-state.json'), { sections: {}, loginOffsets: null, sent: {} });
    this.positions = readJson<Positions>(statePath(cfg, 'positions.json'), { files: {}, journalCursor: null, initialized: false });
  }

  private enabled = (name: string) => this.cfg.collectors?.[name] !== false;

  /** Runs until stopped (signal) or told to stop (revoked); answers the exit code. */
  async run(opts: { once?: boolean } = {}): Promise<number> {
    const revokedMarker = statePath(this.cfg, 'revoked.json');
    if (existsSync(revokedMarker)) {
      this.log('error', `this host was revoked (${readFileSync(revokedMarker, 'utf8').trim()}); not starting. Enroll it again with a new token to monitor it.`);
      return EXIT.revoked;
    }
    this.log('info', 'vigil-agent started', { version: AGENT_VERSION, server: this.cred.server, hostId: this.cred.hostId, buffered: this.buffer.size });
    this.startLogs();
    this.collectMetrics();
    if (opts.once) {
      this.collectSnapshot();
      this.collectMetrics();
      this.flush();
      await this.heartbeat();
      if (!this.stopped) await this.drain();
      this.stopNow(this.exitCode);
      return this.done;
    }
    const every = (ms: number, fn: () => void) => {
      const t = setInterval(() => {
        try {
          fn();
        } catch (err) {
          this.log('warn', 'collector failed', { err: (err as Error).message });
        }
      }, ms);
      this.timers.push(t);
    };
    every(this.intervals.metricsMs, () => this.collectMetrics());
    every(this.intervals.snapshotMs, () => this.collectSnapshot());
    every(this.intervals.flushMs, () => this.flush());
    every(1_000, () => this.pollLogs());
    every(this.intervals.heartbeatMs, () => void this.heartbeat());
    setTimeout(() => !this.stopped && this.collectSnapshot(), 1_000).unref();
    void this.heartbeat();
    this.shipping = this.shipLoop();
    this.polling = this.commandLoop();
    return this.done;
  }

  /** Stops: what is collected goes to the disk buffer first, so nothing is lost. */
  async stop(code: number = EXIT.ok): Promise<void> {
    if (this.stopped) return;
    try {
      this.pollLogs();
      this.flush();
    } catch (err) {
      this.log('warn', 'could not buffer the last data', { err: (err as Error).message });
    }
    this.stopNow(code);
    await Promise.allSettled([this.shipping, this.polling]);
  }

  private stopNow(code: number): void {
    if (this.stopped) return;
    this.stopped = true;
    this.exitCode = code;
    for (const t of this.timers) clearInterval(t);
    this.shipSignal.stopped = this.cmdSignal.stopped = true;
    this.shipSignal.wake?.();
    this.cmdSignal.wake?.();
    this.journal?.stop();
    this.tailer?.close();
    this.client.close();
    this.finish(code);
  }

  // ---------------------------------------------------------------------------------------------
  // Collection
  // ---------------------------------------------------------------------------------------------

  private collectMetrics(): void {
    if (!this.enabled('metrics')) return;
    const now = Date.now();
    const r = collectMetrics(this.cfg.root, this.metricsState, now);
    this.metricsState = r.state;
    for (const s of r.samples) this.pending.metrics.push({ name: s.name, ...(s.labels ? { labels: s.labels } : {}), ts: now, value: s.value });
  }

  private collectSnapshot(): void {
    const now = Date.now();
    const s = takeSnapshot({ root: this.cfg.root, fimPaths: this.cfg.fileIntegrity ?? DEFAULT_FIM, enabled: this.enabled, hashCache: this.hashCache, loginOffsets: this.snap.loginOffsets });
    const events = diffSnapshots(this.snap.sections, s.sections, now);
    events.push(...loginEvents(s.newLogins));
    // The first look at outbound connections is the baseline.
    const outbound = (s.sections.outbound as OutboundConnection[] | undefined) ?? [];
    const firstOutbound = this.outboundSeen.size === 0 && !this.snap.sections.outbound;
    const connected = newOutbound(outbound, this.outboundSeen, now);
    if (!firstOutbound) events.push(...connected);
    const changed: string[] = [];
    for (const [name, data] of Object.entries(s.sections)) {
      const hash = createHash('sha256').update(JSON.stringify(data)).digest('hex');
      const last = this.snap.sent[name];
      if (last && last.hash === hash && now - last.at < RESEND_MS) continue;
      if (!last || last.hash !== hash) changed.push(name);
      this.pending.snapshot.push({ section: name as SnapshotSection, takenAt: now, data });
      this.snap.sent[name] = { hash, at: now };
    }
    if (changed.length || events.length) events.unshift(snapshotEvent(s.sections, now, changed));
    this.pending.events.push(...events);
    this.snap.sections = s.sections;
    this.snap.loginOffsets = s.loginOffsets;
    this.snapDirty = true;
    if (events.length) this.log('debug', 'snapshot', { events: events.length, changed });
    // The new baseline is saved together with the batch holding its events (flush).
    this.flush();
  }

  private startLogs(): void {
    const files = this.cfg.logs ?? DEFAULT_LOGS.filter((p) => existsSync(under(this.cfg.root, p)));
    const firstRun = !this.positions.initialized;
    if (files.length) this.tailer = new LogTailer(files, this.positions.files, firstRun);
    const want = this.cfg.journald ?? 'auto';
    if (want === true || (want === 'auto' && !files.length && journalctlAvailable())) {
      const start = () => {
        this.journal = new JournalFollower(this.positions.journalCursor, hostname(), (text) => this.pending.lines.push({ text, source: 'journald' }), (why) => {
          if (this.stopped) return;
          this.log('warn', 'journald follower stopped; restarting in 10 s', { why });
          setTimeout(() => !this.stopped && start(), 10_000).unref();
        });
        this.journal.start();
      };
      start();
    }
    this.positions.initialized = true;
    this.savePositions();
  }

  private pollLogs(): void {
    if (!this.tailer) return;
    for (const l of this.tailer.poll()) this.pending.lines.push({ text: l.text, file: l.file, source: 'file' });
    if (this.pending.lines.length >= 5_000) this.flush();
  }

  private savePositions(): void {
    if (this.tailer) this.positions.files = { ...this.positions.files, ...this.tailer.positions() };
    if (this.journal?.cursor) this.positions.journalCursor = this.journal.cursor;
    writeJson(statePath(this.cfg, 'positions.json'), this.positions, 0o600);
  }

  /** Moves what was collected into the disk buffer (in batches under the size limit), then saves positions and the snapshot baseline. */
  private flush(): void {
    const p = this.pending;
    if (!p.events.length && !p.metrics.length && !p.lines.length && !p.snapshot.length) return;
    this.pending = { events: [], metrics: [], lines: [], snapshot: [] };
    const now = Date.now();
    const first: BufferedBatch = { batchId: newBatchId(), createdAt: now };
    if (p.events.length) first.events = p.events;
    if (p.metrics.length) first.metrics = p.metrics;
    if (p.snapshot.length) first.snapshot = p.snapshot;
    const batches: BufferedBatch[] = [first];
    const limit = Math.min(CHUNK_BYTES, this.intervals.maxBatchBytes / 2);
    let current = first;
    let bytes = JSON.stringify(first).length;
    for (const l of p.lines) {
      const n = l.text.length + (l.file?.length ?? 0) + 40;
      if (bytes + n > limit && current.lines?.length) {
        current = { batchId: newBatchId(), createdAt: now };
        batches.push(current);
        bytes = 100;
      }
      (current.lines ??= []).push(l);
      bytes += n;
    }
    for (const b of batches) this.buffer.push(b);
    this.savePositions();
    // The baseline (with the package list, often 100 KB+) is written only when a snapshot changed it.
    if (this.snapDirty) {
      writeJson(statePath(this.cfg, 'snapshot-state.json'), this.snap, 0o600);
      this.snapDirty = false;
    }
    this.shipSignal.wake?.();
  }

  // ---------------------------------------------------------------------------------------------
  // Shipping
  // ---------------------------------------------------------------------------------------------

  /** Sends until the buffer is empty or the server cannot be reached (once mode). */
  private async drain(): Promise<void> {
    for (let tries = 0; !this.stopped && this.buffer.size && tries < 5; ) {
      if (!(await this.sendOne())) tries++;
    }
  }

  /** Sends the oldest buffered batch; answers true when it left the buffer. */
  private async sendOne(): Promise<boolean> {
    const item = this.buffer.peek();
    if (!item) return false;
    const r = await this.client.request<AgentBatchResult>('POST', 'api/v1/agents/batches', item.body(Date.now()), { timeoutMs: 60_000 });
    if (r.ok) {
      this.buffer.ack(item.seq);
      this.shipBackoff.reset();
      this.sent++;
      if (r.body.flagged) this.log('warn', 'the server flagged this host’s clock as skewed', { skewMs: r.body.skewMs });
      if (r.body.rejected.length) this.log('warn', 'the server refused part of a batch', { first: r.body.rejected[0] });
      return true;
    }
    if (this.fatal(r)) return false;
    if (r.kind === 'rejected') {
      if (r.status === 413) {
        const parts = splitBatch(item.batch);
        if (parts) {
          this.buffer.split(item.seq, parts);
          return true;
        }
      } else if (r.code === 'VIGIL_ERR_CLOCK_SKEW') {
        this.log('error', r.message);
        await sleep(Math.max(60_000, this.shipBackoff.next()), this.shipSignal);
        return false;
      }
      this.log('error', 'the server refused a batch; dropping it', { status: r.status, code: r.code, message: r.message });
      this.buffer.ack(item.seq);
      this.buffer.dropped++;
      return true;
    }
    const wait = this.shipBackoff.next(r.retryAfterMs);
    this.log(this.shipBackoff.count > 3 ? 'warn' : 'debug', 'server unreachable; batches stay buffered', { buffered: this.buffer.size, retryInMs: wait, why: r.message });
    await sleep(wait, this.shipSignal);
    return false;
  }

  private async shipLoop(): Promise<void> {
    while (!this.stopped) {
      if (!this.buffer.size) {
        await sleep(this.intervals.flushMs, this.shipSignal);
        continue;
      }
      await this.sendOne();
    }
  }

  /** Handles a 401: stops for good. Answers true when the outcome was fatal. */
  private fatal(r: Outcome<unknown>): boolean {
    if (r.ok || (r.kind !== 'revoked' && r.kind !== 'unauthorized')) return false;
    if (this.stopped) return true;
    const revoked = r.kind === 'revoked';
    this.log('error', revoked ? 'this host was revoked by the server: stopping. Enroll it again with a new token to monitor it.' : 'the server does not accept this host’s credential: stopping. Enroll the host again with a new token.', { code: r.code });
    writeJson(statePath(this.cfg, 'revoked.json'), { at: new Date().toISOString(), code: r.code, message: r.message }, 0o600);
    rmSync(statePath(this.cfg, 'credential.json'), { force: true });
    this.stopNow(revoked ? EXIT.revoked : EXIT.unauthorized);
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Heartbeat, credential rotation, commands
  // ---------------------------------------------------------------------------------------------

  private async heartbeat(): Promise<void> {
    if (this.stopped) return;
    const t0 = Date.now();
    const os = this.snap.sections.os as Record<string, string> | undefined;
    const r = await this.client.request<HeartbeatResponse>('POST', 'api/v1/agents/heartbeat', {
      sentAt: t0,
      agentVersion: AGENT_VERSION,
      uptimeS: Math.round(process.uptime()),
      bufferedBatches: this.buffer.size,
      droppedBatches: this.buffer.dropped,
      ...(this.skewMs !== null ? { skewMs: this.skewMs } : {}),
      ...(os ? { os: { name: os.name, id: os.id, version: os.version, kernel: os.kernel, arch: os.arch, platform: os.platform } } : {}),
    }, { timeoutMs: 15_000 });
    if (!r.ok) {
      this.fatal(r);
      return;
    }
    const t1 = Date.now();
    this.skewMs = Math.round(r.body.serverTime - (t0 + t1) / 2);
    if (Math.abs(this.skewMs) > 120_000) this.log('warn', 'this host’s clock is off from the server’s', { skewMs: this.skewMs });
    writeJson(statePath(this.cfg, 'server-config.json'), r.body.config, 0o600);
    if (r.body.rotateCredential) await this.rotate();
  }

  private async rotate(): Promise<void> {
    const r = await this.client.request<RotateCredentialResponse>('POST', 'api/v1/agents/rotate', undefined, { timeoutMs: 15_000 });
    if (!r.ok) {
      if (!this.fatal(r)) this.log('warn', 'credential rotation failed; the old credential keeps working for now', { why: r.message });
      return;
    }
    this.cred = { ...this.cred, credential: r.body.credential, rotatedAt: new Date().toISOString() };
    saveCredential(this.cfg, this.cred);
    this.log('info', 'rotated the host credential', { previousValidUntil: r.body.previousValidUntil });
  }

  private async commandLoop(): Promise<void> {
    while (!this.stopped) {
      const r = await this.client.request<AgentCommandList>('GET', 'api/v1/agents/commands?wait=25', undefined, { timeoutMs: 45_000 });
      if (this.stopped) return;
      if (!r.ok) {
        if (this.fatal(r)) return;
        await sleep(this.cmdBackoff.next(r.retryAfterMs), this.cmdSignal);
        continue;
      }
      this.cmdBackoff.reset();
      for (const c of r.body.commands) {
        const handler = COMMAND_HANDLERS[c.type];
        let body: { ok: boolean; result?: Record<string, unknown>; error?: string };
        try {
          body = handler ? { ok: true, result: await handler(c.args) } : { ok: false, error: `unknown command ${c.type}` };
        } catch (err) {
          body = { ok: false, error: (err as Error).message };
        }
        this.log('info', 'command', { id: c.id, type: c.type, ok: body.ok });
        const res = await this.client.request('POST', `api/v1/agents/commands/${encodeURIComponent(c.id)}/result`, body, { timeoutMs: 15_000 });
        if (!res.ok && this.fatal(res)) return;
      }
    }
  }

  /** Batches waiting in the disk buffer. */
  get buffered(): number {
    return this.buffer.size;
  }
}

/** Halves a batch's lists (the server said it is too large); null when it cannot be split. */
export function splitBatch(b: BufferedBatch): BufferedBatch[] | null {
  const lists = (['events', 'metrics', 'lines', 'snapshot'] as const).filter((k) => (b[k]?.length ?? 0) > 0);
  const total = lists.reduce((n, k) => n + b[k]!.length, 0);
  if (total <= 1) return null;
  const a: BufferedBatch = { batchId: newBatchId(), createdAt: b.createdAt };
  const c: BufferedBatch = { batchId: newBatchId(), createdAt: b.createdAt };
  for (const k of lists) {
    const list = b[k]! as unknown[];
    const half = Math.ceil(list.length / 2);
    (a as unknown as Record<string, unknown[]>)[k] = list.slice(0, half);
    if (list.length > half) (c as unknown as Record<string, unknown[]>)[k] = list.slice(half);
  }
  return [a, c].filter((x) => lists.some((k) => (x[k]?.length ?? 0) > 0));
}
