/**
 * The outbound guard: address classes, DNS answers checked after resolution, redirects not followed.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isPrivateAddress, postOutbound, resolveAllowed } from '../../src/notify/index.ts';

describe('isPrivateAddress', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00::1', 'fc00::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '64:ff9b::a9fe:a9fe', 'not-an-ip'])('refuses %s', (ip) => {
    expect(isPrivateAddress(ip)).toBe(true);
  });
  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows %s', (ip) => {
    expect(isPrivateAddress(ip)).toBe(false);
  });
});

describe('guarded requests', () => {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    if (req.url === '/redirect') return res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    res.writeHead(200).end('ok');
  });
  const base = new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('refuses a name that resolves to loopback (localhost) after DNS resolution, without connecting', async () => {
    const port = await base;
    const before = hits;
    const r = await postOutbound({ url: `http://localhost:${port}/x`, body: '{}', headers: {}, allowPrivate: false, timeoutMs: 2000 });
    expect(r).toMatchObject({ ok: false, retry: false });
    expect(r.ok ? '' : r.reason).toContain('VIGIL_ERR_OUTBOUND_BLOCKED');
    expect(hits).toBe(before);
    await expect(resolveAllowed('localhost', false)).rejects.toMatchObject({ code: 'VIGIL_ERR_OUTBOUND_BLOCKED' });
  });

  it('allows it with allow_private', async () => {
    const port = await base;
    expect(await postOutbound({ url: `http://localhost:${port}/x`, body: '{}', headers: {}, allowPrivate: true, timeoutMs: 2000 })).toMatchObject({ ok: true, statusCode: 200 });
  });

  it('does not follow a redirect (to the metadata address) and fails it permanently', async () => {
    const port = await base;
    const r = await postOutbound({ url: `http://127.0.0.1:${port}/redirect`, body: '{}', headers: {}, allowPrivate: true, timeoutMs: 2000 });
    expect(r).toMatchObject({ ok: false, retry: false, statusCode: 302 });
    expect(r.ok ? '' : r.reason).toContain('redirects are not followed');
  });

  it('refuses other schemes', async () => {
    expect(await postOutbound({ url: 'file:///etc/passwd', body: '', headers: {}, allowPrivate: true, timeoutMs: 100 })).toMatchObject({ ok: false, retry: false });
  });

  it('times out a receiver that hangs, as retryable', async () => {
    const hang = createServer(() => undefined);
    const port = await new Promise<number>((resolve) => hang.listen(0, '127.0.0.1', () => resolve((hang.address() as AddressInfo).port)));
    const r = await postOutbound({ url: `http://127.0.0.1:${port}/`, body: '{}', headers: {}, allowPrivate: true, timeoutMs: 200 });
    hang.closeAllConnections();
    hang.close();
    expect(r).toMatchObject({ ok: false, retry: true });
    expect(r.ok ? '' : r.reason).toContain('ETIMEDOUT');
  });
});
