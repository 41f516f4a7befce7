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

  it('|fieldref compares two mapped fields of one event (a process that is its own parent)', () => {
    const rules = compileAll(`
title: Image is its own parent
id: 0b0e2a6c-0000-4000-8000-000000000009
logsource: {product: windows, category: process_creation}
detection:
  sel: {ParentImage|fieldref: Image}
  condition: sel
`);
    expect(rules[0]!.doc.query).toContain('process.parent.executable|fieldref:process.executable');
    const set = createRuleSet(rules);
    const events = [sysmon1('f1', 'C:\\x\\evil.exe', 'evil', 'C:\\x\\evil.exe'), sysmon1('f2', 'C:\\x\\evil.exe', 'evil', 'C:\\x\\EVIL.exe'), sysmon1('f3', 'C:\\x\\a.exe', 'a')];
    const out = evaluate(set, createEngineState(), events, T0 + 1000);
    expect(out.signals.map((s) => s.sampleEventIds[0])).toEqual(['f1']);
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
    expect(docs.map((d) => Object.keys(d).find((k) => ['sequence', 'threshold', 'aggregate'].includes(k)) ?? 'match')).toEqual(['sequence', 'aggregate']);
    expect(docs[1]!.aggregate).toEqual({ function: 'count', op: '<', value: 3, window: '300s', group_by: [] });
    expect(failures).toEqual([]);
  });

  it('temporal (any order), value_sum, value_avg and eq/lt conditions convert and fire', () => {
    const rules = compileAll(`
title: failed
name: failed
logsource: {product: linux, service: sshd}
detection: {kw: ['Failed password'], condition: kw}
---
title: accepted
name: accepted
logsource: {product: linux, service: sshd}
detection: {kw: ['Accepted password'], condition: kw}
---
title: both, any order
id: 0b0e2a6c-0000-4000-8000-000000000010
correlation: {type: temporal, rules: [failed, accepted], group-by: [pam_rhost], timespan: 5m}
---
title: exactly two failures
id: 0b0e2a6c-0000-4000-8000-000000000011
correlation: {type: event_count, rules: [failed], group-by: [pam_rhost], timespan: 1h, condition: {eq: 2}}
---
title: fw
name: fw
logsource: {category: firewall}
detection: {sel: {action: deny}, condition: sel}
---
title: port sum
id: 0b0e2a6c-0000-4000-8000-000000000012
correlation: {type: value_sum, rules: [fw], group-by: [src_ip], timespan: 1h, condition: {gte: 1000, field: dst_port}}
---
title: port average
id: 0b0e2a6c-0000-4000-8000-000000000013
correlation: {type: value_avg, rules: [fw], group-by: [src_ip], timespan: 1h, condition: {lt: 100, field: dst_port}}
`);
    expect(rules.map((r) => r.kind.name)).toEqual(['temporal', 'aggregate', 'aggregate', 'aggregate']);
    const set = createRuleSet(rules);
    // Success first, then failures: the unordered temporal fires; a sequence would not.
    const lines = [
      '<38>Jan  1 12:00:01 web-1 sshd[42]: Accepted password for root from 203.0.113.9 port 41000 ssh2',
      '<38>Jan  1 12:00:02 web-1 sshd[42]: Failed password for root from 203.0.113.9 port 42000 ssh2',
      '<38>Jan  1 12:00:03 web-1 sshd[42]: Failed password for root from 203.0.113.9 port 43000 ssh2',
      '<38>Jan  1 12:00:04 web-1 sshd[42]: Failed password for root from 198.51.100.7 port 30000 ssh2',
    ];
    const deny = (id: string, ip: string, port: number, sec: number) =>
      ({ id, '@timestamp': new Date(T0 + sec * 1000).toISOString(), 'event.ingested': new Date(T0).toISOString(), message: 'deny', 'event.dataset': 'iptables', 'event.action': 'deny', 'source.ip': ip, 'destination.port': port }) as VigilEvent;
    const events = [...lines.map((l, i) => event(l, `t${i}`)), deny('d1', '10.0.0.1', 22, 1), deny('d2', '10.0.0.1', 3389, 2), deny('d3', '10.0.0.2', 80, 3)];
    const live = evaluate(set, createEngineState(), events, Date.UTC(2026, 0, 1, 12, 0, 5));
    expect(live.signals.map((s) => [s.ruleId, s.groupKey])).toEqual([['sigma-0b0e2a6c-0000-4000-8000-000000000010', '["203.0.113.9"]']]);
    // The hour's windows close once the clock passes them (plus the allowed lateness).
    const closed = evaluate(set, live.state, [], Date.UTC(2026, 0, 1, 13, 5));
    expect(closed.signals.map((s) => [s.ruleId.slice(-2), s.groupKey, s.count]).sort()).toEqual([
      ['11', '["203.0.113.9"]', 2],
      ['12', '["10.0.0.1"]', 2],
      ['13', '["10.0.0.2"]', 1],
    ]);
  });
});
