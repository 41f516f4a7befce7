/**
 * @module cli/commands/snmp
 * `vigil snmp mib import FILE...`: compiles OID names from MIB files (core's compiler, against the
 * built-in names and those imported before) into the database, so traps and polls show them. No MIB
 * parser runs in the server; a running server picks the names up within a minute.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { VigilError } from '@vigil/contracts';
import { compileMibs, OidTable } from '@vigil/core';
import { cliConfig, cliLogger, exitWithError, type GlobalOptions } from '../context.ts';
import { MibNamesRepo } from '../../snmp/mib-names-repo.ts';

/** Registers `snmp`. */
export function snmpCommand(program: Command): void {
  const snmp = program.command('snmp').description('SNMP: OID names from MIB files');
  const mib = snmp.command('mib').description('MIB files');
  mib
    .command('import <files...>')
    .description('add the OID names defined in MIB files (give a MIB together with the MIBs it imports, in any order)')
    .option('--dry-run', 'compile and report, store nothing')
    .action(async (files: string[], opts: { dryRun?: boolean }) => {
      try {
        const sources = files.map((f) => {
          try {
            return { file: basename(f), text: readFileSync(f, 'utf8') };
          } catch (err) {
            throw new VigilError('VIGIL_ERR_NOT_FOUND', `Cannot read ${f}: ${(err as Error).message}`);
          }
        });
        const global = program.opts<GlobalOptions>();
        // OID names are per installation, not per tenant: no tenant is needed (a fresh data dir works too).
        const { openMigratedDatabase } = await import('../../app/runtime.ts');
        const db = await openMigratedDatabase(cliConfig(global), cliLogger());
        try {
          const repo = new MibNamesRepo(db);
          const known = OidTable.builtin().with(await repo.all());
          const r = compileMibs(sources, known);
          for (const e of r.errors) process.stderr.write(`${e.file}:${e.line}: ${e.message}\n`);
          if (!opts.dryRun && r.entries.length) await repo.upsert(r.entries, Date.now());
          console.log(`${opts.dryRun ? 'would import' : 'imported'} ${r.entries.length} OID names from ${r.modules.length} module(s) (${r.modules.join(', ')}); ${r.errors.length} error(s)`);
          if (!r.entries.length && r.errors.length) throw new VigilError('VIGIL_ERR_MIB_SYNTAX', 'Nothing could be imported; see the errors above.');
        } finally {
          await db.close();
        }
      } catch (err) {
        exitWithError(err);
      }
    });
}
