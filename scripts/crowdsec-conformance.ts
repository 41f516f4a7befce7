/**
 * CrowdSec conformance: every `*.scenario.assert` case in the corpus (CrowdSec's hub tests: a log file,
 * the scenarios it loads, and the source IPs each raised alert names) is replayed through Vigil's
 * built-in rule pack with the logs' own timestamps, and for each expected (scenario, source IP) the
 * table says which Vigil rules raised a signal for that IP. Written to `docs/crowdsec-conformance.md`
 * and `bench/crowdsec.json` (the baseline the test in packages/server/test/rules holds).
 *
 *   npx tsx scripts/crowdsec-conformance.ts [--corpus DIR] [--no-write]
 *
 * "Raised for the IP" means: a signal whose group has `source.ip` equal to the IP, or whose sample
 * events carry it. Nothing from the corpus is copied into the repository.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Signal, VigilEvent } from '@vigil/contracts';
import { BUILTIN_RULE_KINDS, compileRule, createEngineState, createRuleSet, evaluate } from '../packages/core/src/detection/index.ts';
import type { CompiledRule } from '../packages/core/src/detection/index.ts';
import { parseLine } from '../packages/core/src/parsers/index.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the built-in pack lives. */
export const PACK_DIR = join(REPO_ROOT, 'packages', 'server', 'rules', 'builtin');

/** One pack file: compiled, or the problems that stop it. */
export interface PackFile {
  file: string;
  rule?: CompiledRule;
  errors?: unknown[];
}

/** Every `*.yaml` under `dir`, sorted, compiled with core's `compileRule`. */
export function loadPackFiles(dir = PACK_DIR): PackFile[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.yaml') || name.endsWith('.yml')) files.push(p);
    }
  };
  walk(dir);
  return files.map((file) => {
    const r = compileRule(readFileSync(file, 'utf8'), BUILTIN_RULE_KINDS);
    return r.ok ? { file: relative(dir, file), rule: r.rule } : { file: relative(dir, file), errors: r.errors };
  });
}

/** A fixed reception time so year-less syslog stamps resolve the same way on every run. */
const RECEIVED_AT = Date.UTC(2026, 11, 31, 23);

/** Parses log lines into events with sortable ids (`prefix` + line number), skipping blank lines. */
export function parseLines(lines: readonly string[], prefix = 'e'): VigilEvent[] {
  const out: VigilEvent[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const fields = parseLine(line, { receivedAt: RECEIVED_AT }).fields;
    out.push({ ...fields, id: `${prefix}${String(i).padStart(6, '0')}`, 'event.ingested': new Date(RECEIVED_AT).toISOString() } as unknown as VigilEvent);
  });
  return out;
}

/**
 * Replays events in event-time order, one at a time with the clock at each event's time (what a live
 * stream would see), then advances the clock past every window so rules decided at the watermark speak.
 */
export function replay(rules: readonly CompiledRule[], events: readonly VigilEvent[], settleMs = 0): Signal[] {
  const set = createRuleSet(rules);
  const ordered = [...events].sort((a, b) => Date.parse(String(a['@timestamp'])) - Date.parse(String(b['@timestamp'])) || (a.id < b.id ? -1 : 1));
  let state = createEngineState();
  const signals: Signal[] = [];
  let last = 0;
  for (const e of ordered) {
    const t = Date.parse(String(e['@timestamp']));
    if (Number.isFinite(t)) last = Math.max(last, t);
    const out = evaluate(set, state, [e], last);
    state = out.state;
    signals.push(...out.signals);
  }
  if (settleMs > 0) signals.push(...evaluate(set, state, [], last + settleMs).signals);
  return signals;
}

