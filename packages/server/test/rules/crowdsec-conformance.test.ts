/**
 * CrowdSec conformance in the test suite: the same replay as `npx tsx scripts/crowdsec-conformance.ts`
 * (also run by `npm run corpus`), failing when the built-in pack raises alerts for fewer of the CrowdSec
 * cases' expected source IPs than the committed baseline in bench/crowdsec.json. Skipped without the
 * corpus (../shared/corpus beside the repository) unless CI is set.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCorpusDir } from '../../../../scripts/corpus.ts';
import { expectedAlerts, runCrowdsecConformance } from '../../../../scripts/crowdsec-conformance.ts';

const corpus = defaultCorpusDir();
const present = existsSync(corpus);
const baselineFile = resolve(import.meta.dirname, '../../../../bench/crowdsec.json');

if (!present && !process.env.CI) console.warn(`crowdsec-conformance.test: skipped, corpus not found at ${corpus}`);

describe('expectedAlerts', () => {
  it('reads source IPs and scenarios from a scenario.assert text', () => {
    const text = [
      'len(results) == 2',
      '"35.188.49.176" in results[0].Overflow.GetSources()',
      'results[0].Overflow.Alert.GetScenario() == "crowdsecurity/ssh-bf_user-enum"',
      '"10.0.0.1" in results[1].Overflow.GetSources()',
      'results[1].Overflow.Alert.GetScenario() == "crowdsecurity/ssh-bf"',
    ].join('\n');
    expect(expectedAlerts(text)).toEqual([
      { ip: '35.188.49.176', scenario: 'crowdsecurity/ssh-bf_user-enum' },
      { ip: '10.0.0.1', scenario: 'crowdsecurity/ssh-bf' },
    ]);
  });
});

describe.skipIf(!present && !process.env.CI)('CrowdSec conformance of the built-in rules', () => {
  it('raises alerts for the expected source IPs at least as often as the committed baseline', { timeout: 120_000 }, () => {
    const report = runCrowdsecConformance(corpus);
    const baseline = JSON.parse(readFileSync(baselineFile, 'utf8')) as { expected: number; agreed: number; rate: number };
    const missed = report.rows.filter((r) => !r.agreed).map((r) => `${r.case} ${r.scenario} ${r.ip}`);
    expect(report.cases).toBeGreaterThan(0);
    expect(report.expected, 'the corpus lost cases').toBeGreaterThanOrEqual(baseline.expected);
    expect(report.agreed, `agreement fell below the baseline; missed:\n${missed.join('\n')}`).toBeGreaterThanOrEqual(baseline.agreed);
    expect(report.rate).toBeGreaterThanOrEqual(baseline.rate);
  });
});
