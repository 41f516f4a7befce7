import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.ts';
import { renderConfigDocs, readmeWithConfig } from '../../../../scripts/config-docs.ts';
import { tempDir } from '../support/temp-dir.ts';

describe('config', () => {
  it('has the brief defaults', () => {
    const c = loadConfig({ env: {} , file: undefined });
    expect(c['http.port']).toBe(8080);
    expect(c['syslog.port']).toBe(5514);
    expect(c['syslog.tls_port']).toBe(6514);
    expect(c['snmp.trap_port']).toBe(1162);
    expect(c.data_dir).toBe('./data');
    expect(c.role).toBe('all');
    expect(c['retention.days']).toBe(30);
    expect(c['auth.session_ttl']).toBe(12 * 3600_000);
  });

  it('reads the fixed VIGIL_* names', () => {
    const c = loadConfig({ env: { VIGIL_DATA_DIR: '/x', VIGIL_HTTP_PORT: '9000', VIGIL_SYSLOG_PORT: '0', VIGIL_DATABASE_URL: 'postgres://a@b/c', VIGIL_BUS_URL: 'nats://127.0.0.1:4222', VIGIL_ROLE: 'ingest', VIGIL_ADMIN_PASSWORD: 'pw', VIGIL_LOG_LEVEL: 'debug' } });
    expect([c.data_dir, c['http.port'], c['syslog.port'], c['database.url'], c['bus.url'], c.role, c.admin_password, c['log.level']]).toEqual(['/x', 9000, 0, 'postgres://a@b/c', 'nats://127.0.0.1:4222', 'ingest', 'pw', 'debug']);
  });

  it('reads vigil.yaml, with env winning', () => {
    const d = tempDir();
    const f = join(d.path, 'vigil.yaml');
    writeFileSync(f, 'http:\n  port: 7000\nretention:\n  days: 7\n');
    const c = loadConfig({ file: f, env: { VIGIL_RETENTION_DAYS: '9' } });
    expect(c['http.port']).toBe(7000);
    expect(c['retention.days']).toBe(9);
    writeFileSync(f, 'htp:\n  port: 1\n');
    expect(() => loadConfig({ file: f, env: {} })).toThrow(/Unknown key "htp"/);
    d.remove();
  });

  it('names the key and what is allowed on a wrong value', () => {
    expect(() => loadConfig({ env: { VIGIL_HTTP_PORT: '99999' } })).toThrow(/http\.port.*VIGIL_HTTP_PORT.*integer >= 0 and <= 65535/);
    expect(() => loadConfig({ env: { VIGIL_LOG_LEVEL: 'loud' } })).toThrow(/one of trace, debug/);
    expect(() => loadConfig({ env: { VIGIL_AUTH_SESSION_TTL: 'forever' } })).toThrow(/duration such as 30s/);
  });

  it('keeps docs/configuration.md generated from the schema', () => {
    const committed = readFileSync(new URL('../../../../docs/configuration.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderConfigDocs());
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain('<!-- config:start');
    expect(readme).toBe(readmeWithConfig(readme));
  });
});

describe('settings this version cannot honour', () => {
  it('refuses a NATS bus and scale-out roles instead of ignoring them', async () => {
    const { startRuntime } = await import('../../src/app/runtime.ts');
    const { createLogger } = await import('../../src/log/logger.ts');
    await expect(startRuntime(loadConfig({ env: { VIGIL_BUS_URL: 'nats://127.0.0.1:4222' } }), createLogger('silent'))).rejects.toMatchObject({ code: 'VIGIL_ERR_CONFIG', message: expect.stringMatching(/only the in-process bus/) });
    await expect(startRuntime(loadConfig({ env: { VIGIL_ROLE: 'ingest' } }), createLogger('silent'))).rejects.toMatchObject({ code: 'VIGIL_ERR_CONFIG', message: expect.stringMatching(/needs the NATS bus/) });
  });
});