/** The source IPs a signal stands for: its group's `source.ip`, else its sample events'. */
export function signalIps(s: Signal, byId: ReadonlyMap<string, VigilEvent>): string[] {
  const g = s.group['source.ip'];
  if (typeof g === 'string') return [g];
  const ips = new Set<string>();
  for (const id of [...s.sampleEventIds, ...(s.eventIds ?? [])]) {
    const ip = byId.get(id)?.['source.ip'];
    if (typeof ip === 'string') ips.add(ip);
  }
  return [...ips];
}

/** One expected CrowdSec alert and what Vigil raised for its IP. */
export interface ConformanceRow {
  case: string;
  scenario: string;
  ip: string;
  vigilRules: string[];
  agreed: boolean;
}

/** The whole run. */
export interface ConformanceReport {
  cases: number;
  expected: number;
  agreed: number;
  rate: number;
  rows: ConformanceRow[];
  /** Per case: IPs Vigil raised that CrowdSec did not (not counted against the rate; listed for review). */
  extra: Record<string, string[]>;
}

/** `"IP" in results[N].Overflow.GetSources()` and `results[N].Overflow.Alert.GetScenario() == "S"` pairs. */
export function expectedAlerts(assertText: string): { ip: string; scenario: string }[] {
  const ips = new Map<number, string[]>();
  const scen = new Map<number, string>();
  for (const line of assertText.split('\n')) {
    const src = /^"([^"]+)" in results\[(\d+)\]\.Overflow\.GetSources\(\)/.exec(line.trim());
    if (src) ips.set(Number(src[2]), [...(ips.get(Number(src[2])) ?? []), src[1]!]);
    const sc = /^results\[(\d+)\]\.Overflow\.Alert\.GetScenario\(\) == "([^"]+)"/.exec(line.trim());
    if (sc) scen.set(Number(sc[1]), sc[2]!);
  }
  const out: { ip: string; scenario: string }[] = [];
  for (const [n, list] of [...ips].sort((a, b) => a[0] - b[0])) for (const ip of list) out.push({ ip, scenario: scen.get(n) ?? '?' });
  return out;
}

function findAsserts(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'sigma') findAsserts(p, out);
    } else if (name.endsWith('.scenario.assert')) out.push(p);
  }
  return out;
}

/**
 * The log file a case replays: the corpus stores each hub test's log beside its assert as `<case>.log`
 * (the `log_file:` in `.config.yaml` names the file inside the hub test's own folder); fall back to it.
 */
function logFileOf(assertPath: string): string | undefined {
  const own = assertPath.replace(/\.scenario\.assert$/, '.log');
  if (existsSync(own)) return own;
  const config = assertPath.replace(/\.scenario\.assert$/, '.config.yaml');
  if (!existsSync(config)) return undefined;
  const m = /^log_file:\s*(\S+)/m.exec(readFileSync(config, 'utf8'));
  return m ? join(dirname(assertPath), m[1]!) : undefined;
}

/** Runs every case in `corpusRoot` through the pack in `packDir`. */
export function runCrowdsecConformance(corpusRoot: string, packDir = PACK_DIR): ConformanceReport {
  const rules = loadPackFiles(packDir).flatMap((p) => (p.rule ? [p.rule] : []));
  const rows: ConformanceRow[] = [];
  const extra: Record<string, string[]> = {};
  const asserts = findAsserts(corpusRoot);
  for (const a of asserts) {
    const name = relative(corpusRoot, a).replace(/\.scenario\.assert$/, '');
    const log = logFileOf(a);
    const lines = log && existsSync(log) ? readFileSync(log, 'utf8').split('\n') : [];
    const events = parseLines(lines);
    const byId = new Map(events.map((e) => [e.id, e]));
    const raised = new Map<string, Set<string>>();
    for (const s of replay(rules, events)) {
      for (const ip of signalIps(s, byId)) {
        const set = raised.get(ip) ?? new Set<string>();
        set.add(s.ruleId);
        raised.set(ip, set);
      }
    }
    const wanted = expectedAlerts(readFileSync(a, 'utf8'));
    for (const w of wanted) {
      const got = [...(raised.get(w.ip) ?? [])].sort();
      rows.push({ case: name, scenario: w.scenario, ip: w.ip, vigilRules: got, agreed: got.length > 0 });
    }
    const wantedIps = new Set(wanted.map((w) => w.ip));
    const more = [...raised.keys()].filter((ip) => !wantedIps.has(ip)).sort();
    if (more.length > 0) extra[name] = more.map((ip) => `${ip} (${[...raised.get(ip)!].sort().join(', ')})`);
  }
  const agreed = rows.filter((r) => r.agreed).length;
  return { cases: asserts.length, expected: rows.length, agreed, rate: rows.length ? Math.round((agreed / rows.length) * 1000) / 1000 : 0, rows, extra };
}

