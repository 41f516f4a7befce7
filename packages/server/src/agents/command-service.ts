/**
 * @module agents/command-service
 * The command channel: an admin queues a command for a host; the host's agent long-polls
 * (`GET /agents/commands?wait=25`), receives it once, and posts the result. Agents only ever connect
 * out, so this is how the server reaches them. A long poll waits on an in-process wake-up (a command
 * queued in this process answers at once) and re-reads the table when it ends. Pending commands
 * expire after ten minutes; only `ping` exists until response actions arrive.
 */
import { VigilError, AGENT_COMMANDS, type AgentCommandType } from '@vigil/contracts';
import type { AgentCommandsRepo, CommandRecord } from './agent-commands-repo.ts';

const EXPIRE_MS = 10 * 60_000;

/** Queues, delivers and completes agent commands. */
export class CommandService {
  private readonly waiters = new Map<string, Set<() => void>>();
  private stopped = false;

  constructor(private readonly repo: AgentCommandsRepo, private readonly deps: { now: () => number; newId: () => string }) {}

  /** Queues a command for a host (the caller checked the host is in its tenant). */
  async queue(tenantId: string, hostId: string, type: string, args: Record<string, unknown>, createdBy: string | null): Promise<CommandRecord> {
    if (!(AGENT_COMMANDS as readonly string[]).includes(type)) throw new VigilError('VIGIL_ERR_VALIDATION', `type must be one of: ${AGENT_COMMANDS.join(', ')}.`, { field: 'type' });
    const id = this.deps.newId();
    await this.repo.create({ id, tenantId, hostId, type: type as AgentCommandType, args, createdBy, createdAt: this.deps.now() });
    this.wake(hostId);
    return (await this.repo.get(tenantId, hostId, id))!;
  }

  async get(tenantId: string, hostId: string, id: string): Promise<CommandRecord> {
    const c = await this.repo.get(tenantId, hostId, id);
    if (!c) throw new VigilError('VIGIL_ERR_NOT_FOUND', `No command ${id} for host ${hostId}.`);
    return c;
  }

  /** The host's pending commands, waiting up to `waitMs` for one to be queued. */
  async poll(hostId: string, waitMs: number): Promise<CommandRecord[]> {
    await this.repo.expire(hostId, this.deps.now() - EXPIRE_MS);
    let got = await this.repo.take(hostId, this.deps.now());
    if (got.length || waitMs <= 0 || this.stopped) return got;
    await new Promise<void>((resolve) => {
      let set = this.waiters.get(hostId);
      if (!set) this.waiters.set(hostId, (set = new Set()));
      const done = () => {
        clearTimeout(timer);
        set!.delete(done);
        if (!set!.size) this.waiters.delete(hostId);
        resolve();
      };
      const timer = setTimeout(done, waitMs);
      set.add(done);
    });
    got = await this.repo.take(hostId, this.deps.now());
    return got;
  }

  /** Records the agent's answer. */
  async complete(hostId: string, id: string, ok: boolean, result: Record<string, unknown> | null, error: string | null): Promise<void> {
    if (!(await this.repo.complete(hostId, id, ok, result, error, this.deps.now()))) throw new VigilError('VIGIL_ERR_NOT_FOUND', `No open command ${id} for this host.`);
  }

  private wake(hostId: string): void {
    for (const w of [...(this.waiters.get(hostId) ?? [])]) w();
  }

  /** Ends every long poll now (shutdown: the HTTP server waits for requests in flight). */
  stop(): void {
    this.stopped = true;
    for (const set of [...this.waiters.values()]) for (const w of [...set]) w();
  }
}
