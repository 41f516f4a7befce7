/**
 * The secret key from VIGIL_SECRET_KEY (secret_key) or data_dir/secret.key: both formats accepted, a
 * malformed key refused with a coded error naming the format (never the value), a secret sealed with
 * one key unreadable with the other (coded VIGIL_ERR_SECRET_KEY saying what to do), and — on a real
 * runtime logging at trace level — the key neither logged nor answered by any API call, while a
 * channel sealed under the file key is re-entered after the switch to the env key.
 */
import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { VigilError } from '@vigil/contracts';
import { loadSecretBox } from '../../src/auth/secret-box.ts';
import { parseSecretKey } from '../../src/config/secret-key.ts';
import { loadConfig } from '../../src/config/index.ts';
import { createLogger } from '../../src/log/logger.ts';
import { startRuntime, type Runtime } from '../../src/app/runtime.ts';
import { tempDir } from '../support/temp-dir.ts';
import { NO_DEFAULT_PORTS } from '../support/process.ts';
import { Client } from '../support/server.ts';
import { startHttpReceiver, type HttpReceiver } from './receivers.ts';

const KEY = randomBytes(32);
const HEX = KEY.toString('hex');
const B64 = KEY.toString('base64');
const dirs: { remove: () => void }[] = [];
const newDir = () => {
  const d = tempDir();
  dirs.push(d);
  return d.path;
};
afterAll(() => dirs.forEach((d) => d.remove()));

function codeOf(fn: () => unknown): VigilError {
  try {
    fn();
  } catch (err) {
    return err as VigilError;
  }
  throw new Error('expected an error');
}

describe('secret key sources', () => {
  it('accepts 64 hex characters, base64 and base64url of 32 bytes; nothing else', () => {
    expect(parseSecretKey(HEX)?.equals(KEY)).toBe(true);
    expect(parseSecretKey(` ${B64}\n`)?.equals(KEY)).toBe(true);
    expect(parseSecretKey(KEY.toString('base64url'))?.equals(KEY)).toBe(true);
    for (const bad of [HEX.slice(2), `${HEX}00`, randomBytes(31).toString('base64'), randomBytes(33).toString('base64'), 'correct horse battery staple', '']) expect(parseSecretKey(bad)).toBeNull();
  });

  it('refuses a malformed VIGIL_SECRET_KEY at start-up naming the format, never the value', () => {
    const bad = `${HEX.slice(0, 60)}zzzz`;
    const err = codeOf(() => loadConfig({ env: { VIGIL_DATA_DIR: newDir(), VIGIL_SECRET_KEY: bad } }));
    expect(err.code).toBe('VIGIL_ERR_CONFIG');
    expect(err.message).toMatch(/secret_key \(VIGIL_SECRET_KEY\) from the environment is malformed: expected 64 hexadecimal characters or the base64 of 32 bytes/);
    expect(err.message).not.toContain(bad);
    expect(JSON.stringify(err.details)).not.toContain(bad);
    const direct = codeOf(() => loadSecretBox(newDir(), 'short'));
    expect(direct.code).toBe('VIGIL_ERR_CONFIG');
    expect(direct.message).not.toContain('short');
    expect(loadConfig({ env: { VIGIL_DATA_DIR: newDir(), VIGIL_SECRET_KEY: B64 } }).secret_key).toBe(B64);
  });

  it('uses the env key instead of the file (none is created), and a secret sealed with one key cannot be read with the other', () => {
    const dir = newDir();
    const envBox = loadSecretBox(dir, HEX);
    expect(existsSync(join(dir, 'secret.key'))).toBe(false);
    const fileBox = loadSecretBox(dir);
    expect(existsSync(join(dir, 'secret.key'))).toBe(true);
    expect(loadSecretBox(dir, B64).open(envBox.seal('pw', 'channel:c1'), 'channel:c1')).toBe('pw');

    const sealedEnv = envBox.seal('hunter2', 'channel:c1');
    const sealedFile = fileBox.seal('hunter3', 'channel:c1');
    expect(envBox.open(sealedEnv, 'channel:c1')).toBe('hunter2');
    expect(fileBox.open(sealedFile, 'channel:c1')).toBe('hunter3');
    const a = codeOf(() => fileBox.open(sealedEnv, 'channel:c1'));
    const b = codeOf(() => envBox.open(sealedFile, 'channel:c1'));
    expect(a.code).toBe('VIGIL_ERR_SECRET_KEY');
    expect(b.code).toBe('VIGIL_ERR_SECRET_KEY');
    expect(a.message).toContain(join(dir, 'secret.key'));
    expect(b.message).toMatch(/channel c1 cannot be decrypted with the key of VIGIL_SECRET_KEY.*Restore the key it was sealed with.*enter the secret again/);
    for (const e of [a, b]) {
      expect(e.message).not.toContain(HEX);
      expect(e.message).not.toContain(B64);
      expect(e.message).not.toMatch(/hunter/);
    }
  });
});

