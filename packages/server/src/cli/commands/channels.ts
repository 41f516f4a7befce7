/**
 * @module cli/commands/channels
 * `vigil channels list|test`: acts on a running server through the API (`--url`, `--api-key`, like
 * `vigil send`), because a test send must go out from the server — its outbound guard, its
 * `public_url` in the links, and its delivery log — not from the operator's machine.
 */
import type { Command } from 'commander';
import { exitWithError } from '../context.ts';

interface ApiOptions {
  url: string;
  apiKey?: string;
  json?: boolean;
}

async function api(opts: ApiOptions, method: string, path: string): Promise<any> {
  if (!opts.apiKey) throw new Error('an API key is needed: pass --api-key or set VIGIL_API_KEY (list needs the read scope, test the admin scope).');
  const res = await fetch(`${opts.url.replace(/\/$/, '')}${path}`, { method, headers: { authorization: `Bearer ${opts.apiKey}` } });
  const body = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!res.ok) throw new Error(`server answered ${res.status}: ${body.error?.message ?? res.statusText}${body.error ? ` (${body.error.code})` : ''}`);
  return body;
}

const withApi = (c: Command) => c
  .option('--url <url>', 'server URL (VIGIL_URL)', process.env.VIGIL_URL ?? 'http://127.0.0.1:8080')
  .option('--api-key <key>', 'API key (VIGIL_API_KEY)', process.env.VIGIL_API_KEY)
  .option('--json', 'print JSON');

/** Registers `channels`. */
export function channelsCommand(program: Command): void {
  const ch = program.command('channels').description('notification channels of a running server (through its API)');
  withApi(ch.command('list').description('list channels: id, name, type, default')).action(async (opts: ApiOptions) => {
    try {
      const { channels } = (await api(opts, 'GET', '/api/v1/channels')) as { channels: { id: string; name: string; type: string; default: boolean }[] };
      if (opts.json) return void process.stdout.write(`${JSON.stringify(channels)}\n`);
      for (const c of channels) process.stdout.write(`${c.id}\t${c.name}\t${c.type}${c.default ? '\tdefault' : ''}\n`);
    } catch (err) {
      exitWithError(err);
    }
  });
  withApi(ch.command('test <id>').description('send a sample alert through a channel now; exits 1 when it was not delivered')).action(async (id: string, opts: ApiOptions) => {
    try {
      const r = (await api(opts, 'POST', `/api/v1/channels/${encodeURIComponent(id)}/test`)) as { ok: boolean; deliveryId: string; reason?: string; retry?: boolean; statusCode?: number; latencyMs: number };
      if (opts.json) process.stdout.write(`${JSON.stringify(r)}\n`);
      else if (r.ok) process.stdout.write(`delivered in ${r.latencyMs} ms${r.statusCode ? ` (HTTP ${r.statusCode})` : ''}; delivery ${r.deliveryId}\n`);
      else process.stderr.write(`not delivered (${r.retry ? 'temporary' : 'permanent'} failure): ${r.reason}; delivery ${r.deliveryId}\n`);
      process.exitCode = r.ok ? 0 : 1;
    } catch (err) {
      exitWithError(err);
    }
  });
}
