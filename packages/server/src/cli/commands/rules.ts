/**
 * @module cli/commands/rules
 * `vigil rules validate|test` work on files alone (no server): validate reports, per rule, whether it
 * compiles (Vigil YAML) or converts (Sigma) and why not; test runs one rule over sample lines and shows
 * the parsed events, what matched, the alerts it would raise and the time taken. `vigil rules
 * import|export|backtest` talk to a running server (`--url`, `--api-key` with the write/read scope).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { stringify, parseAllDocuments } from 'yaml';
import type { RuleBacktestReport, VigilEvent } from '@vigil/contracts';
import { BUILTIN_RULE_KINDS, buildEvent, builtinPipeline, compileRule, convertSigma, sigmaRuleDocs, testRules, type RawItem } from '@vigil/core';
import { isSigmaText, ruleDocsOfText } from '../../rules/rule-text.ts';
import { exitWithError } from '../context.ts';

interface ServerOptions {
  url: string;
  apiKey?: string;
}

/** Every YAML file under the paths (files or folders, recursively), in order. */
function yamlFiles(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) out.push(...yamlFiles(readdirSync(p).sort().map((n) => join(p, n))).filter((f) => /\.ya?ml$/.test(f)));
    else out.push(p);
  }
  return out;
}

/** One line per rule: ok, or why not. Answers the failures. */
function validateFile(file: string, say: (line: string) => void): number {
  const text = readFileSync(file, 'utf8');
  let failed = 0;
  if (isSigmaText(text)) {
    const { docs, failures } = sigmaRuleDocs(convertSigma(text, { pipeline: builtinPipeline(), file }));
    for (const d of docs) {
      const r = compileRule(d, BUILTIN_RULE_KINDS);
      if (r.ok) say(`ok      ${file}  ${d.id}  (Sigma: ${d.title})`);
      else {
        failed++;
        say(`FAILED  ${file}  ${d.id}: ${r.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
      }
    }
    for (const f of failures) {
      failed++;
      say(`FAILED  ${file}:${f.location.line}  ${f.title ?? '(untitled)'}: ${f.reason}`);
    }
    return failed;
  }
  for (const d of parseAllDocuments(text)) {
    if (d.contents === null && !d.errors.length) continue;
    const r = compileRule(d.errors.length ? d.toString() : d.toJS(), BUILTIN_RULE_KINDS);
    const line = d.contents?.range ? text.slice(0, d.contents.range[0]).split('\n').length : 1;
    if (r.ok) say(`ok      ${file}:${line}  ${r.rule.id}`);
    else {
      failed++;
      say(`FAILED  ${file}:${line}  ${r.errors.map((e) => `${e.path ? `${e.path}: ` : ''}${e.message}${e.line ? ` (line ${e.line})` : ''}`).join('; ')}`);
    }
  }
  return failed;
}

async function call(opts: ServerOptions, method: string, path: string, body?: string, type = 'application/yaml'): Promise<unknown> {
  if (!opts.apiKey) throw new Error('an API key is needed: pass --api-key or set VIGIL_API_KEY (create one with `vigil apikey create --scopes read,write`).');
  const res = await fetch(`${opts.url.replace(/\/$/, '')}${path}`, { method, headers: { authorization: `Bearer ${opts.apiKey}`, ...(body !== undefined ? { 'content-type': type } : {}) }, body });
  const json = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!res.ok) throw new Error(`server answered ${res.status}: ${json.error?.message ?? res.statusText}${json.error ? ` (${json.error.code})` : ''}`);
  return json;
}

/** Registers `rules`. */
export function rulesCommand(program: Command): void {
  const rules = program.command('rules').description('detection rules: validate and test files, import to and export from a server');
  const server = (c: Command) =>
    c.option('--url <url>', 'server URL (VIGIL_URL)', process.env.VIGIL_URL ?? 'http://127.0.0.1:8080').option('--api-key <key>', 'API key (VIGIL_API_KEY)', process.env.VIGIL_API_KEY);

  rules
    .command('validate <paths...>')
    .description('check Vigil or Sigma rule files (folders recursively): one line per rule, ok or why not')
    .action((paths: string[]) => {
      try {
        let failed = 0;
        let files = 0;
        for (const f of yamlFiles(paths)) {
          files++;
          failed += validateFile(f, (l) => console.log(l));
        }
        console.error(`${files} file(s), ${failed} rule(s) failed`);
        if (failed) process.exitCode = 1;
      } catch (err) {
        exitWithError(err);
      }
    });

  rules
    .command('test <rule> <sample>')
    .description('run rules (Vigil or Sigma YAML) over a file of sample lines: parsed events, matches, alerts, timing per rule')
    .option('--json', 'the sample holds JSON events, one per line')
    .option('--events', 'also print every parsed event (YAML)')
    .action((ruleFile: string, sample: string, opts: { json?: boolean; events?: boolean }) => {
      try {
        const { docs, failures } = ruleDocsOfText(readFileSync(ruleFile, 'utf8'), ruleFile);
        for (const f of failures) console.error(`${ruleFile}:${f.line ?? 1}: ${f.title ? `${f.title}: ` : ''}not a rule here: ${f.message}`);
        if (!docs.length) throw new Error(`${ruleFile} holds no rule to test.`);
        const now = Date.now();
        const lines = readFileSync(sample, 'utf8').split('\n').filter((l) => l.trim());
        const t0 = performance.now();
        let n = 0;
        const ctx = { receivedAt: now, input: 'http' as const, newId: () => `sample-${String(++n).padStart(6, '0')}` };
        const events: VigilEvent[] = [];
        lines.forEach((l, i) => {
          let item: RawItem;
          if (opts.json) {
            try {
              item = { kind: 'json', value: JSON.parse(l) as unknown };
            } catch (err) {
              throw new Error(`${sample}:${i + 1}: not JSON: ${(err as Error).message}`);
            }
          } else item = { kind: 'line', line: l };
          const e = buildEvent(item, ctx);
          if (typeof e === 'string') console.error(`${sample}:${i + 1}: left out: ${e}`);
          else events.push(e);
        });
        const parseMs = performance.now() - t0;
        const datasets = new Map<string, number>();
        for (const e of events) datasets.set(String(e['event.dataset'] ?? 'unknown'), (datasets.get(String(e['event.dataset'] ?? 'unknown')) ?? 0) + 1);
        console.log(`parsed ${events.length} events in ${parseMs.toFixed(1)} ms: ${[...datasets].map(([d, c]) => `${d} ${c}`).join(', ')}`);
        if (opts.events) console.log(stringify(events));
        const results = testRules(docs, events, { kinds: BUILTIN_RULE_KINDS, clock: () => performance.now(), matchIds: 10 });
        const bad = results.filter((r) => !r.ok);
        for (const r of bad) console.error(`rule ${r.id ?? '(no id)'} does not compile: ${r.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
        for (const r of results) {
          if (!r.replay) continue;
          const x = r.replay;
          console.log(`rule ${r.id} (${r.kind}): ${x.matched} of ${events.length} events match${x.tooLate ? `, ${x.tooLate} too late` : ''}${x.missingGroup ? `, ${x.missingGroup} without a group field` : ''}`);
          for (const id of x.matchedIds) {
            const e = events.find((ev) => ev.id === id);
            console.log(`  match ${id}: ${String(e?.message ?? '').slice(0, 120)}`);
          }
          console.log(`  alerts it would raise: ${x.alertsTotal} (${x.signals} signals)`);
          for (const a of x.alerts) console.log(`    ${a.severity.padEnd(8)} ${a.title}  (group ${a.groupKey}, ${a.count} events, ${a.firstSeen} .. ${a.lastSeen})`);
          console.log(`  timing: compile ${r.compileMs.toFixed(2)} ms, evaluate ${x.evaluateMs.toFixed(2)} ms`);
        }
        if (bad.length || failures.length) process.exitCode = 1;
      } catch (err) {
        exitWithError(err);
      }
    });

  server(rules.command('import <paths...>'))
    .description('import Vigil or Sigma rule files (folders recursively) into a server; one line per rule')
    .action(async (paths: string[], opts: ServerOptions) => {
      try {
        let failed = 0;
        for (const f of yamlFiles(paths)) {
          const r = (await call(opts, 'POST', '/api/v1/rules/import', readFileSync(f, 'utf8'))) as { results: { id?: string; title?: string; status: string; errors: { message: string; line?: number }[] }[] };
          for (const x of r.results) {
            if (x.status === 'failed') failed++;
            console.log(`${x.status.padEnd(9)} ${f}  ${x.id ?? x.title ?? ''}${x.errors.length ? `: ${x.errors.map((e) => `${e.line ? `line ${e.line}: ` : ''}${e.message}`).join('; ')}` : ''}`);
          }
        }
        if (failed) process.exitCode = 1;
      } catch (err) {
        exitWithError(err);
      }
    });

  server(rules.command('backtest [rule]'))
    .description('run a rule (a Vigil or Sigma YAML file, or --id of a stored rule) over the history a server holds: what it would have raised (no alert is written)')
    .option('--id <id>', 'a stored rule instead of a file')
    .option('--from <time>', 'start: ISO time, epoch ms or relative', '-7d')
    .option('--to <time>', 'end (default now)')
    .option('--max-events <n>', 'candidate events read per rule (default 100000)')
    .action(async (file: string | undefined, opts: ServerOptions & { id?: string; from: string; to?: string; maxEvents?: string }) => {
      try {
        if (!file === !opts.id) throw new Error('give a rule file or --id, not both');
        const body = { ...(file ? { rule: readFileSync(file, 'utf8') } : { id: opts.id }), from: opts.from, ...(opts.to ? { to: opts.to } : {}), ...(opts.maxEvents ? { maxEvents: Number(opts.maxEvents) } : {}) };
        const r = (await call(opts, 'POST', '/api/v1/rules/backtest', JSON.stringify(body), 'application/json')) as RuleBacktestReport;
        console.log(`history ${r.from} .. ${r.to}`);
        for (const x of r.rules) {
          if (!x.ok) {
            process.exitCode = 1;
            console.log(`rule ${x.id ?? x.title ?? '(no id)'}: does not compile: ${x.errors.map((e) => `${e.path ? `${e.path}: ` : ''}${e.message}`).join('; ')}`);
            continue;
          }
          console.log(`rule ${x.id} (${x.kind}): ${x.scanned} candidate events, ${x.matched} matched${x.seededTerms !== undefined ? `, ${x.seededTerms} terms known before` : ''}; alerts it would have raised: ${x.alertsTotal} (${x.signals} signals)`);
          for (const a of x.alerts) console.log(`    ${a.severity.padEnd(8)} ${a.title}  (group ${a.groupKey}, ${a.count} events, ${a.firstSeen} .. ${a.lastSeen})`);
          if (x.note) console.log(`  note: ${x.note}`);
          console.log(`  timing: compile ${x.timing.compileMs} ms, select ${x.timing.selectMs} ms, evaluate ${x.timing.evaluateMs} ms`);
        }
      } catch (err) {
        exitWithError(err);
      }
    });

  server(rules.command('export'))
    .description("print the server's own rules (not the built-in pack) as YAML documents")
    .option('--all', 'include the built-in rules')
    .action(async (opts: ServerOptions & { all?: boolean }) => {
      try {
        const r = (await call(opts, 'GET', '/api/v1/rules')) as { rules: { doc: unknown; builtin: boolean }[] };
        const docs = r.rules.filter((x) => opts.all || !x.builtin).map((x) => stringify(x.doc));
        process.stdout.write(docs.join('---\n'));
      } catch (err) {
        exitWithError(err);
      }
    });
}
