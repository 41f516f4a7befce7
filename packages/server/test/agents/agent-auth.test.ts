/**
 * The host credential cache: a verified credential is served from memory, and a revocation made
 * behind the cache's back (another process: the CLI writes the database directly) or a disabled
 * tenant takes effect on the status sweeper's next sweep, on SQLite and PostgreSQL.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { SqliteDb, openSqlite, migrate, PostgresDb, createPgPool, type SqlDb } from '../../src/db/index.ts';
import { TenantsRepo } from '../../src/repos/index.ts';
import { HostsRepo } from '../../src/agents/hosts-repo.ts';
import { AgentAuth } from '../../src/agents/agent-auth.ts';
import { HostSweeper } from '../../src/agents/host-sweeper.ts';
import { HostPresence } from '../../src/agents/host-presence.ts';
import { createLogger } from '../../src/log/logger.ts';
import { credentialText, newSecret } from '../../src/agents/agent-secrets.ts';
import { sha256 } from '../../src/auth/secrets.ts';
import { postgresAvailable, tempSchema } from '../support/postgres.ts';

const pgAvailable = await postgresAvailable();

function suite(name: string, open: () => Promise<{ db: SqlDb; close: () => Promise<void> }>, skip = false): void {
  describe.skipIf(skip)(`AgentAuth cache (${name})`, () => {
    let db: SqlDb;
    let close: () => Promise<void>;
    let repo: HostsRepo;
    let tenantId: string;
    let n = 0;
    let clock = Date.now();

    beforeAll(async () => {
      ({ db, close } = await open());
      repo = new HostsRepo(db);
      tenantId = (await new TenantsRepo(db).create(`auth-${Date.now().toString(36)}`, 'Auth test')).id;
    });
    afterAll(async () => close?.());

    /** A host with its credential; counts the database reads of `forAuth`. */
    /** The status sweeper as the server wires it. No host changes status here, so nothing is ingested. */
    function sweeper(auth: AgentAuth): HostSweeper {
      return new HostSweeper({ hosts: repo, presence: new HostPresence(repo, () => undefined), ingest: null as never, log: createLogger('silent'), now: () => clock, thresholds: { staleAfterMs: 3_600_000, offlineAfterMs: 7_200_000 }, onSwept: (valid) => auth.retain(valid) });
    }

    async function host(): Promise<{ id: string; credential: string }> {
      const id = `01AUTHTEST${String(++n).padStart(6, '0')}${Date.now().toString(36).toUpperCase()}`.slice(0, 26);
      const secret = newSecret();
      await repo.create(db, { id, tenantId, name: `h${n}`, machineId: null, os: {}, agentVersion: null, tags: [], hostGroup: null, address: null, secretHash: sha256(secret), enrolledAt: clock, tokenId: null });
      return { id, credential: credentialText(id, secret) };
    }

    it('answers from memory, and forgets a host another process revoked on the next sync', async () => {
      let reads = 0;
      const counting = Object.create(repo) as HostsRepo;
      counting.forAuth = (id) => (reads++, repo.forAuth(id));
      const auth = new AgentAuth(counting, () => clock);
      const a = await host();
      const b = await host();
      expect((await auth.verify(a.credential)).hostId).toBe(a.id);
      await auth.verify(b.credential);
      clock += 60_000;
      await auth.verify(a.credential);
      await auth.verify(b.credential);
      expect(reads).toBe(2);
      // The CLI's revoke: a direct write this AgentAuth is not told about.
      await new HostsRepo(db).revoke(tenantId, a.id, clock);
      expect((await auth.verify(a.credential)).hostId).toBe(a.id);
      clock += 1_000;
      expect(await sweeper(auth).sweep()).toEqual([]);
      await expect(auth.verify(a.credential)).rejects.toMatchObject({ code: 'VIGIL_ERR_AGENT_REVOKED' });
      // Other hosts stay cached.
      await auth.verify(b.credential);
      expect(reads).toBe(3);
    });

    it('forgets the hosts of a tenant disabled elsewhere', async () => {
      const auth = new AgentAuth(repo, () => clock);
      const c = await host();
      await auth.verify(c.credential);
      await db.run('UPDATE tenants SET disabled = 1 WHERE id = $1', [tenantId]);
      try {
        await sweeper(auth).sweep();
        await expect(auth.verify(c.credential)).rejects.toMatchObject({ code: 'VIGIL_ERR_BAD_AGENT_CREDENTIAL', message: expect.stringMatching(/disabled/) });
      } finally {
        await db.run('UPDATE tenants SET disabled = 0 WHERE id = $1', [tenantId]);
      }
    });
  });
}

suite('SQLite', async () => {
  const db = new SqliteDb(openSqlite(':memory:'));
  await migrate(db);
  return { db, close: () => db.close() };
});

suite('PostgreSQL', async () => {
  const schema = await tempSchema('auth');
  const db = new PostgresDb(createPgPool(schema.url));
  await migrate(db);
  return {
    db,
    close: async () => {
      await db.close();
      await schema.drop();
    },
  };
}, !pgAvailable);
