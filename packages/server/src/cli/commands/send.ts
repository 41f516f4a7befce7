/**
 * @module cli/commands/send
 * `vigil send`: ships log lines (text/plain) or JSON events (NDJSON) from stdin or files to a server's
 * ingest API in batches, with a progress counter on stderr.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { exitWithError } from '../context.ts';

interface SendOptions {
  url: string;
  apiKey?: string;
  json?: boolean;
  batch: string;
  quiet?: boolean;
}

async function post(url: string, key: string, json: boolean, lines: string[]): Promise<{ accepted: number; rejected: { index: number; error: string }[] }> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${url.replace(/\/$/, '')}/api/v1/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': json ? 'application/x-ndjson' : 'text/plain' },
      body: lines.join('\n'),
    });
    if (res.status === 202) return (await res.json()) as { accepted: number; rejected: { index: number; error: string }[] };
    if ((res.status === 429 || res.status === 503) && attempt < 10) {
      await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000));
      continue;
    }
    const body = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
    throw new Error(`server answered ${res.status}: ${body.error?.message ?? res.statusText}${body.error ? ` (${body.error.code})` : ''}`);
  }
}

/** Registers `send`. */
export function sendCommand(program: Command): void {
  program
    .command('send [files...]')
    .description('send log lines (or --json NDJSON events) from files or stdin to a Vigil server')
    .option('--url <url>', 'server URL (VIGIL_URL)', process.env.VIGIL_URL ?? 'http://127.0.0.1:8080')
    .option('--api-key <key>', 'API key with the ingest scope (VIGIL_API_KEY)', process.env.VIGIL_API_KEY)
    .option('--json', 'input is JSON events, one per line (NDJSON)')
    .option('--batch <n>', 'lines per request', '2000')
    .option('-q, --quiet', 'no progress counter')
    .action(async (files: string[], opts: SendOptions) => {
      try {
        if (!opts.apiKey) throw new Error('an API key is needed: pass --api-key or set VIGIL_API_KEY (the ingestKey in <data dir>/bootstrap.json works).');
        const size = Number(opts.batch);
        if (!Number.isInteger(size) || size < 1) throw new Error('--batch must be a positive integer');
        const inputs = files.length ? files.map((f) => createReadStream(f)) : [process.stdin];
        let sent = 0;
        let accepted = 0;
        let rejected = 0;
        const started = Date.now();
        const progress = (final = false) => {
          if (opts.quiet) return;
          const secs = (Date.now() - started) / 1000;
          process.stderr.write(`${process.stderr.isTTY ? '\r' : ''}sent ${sent}  accepted ${accepted}  rejected ${rejected}  ${secs > 0 ? Math.round(sent / secs) : 0}/s${final || !process.stderr.isTTY ? '\n' : ''}`);
        };
        let lastShown = 0;
        let batch: string[] = [];
        const flush = async () => {
          if (!batch.length) return;
          const r = await post(opts.url, opts.apiKey!, !!opts.json, batch);
          sent += batch.length;
          accepted += r.accepted;
          rejected += r.rejected.length;
          for (const x of r.rejected.slice(0, 5)) process.stderr.write(`${process.stderr.isTTY ? '\n' : ''}rejected line ${sent - batch.length + x.index + 1}: ${x.error}\n`);
          batch = [];
          if (Date.now() - lastShown > 250) {
            lastShown = Date.now();
            if (process.stderr.isTTY) progress();
          }
        };
        for (const input of inputs) {
          for await (const line of createInterface({ input, crlfDelay: Infinity })) {
            if (!line.trim()) continue;
            batch.push(line);
            if (batch.length >= size) await flush();
          }
        }
        await flush();
        progress(true);
        if (rejected) process.exitCode = 2;
      } catch (err) {
        exitWithError(err);
      }
    });
}
