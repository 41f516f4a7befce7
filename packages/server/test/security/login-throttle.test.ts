/**
 * Attack (issue 14.7): six wrong passwords locked out any account — the owner included — for
 * everyone, and the lockout answer told which usernames exist. Holds: failures are throttled per
 * (account, client address) and per address; the owner still logs in from another address; existing
 * and unknown usernames get the same answers, in similar time; every failure and lockout is audited
 * with the client address.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestServer, Client, type TestServer } from '../support/server.ts';
import { loginFrom } from '../support/from-address.ts';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

// The wait in seconds depends on when each attempt ran, not on whether the user exists.
const strip = (b: any) => ({ code: b?.error?.code, message: String(b?.error?.message).replace(/\d+/g, 'N') });

describe('login throttling', () => {
  it('a stranger guessing the owner\'s password locks out only themselves', async () => {
    const attacker = '127.0.0.2';
    for (let i = 0; i < 8; i++) await loginFrom(attacker, srv.url, 'admin', `guess-${i}-wrong-password`);
    const blocked = await loginFrom(attacker, srv.url, 'admin', 'correct-horse-battery');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('VIGIL_ERR_LOCKED_OUT');
    // The owner, from their own address, is not affected.
    const owner = await loginFrom('127.0.0.1', srv.url, 'admin', 'correct-horse-battery');
    expect(owner.status).toBe(200);
  });

  it('answers existing and unknown usernames the same way, before and at lockout', async () => {
    const a = '127.0.0.3';
    const b = '127.0.0.4';
    const known: Array<{ status: number; body: any }> = [];
    const unknown: Array<{ status: number; body: any }> = [];
    for (let i = 0; i < 7; i++) {
      known.push(await loginFrom(a, srv.url, 'admin', 'wrong-password-123'));
      unknown.push(await loginFrom(b, srv.url, 'no-such-user-x', 'wrong-password-123'));
    }
    expect(known.map((r) => r.status)).toEqual(unknown.map((r) => r.status));
    expect(known.map((r) => strip(r.body))).toEqual(unknown.map((r) => strip(r.body)));
    expect(known.at(-1)!.status).toBe(429);
  });

  it('takes similar time for existing and unknown usernames', async () => {
    const time = async (addr: string, user: string) => {
      const t = performance.now();
      await loginFrom(addr, srv.url, user, 'wrong-password-456');
      return performance.now() - t;
    };
    const k: number[] = [];
    const u: number[] = [];
    for (let i = 0; i < 4; i++) {
      k.push(await time('127.0.0.5', 'admin'));
      u.push(await time('127.0.0.6', `ghost-${i}`));
    }
    const med = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    // Both run one argon2id verification; a missing one would be ~100x faster.
    expect(med(u) / med(k)).toBeGreaterThan(0.4);
    expect(med(u) / med(k)).toBeLessThan(2.5);
  });

  it('throttles one address across many usernames (password spraying)', async () => {
    const sprayer = '127.0.0.7';
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await loginFrom(sprayer, srv.url, `user-${i}`, 'Spring2026!')).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect((await loginFrom('127.0.0.8', srv.url, 'admin', 'correct-horse-battery')).status).toBe(200);
  });

  it('audits failed logins and lockouts with the client address', async () => {
    const c = new Client(srv.url);
    expect((await c.login('admin', 'correct-horse-battery')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    const entries = (await c.req('GET', '/api/v1/audit-log?limit=1000')).body.entries as Array<{ action: string; actor: string; ip: string }>;
    expect(entries.some((e) => e.action === 'auth.login_failed' && e.actor === 'admin' && e.ip === '127.0.0.2')).toBe(true);
    expect(entries.some((e) => e.action === 'auth.lockout' && e.actor === 'admin' && e.ip === '127.0.0.2')).toBe(true);
    expect(entries.some((e) => e.action === 'auth.login_failed' && e.actor === 'no-such-user-x' && e.ip === '127.0.0.4')).toBe(true);
  });
});
