/**
 * Per-parser throughput (`parse.<case>`, target 100,000 lines/s on one core), each case in a child
 * process of its own: what a server that receives only that format gets. In the bench process itself
 * the figures depended on what ran before: a heap of hundreds of MB left by the ingest and search
 * sections made every collection dearer, and V8's type feedback from the other formats hid a slow
 * path (RFC 5424 structured data from one vendor alone ran 5× slower; see `internKey`).
 * Each case runs in rounds of `roundMs` of CPU time after a warm-up; the figure is the median round,
 * per CPU-second of the child (its GC threads included), with the rounds' spread in the details.
 *
 *   node packages/server/bin/run-ts.js bench/parsers.ts --child <case>   # prints one JSON line
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { RUN_TS, runChild } from './lib/server.ts';
import type { BenchResult } from './lib/result.ts';

interface CaseFigure {
  name: string;
  median: number;
  min: number;
  max: number;
  rounds: number;
  lines: number;
  avgBytes: number;
  parser: string;
  ok: boolean;
  dataset: unknown;
}

/** Lines per CPU-second of this process over `lines`, in rounds of `roundMs` CPU milliseconds, sorted. */
function rounds(lines: readonly string[], fn: (l: string) => unknown, count: number, roundMs: number): number[] {
  for (let i = 0; i < 20_000; i++) fn(lines[i % lines.length]!);
  const rates: number[] = [];
  for (let r = 0; r < count; r++) {
    const c0 = process.cpuUsage();
    let n = 0;
    let cpuMs = 0;
    while (cpuMs < roundMs) {
      for (let i = 0; i < 256; i++) fn(lines[i % lines.length]!);
      n += 256;
      const u = process.cpuUsage(c0);
      cpuMs = (u.user + u.system) / 1000;
    }
    rates.push((n * 1000) / cpuMs);
  }
  return rates.sort((a, b) => a - b);
}

/** In the child: measures one case and prints its figure as one JSON line. */
async function child(name: string): Promise<void> {
  const core = await import('@vigil/core');
  const c = core.parserBenchCases().find((x) => x.name === name);
  if (!c) throw new Error(`no parser bench case is called "${name}"`);
  const ctx = { receivedAt: Date.now() };
  const count = Number(process.env.BENCH_PARSER_ROUNDS ?? 7);
  const roundMs = Number(process.env.BENCH_PARSER_ROUND_MS ?? 300);
  const sample = core.parseLine(c.lines[0]!, ctx);
  const rates = rounds(c.lines, (l) => core.parseLine(l, ctx), count, roundMs);
  const figure: CaseFigure = {
    name: c.name,
    median: rates[rates.length >> 1]!,
    min: rates[0]!,
    max: rates[rates.length - 1]!,
    rounds: count,
    lines: c.lines.length,
    avgBytes: Math.round(c.lines.reduce((s, l) => s + l.length, 0) / c.lines.length),
    parser: sample.parser,
    ok: sample.ok,
    dataset: sample.fields['event.dataset'],
  };
  process.stdout.write(`${JSON.stringify(figure)}\n`);
}

/** The `parse.<case>` figures, each from a child process of its own. */
export async function runParserBench(opts: { quick: boolean }): Promise<BenchResult[]> {
  const env: Record<string, string> = opts.quick ? { BENCH_PARSER_ROUNDS: '3', BENCH_PARSER_ROUND_MS: '200' } : {};
  const { parserBenchCases } = await import('@vigil/core');
  const out: BenchResult[] = [];
  for (const { name } of parserBenchCases()) {
    const load = loadavg()[0]!;
    const r = await runChild([RUN_TS, fileURLToPath(import.meta.url), '--child', name], env);
    const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
    if (r.code !== 0 || !line) throw new Error(`the parser bench child for ${name} exited with ${r.code}: ${r.stderr.slice(-500)}`);
    out.push(figureResult(JSON.parse(line) as CaseFigure, load));
  }
  return out;
}

function figureResult(f: CaseFigure, load: number): BenchResult {
  const value = Math.round(f.median);
  return {
    name: `parse.${f.name}`,
    value,
    unit: 'lines/s',
    target: '>= 100000',
    pass: value >= 100_000,
    details: {
      note: `parseLine on one core, median of ${f.rounds} rounds per CPU-second of a child process that parses only this format`,
      roundsMin: Math.round(f.min),
      roundsMax: Math.round(f.max),
      lines: f.lines,
      avgBytes: f.avgBytes,
      parser: f.parser,
      ok: f.ok,
      dataset: f.dataset,
      loadAverage: +load.toFixed(2),
    },
  };
}

const at = process.argv.indexOf('--child');
if (at >= 0) await child(process.argv[at + 1] ?? '');
