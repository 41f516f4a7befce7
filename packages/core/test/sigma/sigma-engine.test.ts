/**
 * Sigma rules end to end in core: YAML -> rule documents -> compiled -> the streaming engine, on events
 * parsed from real-format lines (Sysmon as NXLog JSON, sshd syslog).
 */
import { describe, expect, it } from 'vitest';
import type { VigilEvent } from '@vigil/contracts';
import { BUILTIN_RULE_KINDS, compileRule, createEngineState, createRuleSet, evaluate } from '../../src/detection/index.ts';
import { builtinPipeline, convertSigma, sigmaRuleDocs } from '../../src/sigma/index.ts';
import { parseLine } from '../../src/parsers/index.ts';

const T0 = Date.UTC(2026, 0, 1, 12);

function event(line: string, id: string): VigilEvent {
  const fields = parseLine(line, { receivedAt: T0 }).fields;
  return { ...fields, id, 'event.ingested': new Date(T0).toISOString() } as unknown as VigilEvent;
}

function sysmon1(id: string, image: string, commandLine: string, parent = 'C:\\Windows\\explorer.exe'): VigilEvent {
  return event(
    JSON.stringify({
      EventID: 1,
      Channel: 'Microsoft-Windows-Sysmon/Operational',
      SourceName: 'Microsoft-Windows-Sysmon',
      Hostname: 'WS1.corp.local',
      EventTime: '2026-01-01 12:00:00',
      Image: image,
      CommandLine: commandLine,
      ParentImage: parent,
      User: 'CORP\\alice',
      Message: 'Process Create',
    }),
    id,
  );
}

function compileAll(yaml: string) {
  const results = convertSigma(yaml, { pipeline: builtinPipeline() });
  const { docs, failures } = sigmaRuleDocs(results);
  expect(failures).toEqual([]);
  return docs.map((d) => {
    const r = compileRule(d, BUILTIN_RULE_KINDS);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.rule;
  });
}

describe('Sigma rules in the engine', () => {
  it('a process_creation rule fires on a Sysmon event, case-insensitively, and keeps its author', () => {
    const rules = compileAll(`
title: Encoded PowerShell
id: 0b0e2a6c-0000-4000-8000-000000000001
author: Jane Doe
level: high
tags: [attack.execution, attack.t1059.001]
logsource: {product: windows, category: process_creation}
detection:
  img: {Image|endswith: '\\powershell.exe'}
  enc: {CommandLine|contains|windash: ' -enc '}
  condition: img and enc
`);
    expect(rules[0]!.doc.source).toMatchObject({ format: 'sigma', author: 'Jane Doe', license: 'DRL-1.1' });
    const set = createRuleSet(rules);
    const events = [
      sysmon1('e1', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\POWERSHELL.EXE', 'powershell /ENC SQBFAFgA'),
      sysmon1('e2', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'powershell -File x.ps1'),
      sysmon1('e3', 'C:\\Windows\\System32\\cmd.exe', 'cmd /c echo -enc '),
    ];
    const out = evaluate(set, createEngineState(), events, T0 + 1000);
    expect(out.signals.map((s) => [s.ruleId, s.sampleEventIds, s.severity])).toEqual([['sigma-0b0e2a6c-0000-4000-8000-000000000001', ['e1'], 'high']]);
  });

  it('an event_count correlation becomes a threshold per group', () => {
    const rules = compileAll(`
title: SSH failed password
name: ssh_failed
logsource: {product: linux, service: sshd}
detection:
  kw: ['Failed password']
  condition: kw
---
title: SSH brute force
id: 0b0e2a6c-0000-4000-8000-000000000002
level: high
correlation:
  type: event_count
  rules: [ssh_failed]
  group-by: [pam_rhost]
  timespan: 10m
  condition: {gte: 3}
`);
    expect(rules.map((r) => r.id)).toEqual(['sigma-0b0e2a6c-0000-4000-8000-000000000002']);
    const set = createRuleSet(rules);
    const lines = [1, 2, 3, 4].map((i) => `<38>Jan  1 12:00:0${i} web-1 sshd[42]: Failed password for root from 203.0.113.9 port 4${i}22 ssh2`);
    lines.push('<38>Jan  1 12:00:05 web-1 sshd[42]: Failed password for root from 198.51.100.7 port 4022 ssh2');
    const events = lines.map((l, i) => event(l, `s${i}`));
    expect(events[0]!['source.ip']).toBe('203.0.113.9');
    const out = evaluate(set, createEngineState(), events, Date.UTC(2026, 0, 1, 12, 0, 6));
    expect(out.signals.map((s) => [s.groupKey, s.count])).toEqual([['["203.0.113.9"]', 3]]);
  });

  it('temporal_ordered becomes a sequence; unsupported correlations are reported, not dropped', () => {
    const results = convertSigma(
      `
title: a
name: a
logsource: {product: linux, service: sshd}
detection: {kw: ['Failed password'], condition: kw}
---
title: b
name: b
logsource: {product: linux, service: sshd}
detection: {kw: ['Accepted password'], condition: kw}
---
title: failures then success
correlation: {type: temporal_ordered, rules: [a, b], group-by: [pam_rhost], timespan: 5m}
---
title: lt condition
correlation: {type: event_count, rules: [a], timespan: 5m, condition: {lt: 3}}
`,
      { pipeline: builtinPipeline() },
    );
    const { docs, failures } = sigmaRuleDocs(results);
    expect(docs.map((d) => Object.keys(d).find((k) => ['sequence', 'threshold'].includes(k)) ?? 'match')).toEqual(['sequence']);
    expect(failures.map((f) => f.reason)).toEqual([expect.stringMatching(/condition 'lt' is not supported/)]);
  });
});
