/**
 * @module cli/commands/migrate
 * `vigil migrate`: applies pending migrations (the only way PostgreSQL is migrated).
 */
import type { Command } from 'commander';
import { openDatabase, migrate, pendingMigrations } from '../../db/index.ts';
import { cliConfig, exitWithError } from '../context.ts';

/** Registers `migrate`. */
export function migrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations')
    .option('--status', 'only list pending migrations')
    .action(async (opts: { status?: boolean }) => {
      try {
        const config = cliConfig(program.opts());
        const db = openDatabase({ url: config['database.url'], dataDir: config.data_dir });
        try {
          if (opts.status) {
            const pending = await pendingMigrations(db);
            console.log(pending.length ? `pending: ${pending.map((m) => `${m.id}-${m.name}`).join(', ')}` : 'up to date');
            return;
          }
          const applied = await migrate(db, undefined, (m) => console.log(`applied ${m.id}-${m.name}`));
          console.log(applied.length ? `${applied.length} migration(s) applied to ${db.dialect}` : `${db.dialect} is up to date`);
        } finally {
          await db.close();
        }
      } catch (err) {
        exitWithError(err);
      }
    });
}
