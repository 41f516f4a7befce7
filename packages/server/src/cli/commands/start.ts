/**
 * @module cli/commands/start
 * `vigil start`: runs the server until SIGINT/SIGTERM, then shuts down gracefully.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config/index.ts';
import { createLogger } from '../../log/logger.ts';
import { exitWithError } from '../context.ts';

/** Registers `start`. */
export function startCommand(program: Command): void {
  program
    .command('start')
    .description('start the server (HTTP API + UI, ingest, storage)')
    .option('--port <port>', 'HTTP port (VIGIL_HTTP_PORT)')
    .option('--data-dir <dir>', 'data directory (VIGIL_DATA_DIR)')
    .action(async (opts: { port?: string; dataDir?: string }) => {
      let config;
      try {
        config = loadConfig({ file: program.opts().config, overrides: { 'http.port': opts.port, data_dir: opts.dataDir } });
      } catch (err) {
        exitWithError(err);
      }
      const log = createLogger(config['log.level']);
      let rt;
      try {
        // Loaded on use, so other commands and --help start fast.
        const { startRuntime } = await import('../../app/runtime.ts');
        rt = await startRuntime(config, log);
      } catch (err) {
        log.fatal({ code: (err as { code?: string }).code }, (err as Error).message);
        exitWithError(err);
      }
      let stopping = false;
      const shutdown = (signal: string) => {
        if (stopping) return;
        stopping = true;
        log.info({ signal }, 'signal received');
        rt.stop().then(
          () => process.exit(0),
          (err) => {
            log.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', () => shutdown('SIGINT'));
      process.on('SIGTERM', () => shutdown('SIGTERM'));
    });
}
