/**
 * @module cli/commands/user
 * `vigil user add|passwd|list` on the local database. Changes are audited with actor `cli`.
 */
import type { Command } from 'commander';
import { UserService } from '../../auth/user-service.ts';
import { UsersRepo } from '../../repos/users-repo.ts';
import { SessionsRepo } from '../../repos/sessions-repo.ts';
import { generatePassword } from '../../auth/secrets.ts';
import { withDb, exitWithError, auditCli } from '../context.ts';

/** Registers `user`. */
export function userCommand(program: Command): void {
  const user = program.command('user').description('manage users (on the local database)');
  const svc = (db: Parameters<Parameters<typeof withDb>[1]>[0]) => new UserService(new UsersRepo(db), new SessionsRepo(db));
  user
    .command('add <username>')
    .description('add a user; prints a generated password unless --password is given')
    .option('--role <role>', 'platform_owner|owner|admin|analyst|viewer', 'analyst')
    .option('--password <password>', 'initial password (else generated; the user must change it)')
    .option('--tenant <slug>', 'tenant', 'default')
    .action(async (username: string, opts: { role: string; password?: string; tenant: string }) => {
      try {
        const password = opts.password ?? generatePassword();
        const u = await withDb({ ...program.opts(), tenant: opts.tenant }, async (db, tenantId) => {
          const created = await svc(db).create(tenantId, { username, password, role: opts.role, mustChangePassword: !opts.password }, null);
          await auditCli(db, tenantId, 'user.create', created.id, { username: created.username, role: created.role });
          return created;
        });
        console.log(`added ${u.username} (${u.role})`);
        if (!opts.password) console.log(`password: ${password}`);
      } catch (err) {
        exitWithError(err);
      }
    });
  user
    .command('passwd <username>')
    .description('set a new password (from --password, or generated and printed)')
    .option('--password <password>', 'the new password')
    .option('--tenant <slug>', 'tenant', 'default')
    .action(async (username: string, opts: { password?: string; tenant: string }) => {
      try {
        const password = opts.password ?? generatePassword();
        await withDb({ ...program.opts(), tenant: opts.tenant }, async (db, tenantId) => {
          const u = (await new UsersRepo(db).list(tenantId)).find((x) => x.username === username);
          if (!u) throw new Error(`No user "${username}" in tenant ${opts.tenant}. List them with: vigil user list`);
          await svc(db).resetPassword(tenantId, u.id, password, null);
          await auditCli(db, tenantId, 'user.password_reset', u.id, { username });
        });
        console.log(`password changed for ${username}; they must change it at next login`);
        if (!opts.password) console.log(`password: ${password}`);
      } catch (err) {
        exitWithError(err);
      }
    });
  user
    .command('list')
    .description('list users')
    .option('--tenant <slug>', 'tenant', 'default')
    .action(async (opts: { tenant: string }) => {
      try {
        const users = await withDb({ ...program.opts(), tenant: opts.tenant }, (db, tenantId) => svc(db).list(tenantId));
        for (const u of users) console.log(`${u.username}\t${u.role}\t${u.disabled ? 'disabled' : 'active'}\t${u.lastLoginAt ? new Date(u.lastLoginAt).toISOString() : 'never'}`);
      } catch (err) {
        exitWithError(err);
      }
    });
}