describe('a runtime with VIGIL_SECRET_KEY', () => {
  const dir = tempDir();
  const logs: string[] = [];
  const sink = new Writable({ write(chunk, _enc, cb) { logs.push(String(chunk)); cb(); } });
  const answers: string[] = [];
  let rt: Runtime | undefined;
  let rx: HttpReceiver;
  const start = async (env: Record<string, string>) => {
    const config = loadConfig({ env: { ...NO_DEFAULT_PORTS, VIGIL_DATA_DIR: dir.path, VIGIL_HTTP_PORT: '0', VIGIL_ADMIN_PASSWORD: 'correct-horse-battery', VIGIL_AUTH_LOGIN_RATE_LIMIT: '1000', ...env } });
    rt = await startRuntime(config, createLogger('trace', sink));
    const c = new Client(rt.url);
    expect((await c.login('admin', 'correct-horse-battery')).status).toBe(200);
    const req = c.req.bind(c);
    c.req = async (...args: Parameters<Client['req']>) => {
      const r = await req(...args);
      answers.push(JSON.stringify(r.body));
      return r;
    };
    return c;
  };
  beforeAll(async () => {
    rx = await startHttpReceiver();
  });
  afterAll(async () => {
    await rt?.stop();
    await rx?.close();
    dir.remove();
  });

  it('seals with the env key, never logs or answers it, and asks for secrets sealed under the file key to be entered again', async () => {
    // First under the file key: a signed webhook channel.
    let api = await start({});
    const created = await api.req('POST', '/api/v1/channels', { body: { name: 'hook', type: 'webhook', config: { url: `${rx.base}/h`, secret: 'whsec_c2VjcmV0LWtleS10ZXN0', allow_private: true } } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await api.req('POST', `/api/v1/channels/${id}/test`)).body).toMatchObject({ ok: true });
    await rt!.stop();
    rt = undefined;

    // Then with VIGIL_SECRET_KEY: the old secrets are unreadable, with a coded error that says what to do.
    api = await start({ VIGIL_SECRET_KEY: HEX });
    const refused = await api.req('POST', `/api/v1/channels/${id}/test`);
    expect(refused.status).toBe(500);
    expect(refused.body.error.code).toBe('VIGIL_ERR_SECRET_KEY');
    expect(refused.body.error.message).toMatch(/VIGIL_SECRET_KEY.*enter the secret again/);
    // Sending the mask back cannot keep a secret nobody can read: the field is asked for.
    const masked = await api.req('PUT', `/api/v1/channels/${id}`, { body: { name: 'hook', config: { url: '********', secret: '********', allow_private: true } } });
    expect(masked.status).toBe(400);
    expect(masked.body.error).toMatchObject({ code: 'VIGIL_ERR_VALIDATION', details: { field: 'config.url' } });
    const reentered = await api.req('PUT', `/api/v1/channels/${id}`, { body: { name: 'hook', config: { url: `${rx.base}/h`, secret: 'whsec_c2VjcmV0LWtleS10ZXN0', allow_private: true } } });
    expect(reentered.status).toBe(200);
    const sent = rx.requests.length;
    expect((await api.req('POST', `/api/v1/channels/${id}/test`)).body).toMatchObject({ ok: true });
    expect(rx.requests.length).toBe(sent + 1);
    // Other answers that could carry configuration or secrets.
    for (const path of ['/api/v1/channels', `/api/v1/channels/${id}`, `/api/v1/channels/${id}/deliveries`, '/api/v1/audit-log', '/healthz', '/readyz']) await api.req('GET', path);
    expect(existsSync(join(dir.path, 'secret.key'))).toBe(true); // the file key stays for a switch back

    const everything = logs.join('') + answers.join('\n');
    expect(logs.length).toBeGreaterThan(10);
    for (const form of [HEX, B64, KEY.toString('base64url'), HEX.toUpperCase()]) expect(everything).not.toContain(form);
  }, 240_000);
});
