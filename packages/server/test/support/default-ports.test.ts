/**
 * `npm test` runs beside `npm start`: the shared helpers start servers with every default port (HTTP
 * 8080, syslog 5514, SNMP traps 1162) held by someone else, as they are while a developer's server runs.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type Server } from 'node:net';
import { createSocket, type Socket } from 'node:dgram';
import { spawnVigil } from './process.ts';
import { startTestServer } from './server.ts';
import { tempDir } from './temp-dir.ts';

const held: (Server | Socket)[] = [];

/** Holds a port unless something (a running Vigil) already does; either way it is busy. */
async function hold(kind: 'tcp' | 'udp', port: number): Promise<void> {
  await new Promise<void>((res) => {
    if (kind === 'tcp') {
      const s = createServer();
      s.once('error', () => res());
      s.listen(port, () => (held.push(s), res()));
    } else {
      const s = createSocket('udp6');
      s.once('error', () => res());
      s.bind(port, () => (held.push(s), res()));
    }
  });
}

beforeAll(async () => {
  await hold('tcp', 8080);
  await hold('tcp', 5514);
  await hold('udp', 5514);
  await hold('udp', 1162);
});
afterAll(() => {
  for (const s of held) s.close();
});

describe('test servers use free ports only', () => {
  it('starts an in-process test server while the default ports are busy', async () => {
    const srv = await startTestServer();
    try {
      expect(new URL(srv.url).port).not.toBe('8080');
      expect(srv.rt.sources).toEqual([]);
    } finally {
      await srv.close();
    }
  });

  it('spawns `vigil start` while the default ports are busy', async () => {
    const dir = tempDir();
    const p = await spawnVigil({ env: { VIGIL_DATA_DIR: dir.path, VIGIL_LOG_LEVEL: 'warn' } });
    try {
      expect(p.port).not.toBe(8080);
    } finally {
      expect(await p.stop()).toBe(0);
      dir.remove();
    }
  });
});
