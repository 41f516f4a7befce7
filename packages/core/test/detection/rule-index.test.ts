import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { VigilEvent } from '@vigil/contracts';
import { compilePredicate, parseQuery } from '../../src/query/index.ts';
import { RuleIndex, anchorsOf } from '../../src/detection/rule-index.ts';
import { asciiLower } from '../../src/query/values.ts';
import { LiteralMatcher } from '../../src/detection/literal-matcher.ts';

const atoms = [
  'event.dataset:sshd', 'event.dataset|i:SSHD', 'event.dataset:(sshd OR nginx)', 'destination.port:22', 'destination.port:22.0', 'destination.port|i:22',
  'flag:true', 'user.name|i:Alice', 'user.name:alice', 'user.name:Al*', 'user.name|i:al*', 'source.ip:10.0.0.0/8', 'destination.port:>=443',
  'destination.port:[1 TO 100]', 'vigil.severity:high', 'vigil.severity:>=medium', 'failed', '"Failed password"', 'host.name:*', 'tags:b', 'tags|i:B',
  'event.dataset:/^ng/', '@timestamp:2026-01-01T00:00:00Z', 'constructor:*',
  // Substring anchors (wildcards and text search on their longest literal, folded).
  'user.name:*lic*', 'user.name|i:*LIC*', 'user.name:A?ice', 'user.name|i:?LI*', 'user.name:*', 'tags|i:*b', 'event.dataset:ss*d', 'fail*', 'Failed', '"password FOR"',
  'process.command_line|i:*\\\\WHOAMI.exe*', 'process.command_line:*\\\\whoami.exe', 'process.command_line|i:*who?mi*', 'process.command_line:*\\**', 'process.command_line|i:*ÄB*', 'process.command_line:*/c*',
  'destination.port:*2*', 'message:*ok', 'constructor:*ctor*',
];
const query: fc.Arbitrary<string> = fc.letrec((tie) => ({
  q: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constantFrom(...atoms), fc.tuple(tie('q'), tie('q')).map(([a, b]) => `(${a}) AND (${b})`), fc.tuple(tie('q'), tie('q')).map(([a, b]) => `(${a}) OR (${b})`), tie('q').map((a) => `NOT (${a})`)),
})).q as fc.Arbitrary<string>;

const event: fc.Arbitrary<VigilEvent> = fc.record({
  ds: fc.constantFrom('sshd', 'SSHD', 'nginx', 'Nginx', null),
  port: fc.constantFrom(22, '22', 443, 80, '080', null),
  user: fc.constantFrom('alice', 'ALICE', 'Alfred', 'bob', null),
  sev: fc.constantFrom('info', 'medium', 'high', null),
  flag: fc.constantFrom(true, false, 'true', null),
  tags: fc.constantFrom(['a', 'b'], ['B'], [], null),
  msg: fc.constantFrom('Failed password for root', 'ok', 'FAILED'),
  ip: fc.constantFrom('10.1.2.3', '192.168.0.1', null),
  cmd: fc.constantFrom('C:\\Windows\\System32\\WHOAMI.EXE /all', 'c:\\windows\\system32\\whoami.exe', 'cmd.exe /c echo *', 'äb ÄB', ['x', 'who mi'], 42, null),
}).map((r) => {
  const e: Record<string, unknown> = { id: '1', '@timestamp': '2026-01-01T00:00:00.000Z', 'event.ingested': '2026-01-01T00:00:00.000Z', message: r.msg };
  const put = (k: string, v: unknown) => {
    if (v !== null) e[k] = v;
  };
  put('event.dataset', r.ds);
  put('destination.port', r.port);
  put('user.name', r.user);
  put('vigil.severity', r.sev);
  put('flag', r.flag);
  put('tags', r.tags);
  put('source.ip', r.ip);
  put('process.command_line', r.cmd);
  return e as VigilEvent;
});

