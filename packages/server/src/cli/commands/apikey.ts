/**
 * @module cli/commands/apikey
 * `vigil apikey create|list|revoke|rotate` on the local database (audited with actor `cli`). `create` and `rotate` print the key
 * alone on their last line, so scripts can take it with `tail -n1`.
 */
import type { Command } from 'commander';
import { ApiKeyService, publicKey } from '../../auth/api-key-service.ts';
import { ApiKeysRepo } from '../../repos/api-keys-repo.ts';
import { withDb, exitWithError, auditCli } from '../context.ts';

/** Registers `apikey`. */
export function apikeyCommand(program: Command): void {
  const cmd = program.command('apikey').description('manage API keys (on the local database)');
  const svc = (db: Parameters<Parameters<typeof withDb>[1]>[0]) => new ApiKeyService(new ApiKeysRepo(db));
  cmd
    .command('create')
    .description('create a key; prints it once, alone on the last line')
    .requiredOption('--name <name>', 'a name for the key')
    .option('--scopes <list>', 'comma-separated: ingest,read,write,admin', 'ingest')
    .option('--expires <iso>', 'expiry time (ISO 8601)')
    .option('--tenant <slug>', 'tenant', 'default')
    .action(async (opts: { name: string; scopes: string; expires?: string; tenant: string }) => {
      try {
        const { key, record } = await withDb({ ...program.opts(), tenant: opts.tenant }, async (db, t) => {
          const r = await svc(db).create(t, { name: opts.name, scopes: opts.scopes, expiresAt: opts.expires }, null);
          await auditCli(db, t, 'apikey.create', r.record.id, { name: r.record.name, scopes: r.record.scopes });
          return r;
        });
        console.log(`created ${record.id} (${record.scopes.join(',')}); it is shown only now:`);
        console.log(key);
      } catch (err) {
        exitWithError(err);
      }
    });
  cmd
    .command('list')
    .description('list keys (never their secrets)')
    .option('--tenant <slug>', 'tenant', 'default')
    .action(async (opts: { tenant: string }) => {
      try {
        const keys = await withDb({ ...program.opts(), tenant: opts.tenant }, (db, t) => svc(db).list(t));
        for (const k of keys.map(publicKey)) console.log(`${k.id}\t${k.name}\t${(k.scopes as string[]).join(',')}\t${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}\tlast used ${k.lastUsedAt ?? 'never'}`);
      } catch (err) {
        exitWithError(err);
      }
    });
  cmd
    .command('revoke <id>')
    .description('revoke a key')
    .option('--tenant <slug>', 'tenant', 'default')
    .action(async (id: string, opts: { tenant: string }) => {
      try {
        await withDb({ ...program.opts(), tenant: opts.tenant }, async (db, t) => {
          await svc(db).revoke(t, id);
          await auditCli(db, t, 'apikey.revoke', id);
        });
        console.log(`revoked ${id}`);
      } catch (err) {
        exitWithError(err);
      }
    });
  cmd
    .command('rotate <id>')
    .description('issue a new secret; the old one keeps working for --overlap seconds')
    .option('--overlap <seconds>', 'overlap period in seconds', '3600')
    .option('--tenant <slug>', 'tenant', 'default')
    .action(async (id: string, opts: { overlap: string; tenant: string }) => {
      try {
        const { key } = await withDb({ ...program.opts(), tenant: opts.tenant }, async (db, t) => {
          const r = await svc(db).rotate(t, id, Number(opts.overlap), null);
          await auditCli(db, t, 'apikey.rotate', id, { overlapSeconds: Number(opts.overlap) });
          return r;
        });
        console.log(`rotated ${id}; the previous secret works for ${opts.overlap} s more. New key:`);
        console.log(key);
      } catch (err) {
        exitWithError(err);
      }
    });
}
