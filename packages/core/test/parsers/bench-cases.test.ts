import { describe, expect, it } from 'vitest';
import { parseLine, parserBenchCases } from '../../src/parsers/index.ts';
import { CTX } from './helpers.ts';

const DATASET: Record<string, RegExp> = {
  rfc5424: /^syslog$/,
  rfc3164: /^syslog$/,
  sshd: /^(sshd|sudo)$/,
  'web-access': /^apache\.access$/,
  cef: /^cef$/,
  leef: /^leef$/,
  json: /^(app\.auth|json)$/,
  kv: /^kv$/,
  fortigate: /^fortigate\./,
  'pfsense-filterlog': /^pfsense\.filterlog$/,
  'cisco-asa': /^cisco\.asa$/,
  'cisco-ios': /^cisco\.ios$/,
  'juniper-srx': /^juniper\.srx$/,
  paloalto: /^paloalto\.traffic$/,
  'windows-snare': /^windows\.security$/,
};

describe('parserBenchCases', () => {
  it('covers the formats with lines their parser understands', () => {
    const cases = parserBenchCases();
    expect(cases.map((c) => c.name).sort()).toEqual(Object.keys(DATASET).sort());
    for (const c of cases) {
      expect(c.lines.length).toBeGreaterThan(0);
      for (const line of c.lines) {
        const r = parseLine(line, CTX);
        expect(r.ok, `${c.name}: ${line}`).toBe(true);
        expect(String(r.fields['event.dataset']), `${c.name}: ${line}`).toMatch(DATASET[c.name]!);
      }
    }
  });

  it('returns copies', () => {
    const a = parserBenchCases();
    a[0]!.lines.length = 0;
    expect(parserBenchCases()[0]!.lines.length).toBeGreaterThan(0);
  });
});
