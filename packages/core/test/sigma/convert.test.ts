import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { builtinPipeline, convertSigma, type SigmaDetectionRule, type SigmaFailure, type SigmaResult } from '../../src/sigma/index.ts';

const pipeline = builtinPipeline();
const convert = (text: string): SigmaResult[] => convertSigma(text, { pipeline, file: 'rules.yml' });

const RULE = `
title: Whoami Execution
id: 11111111-2222-3333-4444-555555555555
author: Jane Doe
references: [https://example.org/rule]
tags: [attack.discovery, attack.t1033]
level: medium
logsource: {product: windows, category: process_creation}
detection:
  selection:
    Image|endswith: '\\whoami.exe'
  filter:
    ParentImage|endswith: '\\explorer.exe'
  condition: selection and not filter
`;

describe('convertSigma', () => {
  it('converts a rule with its metadata, log source events and mapped fields', () => {
    const [r] = convert(RULE) as [SigmaDetectionRule];
    expect(r.kind).toBe('detection');
    expect(r.title).toBe('Whoami Execution');
    expect(r.author).toBe('Jane Doe');
    expect(r.references).toEqual(['https://example.org/rule']);
    expect(r.tags).toEqual(['attack.discovery', 'attack.t1033']);
    expect(r.detection).toEqual({
      type: 'and',
      children: [
        { type: 'wildcard', field: 'process.executable', pattern: '*\\whoami.exe', nocase: true },
        { type: 'not', child: { type: 'wildcard', field: 'process.parent.executable', pattern: '*\\explorer.exe', nocase: true } },
      ],
    });
    expect(r.query.type).toBe('and');
    expect(r.location).toEqual({ file: 'rules.yml', line: 2 });
  });

  it('maps unknown Windows fields under winlog.event_data and EventID to event.code', () => {
    const [r] = convert(`
title: t
logsource: {product: windows, service: security}
detection:
  sel: {EventID: 4625, LogonType: 3, TargetUserName|cased: Admin}
  condition: sel
`) as [SigmaDetectionRule];
    expect(r.detection).toEqual({
      type: 'and',
      children: [
        { type: 'term', field: 'event.code', value: '4625' },
        { type: 'term', field: 'winlog.event_data.LogonType', value: '3' },
        { type: 'term', field: 'winlog.event_data.TargetUserName', value: 'Admin' },
      ],
    });
  });

  it('turns keywords into full-text terms and lists into OR (AND with |all)', () => {
    const [r] = convert(`
title: t
logsource: {product: linux}
detection:
  keywords: ['*rm -rf /*', 'wget http']
  sel:
    USER|contains|all: [ro, ot]
  condition: keywords or sel
`) as [SigmaDetectionRule];
    expect(r.detection).toEqual({
      type: 'or',
      children: [
        { type: 'or', children: [{ type: 'text', value: 'rm -rf /', wildcard: false }, { type: 'text', value: 'wget http', wildcard: false }] },
        {
          type: 'and',
          children: [
            { type: 'wildcard', field: 'user.name', pattern: '*ro*', nocase: true },
            { type: 'wildcard', field: 'user.name', pattern: '*ot*', nocase: true },
          ],
        },
      ],
    });
  });

  it('handles collections: global, reset and repeat', () => {
    const results = convert(`
action: global
title: Shared
logsource: {product: windows, category: process_creation}
detection:
  condition: sel
---
detection:
  sel: {Image|endswith: '\\a.exe'}
---
action: repeat
detection:
  sel: {Image|endswith: '\\b.exe'}
---
action: reset
---
title: Own
logsource: {product: linux}
detection:
  kw: [boom]
  condition: kw
`);
    expect(results.map((r) => r.kind)).toEqual(['detection', 'detection', 'detection']);
    expect(results.map((r) => r.title)).toEqual(['Shared', 'Shared', 'Own']);
    expect((results[1] as SigmaDetectionRule).detection).toEqual({ type: 'wildcard', field: 'process.executable', pattern: '*\\b.exe', nocase: true });
  });

  it('reads correlation rules', () => {
    const [base, corr] = convert(`
title: Failed logon
name: failed_logon
logsource: {product: windows, service: security}
detection:
  sel: {EventID: 4625}
  condition: sel
---
title: Many failed logons
correlation:
  type: value_count
  rules: [failed_logon]
  group-by: [IpAddress]
  timespan: 10m
  condition: {field: TargetUserName, gte: 5}
  aliases:
    ip: {failed_logon: IpAddress}
level: high
`);
    expect(base!.kind).toBe('detection');
    expect(corr).toMatchObject({
      kind: 'correlation',
      type: 'value_count',
      rules: ['failed_logon'],
      groupBy: ['IpAddress'],
      timespanMs: 600_000,
      condition: { op: 'gte', value: 5, field: 'TargetUserName' },
      aliases: { ip: { failed_logon: 'IpAddress' } },
      generate: false,
      level: 'high',
    });
  });

  it('collects every failure with its line and reason, never stopping at the first', () => {
    const results = convert(`
title: a
logsource: {product: macos, category: process_creation}
detection: {sel: {Image: x}, condition: sel}
---
title: b
logsource: {product: windows, category: process_creation}
detection:
  sel:
    Image|nosuchmodifier: x
  condition: sel
---
title: c
logsource: {product: windows, category: process_creation}
detection:
  sel: {Image: x}
  condition: sel and missing
---
title: d
correlation: {type: event_count, rules: [a], timespan: soon, condition: {gte: 2}}
`) as SigmaFailure[];
    expect(results.map((r) => [r.kind, r.code, r.location.line])).toEqual([
      ['failure', 'VIGIL_ERR_SIGMA_UNSUPPORTED', 3],
      ['failure', 'VIGIL_ERR_SIGMA_INVALID', 10],
      ['failure', 'VIGIL_ERR_SIGMA_INVALID', 17],
      ['failure', 'VIGIL_ERR_SIGMA_INVALID', 20],
    ]);
    expect(results[0]!.reason).toMatch(/log source category:process_creation product:macos/);
    expect(results[1]!.reason).toMatch(/unknown modifier 'nosuchmodifier'/);
    expect(results[2]!.reason).toMatch(/unknown search identifier 'missing'/);
    expect(results[3]!.reason).toMatch(/timespan/);
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const out = convert(text);
        expect(Array.isArray(out)).toBe(true);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const text = `title: x\nlogsource: {product: windows}\ndetection: ${JSON.stringify(value) ?? 'null'}\n`;
        expect(Array.isArray(convert(text))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
