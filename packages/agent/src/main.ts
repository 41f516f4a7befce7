/**
 * @module main
 * The `vigil-agent` command line: `enroll --server URL --token T`, `run [--once]`, `status`,
 * `collect <what>` (prints one collector's view as JSON, for troubleshooting) and `version`. Every
 * command takes `--config FILE` (default /etc/vigil-agent/agent.json, env VIGIL_AGENT_CONFIG).
 */
import { existsSync, readdirSync } from 'node:fs';
import { loadConfig, statePath, DEFAULT_FIM } from './config.ts';
import { loadCredential } from './credential.ts';
import { enroll } from './enroll.ts';
import { AgentRunner, EXIT } from './agent-runner.ts';
import { createLog } from './log.ts';
import { AGENT_VERSION } from './version.ts';
import { collectMetrics } from './collectors/metrics.ts';
import { takeSnapshot } from './snapshot.ts';
import { readJson } from './state-files.ts';

const USAGE = `vigil-agent ${AGENT_VERSION}: Vigil's host agent (outbound only).

  vigil-agent enroll --server URL --token TOKEN [--hostname NAME]
  vigil-agent run [--once]
  vigil-agent status
  vigil-agent collect metrics|snapshot|<section> [--root DIR]
  vigil-agent version

Options: --config FILE (default /etc/vigil-agent/agent.json; env VIGIL_AGENT_CONFIG),
         --state-dir DIR (default /var/lib/vigil-agent), --insecure-tls.
Docs: docs/agent.md. Exit codes: 0 ok, 1 error, 2 usage, 3 revoked, 4 credential refused.`;

/** `--name value` and `--flag` options, and the positional words. */
function parseArgs(argv: string[]): { words: string[]; opts: Record<string, string | true> } {
  const words: string[] = [];
  const opts: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      words.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0) opts[a.slice(2, eq)] = a.slice(eq + 1);
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--') && !['once', 'insecure-tls', 'help', 'json'].includes(a.slice(2))) opts[a.slice(2)] = argv[++i]!;
    else opts[a.slice(2)] = true;
  }
  return { words, opts };
}

async function main(argv: string[]): Promise<number> {
  const { words, opts } = parseArgs(argv);
  const cmd = words[0];
  if (!cmd || opts.help || cmd === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return cmd ? 0 : 2;
  }
  if (cmd === 'version') {
    process.stdout.write(`vigil-agent ${AGENT_VERSION} (node ${process.version})\n`);
    return 0;
  }
  const cfg = loadConfig(typeof opts.config === 'string' ? opts.config : undefined);
  if (typeof opts['state-dir'] === 'string') cfg.stateDir = opts['state-dir'];
  if (typeof opts.root === 'string') cfg.root = opts.root;
  if (opts['insecure-tls'] === true) cfg.insecureTls = true;
  const log = createLog();

  if (cmd === 'enroll') {
    const server = typeof opts.server === 'string' ? opts.server : cfg.server;
    const token = typeof opts.token === 'string' ? opts.token : process.env.VIGIL_ENROLL_TOKEN;
    if (!server || !token) {
      process.stderr.write('enroll needs --server URL and --token TOKEN (or VIGIL_ENROLL_TOKEN)\n');
      return 2;
    }
    if (typeof opts.hostname === 'string') cfg.hostname = opts.hostname;
    const cred = await enroll(cfg, server, token);
    process.stdout.write(`enrolled as host ${cred.hostId} with ${cred.server}; credential in ${statePath(cfg, 'credential.json')} (0600)\n`);
    return 0;
  }

  if (cmd === 'run') {
    const cred = loadCredential(cfg);
    if (!cred) {
      if (existsSync(statePath(cfg, 'revoked.json'))) {
        log('error', 'this host was revoked; enroll it again with a new token to monitor it');
        return EXIT.revoked;
      }
      log('error', `not enrolled: run "vigil-agent enroll --server URL --token TOKEN" first (state dir ${cfg.stateDir})`);
      return 1;
    }
    const runner = new AgentRunner(cfg, cred, log);
    for (const sig of ['SIGTERM', 'SIGINT'] as const) process.once(sig, () => void runner.stop(EXIT.ok));
    return runner.run({ once: opts.once === true });
  }

  if (cmd === 'status') {
    const revoked = readJson<Record<string, unknown> | null>(statePath(cfg, 'revoked.json'), null);
    let cred = null;
    try {
      cred = loadCredential(cfg);
    } catch (err) {
      process.stdout.write(`credential: ${(err as Error).message}\n`);
    }
    const buffered = existsSync(statePath(cfg, 'buffer')) ? readdirSync(statePath(cfg, 'buffer')).filter((n) => n.endsWith('.json')).length : 0;
    process.stdout.write(`${JSON.stringify({ version: AGENT_VERSION, stateDir: cfg.stateDir, enrolled: !!cred, server: cred?.server ?? cfg.server ?? null, hostId: cred?.hostId ?? null, bufferedBatches: buffered, revoked }, null, 2)}\n`);
    return revoked ? EXIT.revoked : cred ? 0 : 1;
  }

  if (cmd === 'collect') {
    const what = words[1] ?? 'snapshot';
    if (what === 'metrics') {
      const first = collectMetrics(cfg.root, {}, Date.now());
      await new Promise((r) => setTimeout(r, 1000));
      process.stdout.write(`${JSON.stringify(collectMetrics(cfg.root, first.state, Date.now()).samples, null, 2)}\n`);
      return 0;
    }
    const s = takeSnapshot({ root: cfg.root, fimPaths: cfg.fileIntegrity ?? DEFAULT_FIM, enabled: () => true, hashCache: new Map(), loginOffsets: null });
    const out = what === 'snapshot' ? s.sections : (s.sections as Record<string, unknown>)[what];
    if (out === undefined) {
      process.stderr.write(`no collector "${what}": use metrics, snapshot, ${Object.keys(s.sections).join(', ')}\n`);
      return 2;
    }
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }

  process.stderr.write(`unknown command "${cmd}"\n\n${USAGE}\n`);
  return 2;
}

/** Exits once stdout and stderr are flushed (a pipe takes writes asynchronously; exiting at once cut long output at 64 KiB). */
function exit(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main(process.argv.slice(2)).then(exit, (err: unknown) => {
  process.stderr.write(`vigil-agent: ${(err as Error)?.message ?? String(err)}\n`);
  exit(1);
});
