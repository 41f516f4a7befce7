import { describe, it, expect } from 'vitest';
import { compilePredicate, forEachTrigram, fieldKey, INDEXED_FIELDS, keyPlan, parseQuery, planKeys, type KeyPlan } from '../../src/index.ts';
import type { VigilEvent } from '@vigil/contracts';

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The keys an event holds, as the indexer computes them. */
function eventKeys(e: VigilEvent): Set<number> {
  const keys = new Set<number>();
  forEachTrigram(e.message, (k) => keys.add(k));
  INDEXED_FIELDS.forEach((f, i) => {
    const v = e[f.field];
    if (typeof v === 'string') keys.add(fieldKey(i, v));
  });
  return keys;
}

/** Whether an event holding `keys` can match the plan (the superset contract). */
function admits(plan: KeyPlan, keys: Set<number>): boolean {
  if (plan.type === 'key') return keys.has(plan.key);
  return plan.type === 'and' ? plan.children.every((c) => admits(c, keys)) : plan.children.some((c) => admits(c, keys));
}

const ALPHABET = ['a', 'b', 'A', 'B', 'x', 'X', ' ', '.', '/', '-', 'é', 'É', '\u{1F600}', '1', '2', '%', '_', '*', '?', '\\'];

function word(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(r() * ALPHABET.length)];
  return s;
}

function flipCase(r: () => number, s: string): string {
  return [...s].map((c) => (r() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
}

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

describe('search index keys', () => {
  it('never rule out an event the query matches (random texts, substrings, case, wildcards, fields)', () => {
    const r = rng(7);
    let checked = 0;
    for (let i = 0; i < 3000; i++) {
      const message = word(r, 3 + Math.floor(r() * 30));
      const e = { id: 'x', '@timestamp': '2026-01-01T00:00:00.000Z', 'event.ingested': '2026-01-01T00:00:00.000Z', message, 'user.name': flipCase(r, word(r, 4)), 'source.ip': '10.1.2.3' } as VigilEvent;
      const start = Math.floor(r() * message.length);
      const sub = [...message].slice(start, start + 1 + Math.floor(r() * 8)).join('');
      const variants = [
        quote(flipCase(r, sub)),
        `message:${quote(message)}`,
        `message|i:${quote(flipCase(r, message))}`,
        `user.name|i:${quote(flipCase(r, e['user.name'] as string))}`,
        `user.name:${quote(e['user.name'] as string)}`,
        'source.ip:10.1.2.3',
        `${quote(sub)} AND source.ip:10.1.2.3`,
        `${quote(sub)} OR nomatchhere`,
      ];
      // A wildcard pattern: the substring with a character replaced by ? and a run by *.
      const chars = [...sub];
      if (chars.length > 2) {
        chars[1] = '?';
        variants.push(`message:*${chars.join('').replace(/[\\"]/g, '')}*`);
      }
      for (const q of variants) {
        let ast;
        try {
          ast = parseQuery(q);
        } catch {
          continue;
        }
        if (!compilePredicate(ast)(e)) continue;
        const plan = keyPlan(ast);
        if (plan) expect({ q, message, admitted: admits(plan, eventKeys(e)) }).toEqual({ q, message, admitted: true });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('folds ASCII letters only, as the text match does', () => {
    const a = new Set<number>();
    const b = new Set<number>();
    forEachTrigram('XMRig', (k) => a.add(k));
    forEachTrigram('xmrIG', (k) => b.add(k));
    expect([...a]).toEqual([...b]);
    const c = new Set<number>();
    forEachTrigram('ÉLAN', (k) => c.add(k));
    const d = new Set<number>();
    forEachTrigram('élan', (k) => d.add(k));
    expect([...c].some((k) => d.has(k))).toBe(true);
    expect([...c].every((k) => d.has(k))).toBe(false);
  });

  it('leaves to the scan what it cannot narrow', () => {
    for (const q of ['ab', 'NOT xmrig', 'host.name:web-*', 'labels.env:prod', 'source.ip:10.0.0.0/8', 'destination.port:>5', 'xmrig OR ab', 'user.name:/root/', '*']) expect({ q, plan: keyPlan(parseQuery(q)) }).toEqual({ q, plan: null });
    // Built ASTs (Sigma) can hold a number for an IP field, which PostgreSQL matches in the document.
    expect(keyPlan({ type: 'term', field: 'source.ip', value: '5' })).toBeNull();
    expect(planKeys(keyPlan(parseQuery('xmrig AND event.dataset:sshd'))!)).toHaveLength(4);
    // A long phrase is narrowed by a spread subset of its trigrams.
    expect(planKeys(keyPlan(parseQuery(`"${'the quick brown fox jumps over the lazy dog'}"`))!).length).toBe(12);
  });
});
