/**
 * Sigma replay benchmark: the SigmaHQ Windows rules from the shared corpus, converted in full, run by
 * the streaming engine over the 94k real Windows events of `windows-eventchannel-json/otrf` (parsed
 * by Vigil's parsers first, outside the timing). Reports events/s on one core (wall clock, and per CPU
 * second, which a loaded machine distorts less), predicates run per event after the prefilter, the
 * rules loaded and the alerts (signals) raised. rsigma (Rust) publishes 19-66k events/s per core for the whole SigmaHQ set.
 *
 *   node packages/server/bin/run-ts.js bench/sigma.ts     (or the `sigma` section of npm run bench)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VigilEvent } from '@vigil/contracts';
import { BUILTIN_RULE_KINDS, builtinPipeline, compileRule, convertSigma, createEngineState, createRuleSet, evaluate, parseLine, sigmaRuleDocs, type CompiledRule } from '@vigil/core';

/** What one run measured. */
export interface SigmaReplayResult {
  rules: number;
  events: number;
  eventsPerSecond: number;
  /** Events per second of this process's CPU time (user + system) during the replay. */
  eventsPerCpuSecond: number;
  /** Rule predicates run per event (what the prefilter let through). */
  predicatesPerEvent: number;
  signals: number;
  firingRules: number;
  compileMs: number;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith('.yml')) out.push(p);
  }
  return out;
}

/** Runs the replay; undefined when the corpus is absent. */
export function sigmaReplay(corpusRoot: string, progress: (msg: string) => void = () => {}): SigmaReplayResult | undefined {
  const rulesDir = join(corpusRoot, 'sigma', 'sigmahq', 'rules', 'windows');
  const eventsDir = join(corpusRoot, 'windows-eventchannel-json', 'otrf');
  if (!existsSync(rulesDir) || !existsSync(eventsDir)) return undefined;
  const t0 = performance.now();
  const rules: CompiledRule[] = [];
  for (const f of walk(rulesDir)) {
    const { docs } = sigmaRuleDocs(convertSigma(readFileSync(f, 'utf8'), { pipeline: builtinPipeline() }));
    for (const d of docs) {
      const c = compileRule(d, BUILTIN_RULE_KINDS);
      if (c.ok && c.rule.enabled) rules.push(c.rule);
    }
  }
  const compileMs = performance.now() - t0;
  progress(`sigma: ${rules.length} Windows rules compiled in ${Math.round(compileMs)} ms; parsing the OTRF events`);
  const lines = readdirSync(eventsDir)
    .filter((f) => f.endsWith('.gz'))
    .flatMap((f) => gunzipSync(readFileSync(join(eventsDir, f))).toString('utf8').split('\n').filter(Boolean));
  const now = Date.now();
  const events = lines.map((l, i) => ({ ...parseLine(l, { receivedAt: now }).fields, id: `e${String(i).padStart(7, '0')}` }) as unknown as VigilEvent);
  const set = createRuleSet(rules);
  let state = createEngineState();
  let signals = 0;
  let predicates = 0;
  const firing = new Set<string>();
  progress(`sigma: replaying ${events.length} events`);
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < events.length; i += 1000) {
    if (i % 10000 === 0) progress(`sigma: ${i} events, ${Math.round(performance.now() - t1)} ms`);
    const out = evaluate(set, state, events.slice(i, i + 1000), now);
    state = out.state;
    signals += out.signals.length;
    predicates += out.stats.candidates;
    for (const s of out.signals) firing.add(s.ruleId);
  }
  const ms = performance.now() - t1;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { rules: rules.length, events: events.length, eventsPerSecond: events.length / (ms / 1000), eventsPerCpuSecond: events.length / cpuSeconds, predicatesPerEvent: predicates / events.length, signals, firingRules: firing.size, compileMs };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(import.meta.url), '..', '..', '..', 'shared', 'corpus');
  const r = sigmaReplay(root, (m) => console.error(m));
  console.log(r ?? 'corpus not found');
}
