/**
 * @module cli/commands/start
 * `vigil start`: runs the server until SIGINT/SIGTERM, then shuts down gracefully.
 */
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { loadConfig, explainListenError, type Config } from '../../config/index.ts';
import { createLogger, resolveLogFormat } from '../../log/logger.ts';
import type { Runtime } from '../../app/runtime.ts';
import { serverVersion } from '../../app/paths.ts';
import { renderBanner, type BannerFacts } from '../banner.ts';
import { exitWithError } from '../context.ts';

/** Gathers what the banner says from the running process. */
async function bannerFacts(config: Config, rt: Runtime): Promise<BannerFacts> {
  const { describeDatabase } = await import('../../app/bootstrap.ts');
  const db = describeDatabase(config['database.url'], config.data_dir);
  const file = rt.credentialsFile;
  const boot = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { admin?: { password?: string | null } }) : null;
  return {
    version: serverVersion(),
    url: rt.url,
    credentials: boot ? { file, hasPassword: !!boot.admin?.password, createdNow: rt.bootstrapFile === file } : null,
    listeners: rt.sources.map((s) => ({ name: s.name, port: (s as { port?: number }).port ?? null })),
    database: db.startsWith('sqlite:') ? `SQLite ${resolve(db.slice('sqlite:'.length))}` : `PostgreSQL ${db}`,
    dataDir: resolve(config.data_dir),
  };
}

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
      const format = resolveLogFormat(config['log.format']);
      const log = createLogger(config['log.level'], undefined, format);
      // The launcher's --max-semi-space-size is for this isolate (the event loop builds and holds every
      // event until commit). V8 reads the flag again for each new isolate and then ignores a worker's
      // resourceLimits, so reset it before any worker starts: the writer, engine, indexer and reader
      // threads keep V8's default young generation (larger ones would cost RSS for nothing measured).
      setFlagsFromString('--max-semi-space-size=0');
      let rt;
      try {
        // Loaded on use, so other commands and --help start fast.
        const { startRuntime } = await import('../../app/runtime.ts');
        rt = await startRuntime(config, log);
      } catch (err) {
        // A busy or forbidden port becomes a message naming the setting, like every other config error.
        const explained = explainListenError(err, config as unknown as Record<string, unknown>) ?? err;
        if (format === 'json') log.fatal({ code: (explained as { code?: string }).code }, (explained as Error).message);
        exitWithError(explained);
      }
      if (format === 'pretty') process.stdout.write(renderBanner(await bannerFacts(config, rt)));
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
