/**
 * What `vigil start` leaves for a person and for a machine: a short banner and readable lines with
 * log.format=pretty (auto on a terminal), JSON lines otherwise; and private files on disk — the data
 * dir 0700, vigil.db and its -wal/-shm 0600.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnVigil } from '../support/process.ts';
import { tempDir } from '../support/temp-dir.ts';
import { formatPretty } from '../../src/log/pretty.ts';
import { resolveLogFormat } from '../../src/log/logger.ts';

const dirs: ReturnType<typeof tempDir>[] = [];
afterAll(() => dirs.forEach((d) => d.remove()));

describe('vigil start output', () => {
  it('pretty: a banner with the URL, the credentials file, the ports, the database and the data dir', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const data = join(dir.path, 'data');
    const v = await spawnVigil({ env: { VIGIL_DATA_DIR: data, VIGIL_LOG_FORMAT: 'pretty' } });
    try {
      for (let i = 0; i < 50 && !/Data dir/.test(v.output()); i++) await new Promise((r) => setTimeout(r, 100));
      const out = v.output();
      expect(out).toMatch(/Vigil \d+\.\d+\.\d+ is running\./);
      expect(out).toContain(`Open       ${v.url}`);
      expect(out).toContain(`password and an ingest key are in ${join(data, 'bootstrap.json')}`);
      expect(out).toMatch(new RegExp(`Listening  HTTP ${v.port}`));
      expect(out).toContain(`Database   SQLite ${join(data, 'vigil.db')}`);
      expect(out).toContain(`Data dir   ${data}`);
      expect(out).toMatch(/^\d\d:\d\d:\d\d INFO  first start: created tenant/m);
      expect(out).not.toMatch(/^\{"level"/m);
    } finally {
      expect(await v.stop()).toBe(0);
    }
  });

  it('json (the default on a pipe): every stdout line is a JSON document; files on disk are private', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const data = join(dir.path, 'data');
    const v = await spawnVigil({ env: { VIGIL_DATA_DIR: data, VIGIL_LOG_LEVEL: 'info' } });
    try {
      const lines = v.output().split('\n').filter(Boolean);
      expect(lines.length).toBeGreaterThan(0);
      for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
      expect(v.output()).not.toContain('is running.');
      expect(statSync(data).mode & 0o777).toBe(0o700);
      for (const f of ['vigil.db', 'vigil.db-wal', 'vigil.db-shm']) expect([f, statSync(join(data, f)).mode & 0o777]).toEqual([f, 0o600]);
      expect(statSync(join(data, 'bootstrap.json')).mode & 0o777).toBe(0o600);
    } finally {
      expect(await v.stop()).toBe(0);
    }
  });
});

describe('log formats', () => {
  it('auto is pretty on a terminal and JSON elsewhere', () => {
    expect(resolveLogFormat('auto', { isTTY: true })).toBe('pretty');
    expect(resolveLogFormat('auto', { isTTY: false })).toBe('json');
    expect(resolveLogFormat('json', { isTTY: true })).toBe('json');
    expect(resolveLogFormat('pretty', {})).toBe('pretty');
  });

  it('formats a pino line: time, level, message, fields; an error with its stack', () => {
    const line = JSON.stringify({ level: 50, time: '2026-12-05T12:04:31.000Z', service: 'vigil', msg: 'store failed', batch: 12, path: 'a b', err: { message: 'boom', stack: 'Error: boom\n    at x' } });
    expect(formatPretty(line, false)).toBe('12:04:31 ERROR store failed batch=12 path="a b"\n    Error: boom\n        at x\n');
    expect(formatPretty('not json', false)).toBe('not json\n');
  });
});
