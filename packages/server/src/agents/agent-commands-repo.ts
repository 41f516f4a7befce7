/**
 * @module agents/agent-commands-repo
 * Commands queued for agents, with their delivery and result.
 */
import type { SqlDb } from '../db/sql-db.ts';

/** A command row. */
export interface CommandRecord {
  id: string;
  tenantId: string;
  hostId: string;
  type: string;
  args: Record<string, unknown>;
  status: 'pending' | 'delivered' | 'done' | 'failed' | 'expired';
  createdBy: string | null;
  createdAt: number;
  deliveredAt: number | null;
  completedAt: number | null;
  result: Record<string, unknown> | null;
  error: string | null;
}

type Row = Record<string, unknown>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toCommand(r: Row): CommandRecord {
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    hostId: r.host_id as string,
    type: r.type as string,
    args: JSON.parse(r.args as string) as Record<string, unknown>,
    status: r.status as CommandRecord['status'],
    createdBy: (r.created_by as string | null) ?? null,
    createdAt: Number(r.created_at),
    deliveredAt: num(r.delivered_at),
    completedAt: num(r.completed_at),
    result: r.result ? (JSON.parse(r.result as string) as Record<string, unknown>) : null,
    error: (r.error as string | null) ?? null,
  };
}

/** Storage of agent commands. */
export class AgentCommandsRepo {
  constructor(private readonly db: SqlDb) {}

  async create(c: Pick<CommandRecord, 'id' | 'tenantId' | 'hostId' | 'type' | 'args' | 'createdBy' | 'createdAt'>): Promise<void> {
    await this.db.run("INSERT INTO agent_commands (id, tenant_id, host_id, type, args, status, created_by, created_at) VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7)", [c.id, c.tenantId, c.hostId, c.type, JSON.stringify(c.args), c.createdBy, c.createdAt]);
  }

  async get(tenantId: string, hostId: string, id: string): Promise<CommandRecord | undefined> {
    const r = await this.db.get<Row>('SELECT * FROM agent_commands WHERE tenant_id = $1 AND host_id = $2 AND id = $3', [tenantId, hostId, id]);
    return r && toCommand(r);
  }

  /** Marks pending commands older than `before` expired. */
  async expire(hostId: string, before: number): Promise<void> {
    await this.db.run("UPDATE agent_commands SET status = 'expired' WHERE host_id = $1 AND status = 'pending' AND created_at < $2", [hostId, before]);
  }

  /** Takes the host's pending commands, marking them delivered. */
  async take(hostId: string, at: number): Promise<CommandRecord[]> {
    return this.db.tx(async (t) => {
      const rows = (await t.all<Row>("SELECT * FROM agent_commands WHERE host_id = $1 AND status = 'pending' ORDER BY created_at, id LIMIT 100", [hostId])).map(toCommand);
      for (const c of rows) await t.run("UPDATE agent_commands SET status = 'delivered', delivered_at = $2 WHERE id = $1", [c.id, at]);
      return rows;
    });
  }

  /** Records a result of a delivered command of this host; false when there is no such command. */
  async complete(hostId: string, id: string, ok: boolean, result: Record<string, unknown> | null, error: string | null, at: number): Promise<boolean> {
    return (await this.db.run("UPDATE agent_commands SET status = $3, result = $4, error = $5, completed_at = $6 WHERE host_id = $1 AND id = $2 AND status IN ('pending', 'delivered')", [hostId, id, ok ? 'done' : 'failed', result ? JSON.stringify(result) : null, error, at])).changes > 0;
  }
}
