/**
 * @module cli/commands/silences
 * `vigil silences add|list|expire`: silences of a running server through its API (`--url`,
 * `--api-key`, like `vigil channels`), so the server's dispatcher applies them at once.
 */
import type { Command } from 'commander';
import type { Silence } from '@vigil/contracts';
import { exitWithError } from '../context.ts';

interface ApiOptions {
  url: string;
  apiKey?: string;
  json?: boolean;
}

async function api(opts: ApiOptions, method: string, path: string, body?: unknown): Promise<any> {
  if (!opts.apiKey) throw new Error('an API key is needed: pass --api-key or set VIGIL_API_KEY (list needs the read scope, add and expire the write scope).');
  const res = await fetch(`${opts.url.replace(/\/$/, '')}${path}`, { method, headers: { authorization: `Bearer ${opts.apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const out = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!res.ok) throw new Error(`server answered ${res.status}: ${out.error?.message ?? res.statusText}${out.error ? ` (${out.error.code})` : ''}`);
  return out;
}

const withApi = (c: Command) => c
  .option('--url <url>', 'server URL (VIGIL_URL)', process.env.VIGIL_URL ?? 'http://127.0.0.1:8080')
  .option('--api-key <key>', 'API key (VIGIL_API_KEY)', process.env.VIGIL_API_KEY)
  .option('--json', 'print JSON');

const line = (s: Silence) => `${s.id}\t${s.state}\t${s.startsAt}\t${s.endsAt}\t${s.createdBy}\t${s.match}${s.comment ? `\t# ${s.comment}` : ''}\n`;

/** Registers `silences`. */
export function silencesCommand(program: Command): void {
  const cmd = program.command('silences').description('silences of a running server (through its API): matching alerts send no notifications while one is active');
  withApi(cmd.command('add').description('silence the alerts a query matches, e.g. --match "host.name:web-1" --for 2h')
    .requiredOption('--match <query>', 'query over alert fields (severity, rule.id, tags, host.name, source.ip, …)')
    .option('--for <duration>', 'how long, e.g. 30m, 2h, 1d (default 1h; or --until)')
    .option('--until <time>', 'end time (ISO 8601), instead of --for')
    .option('--starts <time>', 'start time (ISO 8601; default now)')
    .option('--comment <text>', 'why (shown in the list)'))
    .action(async (opts: ApiOptions & { match: string; for?: string; until?: string; starts?: string; comment?: string }) => {
      try {
        const body = { match: opts.match, ...(opts.until ? { endsAt: opts.until } : { duration: opts.for ?? '1h' }), ...(opts.starts ? { startsAt: opts.starts } : {}), ...(opts.comment ? { comment: opts.comment } : {}) };
        const s = (await api(opts, 'POST', '/api/v1/silences', body)) as Silence;
        process.stdout.write(opts.json ? `${JSON.stringify(s)}\n` : `silence ${s.id} ${s.state} until ${s.endsAt}\n`);
      } catch (err) {
        exitWithError(err);
      }
    });
  withApi(cmd.command('list').description('list silences: id, state, start, end, by, match (active and pending; --all for expired too)').option('--all', 'include expired silences'))
    .action(async (opts: ApiOptions & { all?: boolean }) => {
      try {
        const { silences } = (await api(opts, 'GET', '/api/v1/silences?limit=1000')) as { silences: Silence[] };
        const shown = opts.all ? silences : silences.filter((s) => s.state !== 'expired');
        if (opts.json) return void process.stdout.write(`${JSON.stringify(shown)}\n`);
        for (const s of shown) process.stdout.write(line(s));
      } catch (err) {
        exitWithError(err);
      }
    });
  withApi(cmd.command('expire <id>').description('end a silence now')).action(async (id: string, opts: ApiOptions) => {
    try {
      const s = (await api(opts, 'POST', `/api/v1/silences/${encodeURIComponent(id)}/expire`)) as Silence;
      process.stdout.write(opts.json ? `${JSON.stringify(s)}\n` : `silence ${s.id} expired at ${s.endsAt}\n`);
    } catch (err) {
      exitWithError(err);
    }
  });
}