describe('rule index (prefilter)', () => {
  it('is sound: every rule whose predicate matches an event is among its candidates', () => {
    fc.assert(
      fc.property(fc.array(query, { minLength: 1, maxLength: 12 }), fc.array(event, { minLength: 1, maxLength: 20 }), (queries, events) => {
        const asts = queries.map(parseQuery);
        const preds = asts.map(compilePredicate);
        // Both lookups: probing each indexed field, and walking the event's own fields.
        const index = new RuleIndex(asts);
        const walking = new RuleIndex(asts, 0);
        const out: number[] = [];
        for (const e of events) {
          const n = index.candidates(e, out);
          const cands = out.slice(0, n);
          expect(out.slice(0, walking.candidates(e, out))).toEqual(cands);
          expect([...cands].sort((a, b) => a - b)).toEqual(cands);
          expect(new Set(cands).size).toBe(n);
          preds.forEach((p, i) => {
            if (p(e)) expect(cands).toContain(i);
          });
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('finds rules by substring: one scan of the folded field for all their literals', () => {
    const index = new RuleIndex(['process.command_line|i:*\\\\whoami.exe', 'process.command_line:*USER*', 'process.command_line|i:*mimikatz*', 'Failed'].map(parseQuery));
    const out: number[] = [];
    const ev = (cmd: unknown, message = ''): VigilEvent => ({ id: '1', '@timestamp': '', 'event.ingested': '', message, 'process.command_line': cmd }) as VigilEvent;
    expect(out.slice(0, index.candidates(ev('C:\\Windows\\WHOAMI.EXE /all'), out))).toEqual([0]);
    expect(out.slice(0, index.candidates(ev(['x', 'NET USER bob', 'Mimikatz.exe']), out))).toEqual([1, 2]);
    expect(out.slice(0, index.candidates(ev('notepad.exe', 'login FAILED'), out))).toEqual([3]);
    expect(out.slice(0, index.candidates(ev(7), out))).toEqual([]);
  });

  it('skips rules that cannot match: an sshd rule never runs on an nginx event', () => {
    const index = new RuleIndex(['event.dataset:sshd AND user.name:/x/', 'event.dataset|i:NGINX', 'NOT event.dataset:sshd'].map(parseQuery));
    const out: number[] = [];
    const n = index.candidates({ id: '1', '@timestamp': '', 'event.ingested': '', message: '', 'event.dataset': 'nginx' }, out);
    expect(out.slice(0, n)).toEqual([1, 2]);
  });

  it('prefers literal anchors over presence, and knows nothing for NOT', () => {
    expect(anchorsOf(parseQuery('user.name:/x/ AND event.dataset:sshd'))).toEqual([{ field: 'event.dataset', key: 'sshd', folded: false }]);
    expect(anchorsOf(parseQuery('destination.port:22'))).toEqual([
      { field: 'destination.port', key: '22', folded: false },
      { field: 'destination.port', key: '#22', folded: false, alias: true },
    ]);
    expect(anchorsOf(parseQuery('NOT a:b'))).toBeNull();
    // A wildcard anchors on its longest literal run, folded; one without any literal on presence.
    expect(anchorsOf(parseQuery('process.command_line|i:*\\\\WhoAmI.exe* AND event.code:1'))).toEqual([{ field: 'process.command_line', key: '\\whoami.exe', folded: true, contains: true }]);
    expect(anchorsOf(parseQuery('user.name:?*?'))).toEqual([{ field: 'user.name', key: null, folded: false }]);
    expect(anchorsOf(parseQuery(''))).toBeNull();
  });
});

describe('literal matcher (Aho-Corasick)', () => {
  it('reports exactly the literals a text contains, overlapping and nested ones too', () => {
    const unit = fc.constantFrom('a', 'b', 'ab', 'A', 'B', 'Ab', '\\', '.', 'é', 'É', '😀');
    const str = (max: number) => fc.array(unit, { maxLength: max }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(str(4), { minLength: 1, maxLength: 8 }), str(12), (literals, text) => {
        literals = literals.map(asciiLower);
        const m = new LiteralMatcher(literals);
        const found = new Set<number>();
        m.scan(text, (id) => found.add(id));
        const expected = literals.flatMap((l, i) => (l !== '' && asciiLower(text).includes(l) ? [i] : []));
        expect([...found].sort((a, b) => a - b)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
