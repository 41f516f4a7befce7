/**
 * @module cli/main
 * The `vigil` command line. Each command is one file under commands/ plus one line here.
 */
import { Command } from 'commander';
import { startCommand } from './commands/start.ts';
import { migrateCommand } from './commands/migrate.ts';
import { userCommand } from './commands/user.ts';
import { apikeyCommand } from './commands/apikey.ts';
import { sendCommand } from './commands/send.ts';
import { channelsCommand } from './commands/channels.ts';
import { parsersCommand } from './commands/parsers.ts';
import { snmpCommand } from './commands/snmp.ts';
import { serverVersion } from '../app/paths.ts';
import { tenantCommand } from './commands/tenant.ts';
import { rulesCommand } from './commands/rules.ts';
import { agentsCommand } from './commands/agents.ts';
import { silencesCommand } from './commands/silences.ts';

const COMMANDS = [startCommand, migrateCommand, userCommand, apikeyCommand, sendCommand, parsersCommand, snmpCommand, tenantCommand, rulesCommand, channelsCommand, agentsCommand, silencesCommand];

const program = new Command('vigil')
  .description('Vigil: self-hosted security monitoring. Docs: README.md and docs/.')
  .option('-c, --config <file>', 'config file (VIGIL_CONFIG; default ./vigil.yaml when present)')
  .showHelpAfterError();
for (const add of COMMANDS) add(program);
program
  .command('version')
  .description('print the version')
  .action(() => console.log(`vigil ${serverVersion()} (node ${process.version})`));

await program.parseAsync(process.argv);
