/**
 * Corpus conformance in the test suite: the same comparison as `npx tsx scripts/corpus.ts`, failing
 * when the overall agreement drops below the committed baseline in bench/corpus.json or a folder
 * falls under 85%. The corpus lives in ../shared/corpus beside the repository; without it the test
 * is skipped (a fresh clone) unless CI is set (CI always has it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCorpusDir, runCorpus } from '../../../../scripts/corpus.ts';

const corpus = defaultCorpusDir();
const present = existsSync(corpus);
const baselineFile = resolve(import.meta.dirname, '../../../../bench/corpus.json');

if (!present && !process.env.CI) {
  console.warn(`corpus.test: skipped, corpus not found at ${corpus} (it is ../shared/corpus beside the repository)`);
}

describe.skipIf(!present && !process.env.CI)('corpus conformance', () => {
  it('finds the corpus', () => {
    expect(present, `corpus missing at ${corpus}`).toBe(true);
  });

  it('agrees with the expected outputs at least as well as the committed baseline', { timeout: 120_000 }, () => {
    const report = runCorpus(corpus);
    const baseline = JSON.parse(readFileSync(baselineFile, 'utf8')) as { overall: number };
    const worst = report.checks.filter((c) => !c.ok).slice(0, 10).map((c) => `${c.source}:${c.line} ${c.key}: expected ${c.expected.slice(0, 80)} got ${c.actual.slice(0, 80)}`);
    expect(report.overall, `overall ${report.overall} < baseline ${baseline.overall}\n${worst.join('\n')}`).toBeGreaterThanOrEqual(baseline.overall);
    expect(report.overall).toBeGreaterThanOrEqual(0.95);
    for (const [folder, s] of Object.entries(report.folders)) expect(s.rate, `${folder} at ${s.rate}`).toBeGreaterThanOrEqual(0.85);
  });

  it('parses every sample line without falling back', { timeout: 120_000 }, () => {
    const report = runCorpus(corpus);
    expect(report.unparsed.map((u) => `${u.source}:${u.line}`)).toEqual([]);
  });
});