function markdown(r: ConformanceReport): string {
  const lines = [
    '# CrowdSec conformance of the built-in rules',
    '',
    'Generated by `npm run corpus` (`scripts/crowdsec-conformance.ts`); do not edit by hand.',
    '',
    "Every CrowdSec hub test case in the corpus that asserts scenario alerts (`*.scenario.assert`) is",
    "replayed through Vigil's built-in rule pack (`packages/server/rules/builtin`) with the log lines'",
    'own timestamps, in event-time order. A row agrees when Vigil raised at least one signal for the',
    'same source IP; the rules that did are listed. CrowdSec scenarios that need a parser Vigil lacks or',
    'detect something the pack does not cover show as gaps, not failures to hide.',
    '',
    `**${r.agreed} of ${r.expected} expected alerts agree (${(r.rate * 100).toFixed(1)} %) over ${r.cases} cases.**`,
    '',
    '| case | CrowdSec scenario | source IP | Vigil rules raised | agree |',
    '|---|---|---|---|---|',
    ...r.rows.map((x) => `| ${x.case} | ${x.scenario} | ${x.ip} | ${x.vigilRules.join(', ') || '—'} | ${x.agreed ? 'yes' : 'no'} |`),
    '',
  ];
  const extra = Object.entries(r.extra);
  if (extra.length > 0) {
    lines.push('## Raised by Vigil, not asserted by the case', '', 'Source IPs in the same logs that Vigil flagged and the CrowdSec case did not list (often because the case loads only one scenario).', '');
    for (const [c, ips] of extra) lines.push(`- ${c}: ${ips.join('; ')}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** Called from `scripts/corpus.ts`: runs, prints the summary and (when `write`) updates the docs and baseline. */
export function crowdsecConformanceMain(corpusRoot: string, write: boolean): ConformanceReport | undefined {
  if (!existsSync(corpusRoot)) {
    console.log(`\nCrowdSec conformance: ${corpusRoot} not found; skipped`);
    return undefined;
  }
  const r = runCrowdsecConformance(corpusRoot);
  console.log(`\nCrowdSec conformance: ${r.agreed} of ${r.expected} expected alerts raised by the built-in rules (${(r.rate * 100).toFixed(1)}%) over ${r.cases} cases`);
  for (const row of r.rows.filter((x) => !x.agreed)) console.log(`  missed\t${row.case}\t${row.scenario}\t${row.ip}`);
  if (write) {
    writeFileSync(join(REPO_ROOT, 'docs', 'crowdsec-conformance.md'), markdown(r));
    writeFileSync(join(REPO_ROOT, 'bench', 'crowdsec.json'), `${JSON.stringify({ cases: r.cases, expected: r.expected, agreed: r.agreed, rate: r.rate }, null, 2)}\n`);
    console.log('wrote docs/crowdsec-conformance.md and bench/crowdsec.json');
  }
  return r;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--corpus');
  const root = at >= 0 && args[at + 1] ? resolve(args[at + 1]!) : resolve(REPO_ROOT, '..', 'shared', 'corpus');
  crowdsecConformanceMain(root, !args.includes('--no-write'));
}
