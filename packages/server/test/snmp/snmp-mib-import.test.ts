/**
 * `vigil snmp mib import` on the MIB files Debian ships (libsnmp-base, /usr/share/snmp/mibs), then a
 * server on the same data dir names a trap from those MIBs (no MIB parser at run time).
 */
import { describe, it, expect, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VIGIL_BIN, freePort } from '../support/process.ts';
import { tempDir } from '../support/temp-dir.ts';
import { startTestServer, Client } from '../support/server.ts';

const MIBS = '/usr/share/snmp/mibs';
const files = existsSync(MIBS) ? readdirSync(MIBS).filter((f) => f.endsWith('.txt')).map((f) => join(MIBS, f)) : [];
const hasTrap = spawnSync('snmptrap', ['-V']).status === 0;
if (!files.length && process.env.CI) throw new Error(`${MIBS} is empty under CI (Debian package libsnmp-base, pulled in by snmp)`);
if (!files.length) console.warn(`[skip] MIB import test skipped: no MIB files in ${MIBS} (apt-get install snmp).`);

const dir = tempDir();
afterAll(() => dir.remove());

function vigil(args: string[]) {
  return spawnSync(process.execPath, [VIGIL_BIN, ...args], { env: { ...process.env, VIGIL_DATA_DIR: dir.path, VIGIL_LOG_LEVEL: 'error' }, encoding: 'utf8', timeout: 60_000 });
}

describe.skipIf(!files.length)('vigil snmp mib import', () => {
  it('compiles every Debian net-snmp MIB without errors and stores the names', () => {
    const dry = vigil(['snmp', 'mib', 'import', '--dry-run', ...files]);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/would import \d+ OID names/);
    const r = vigil(['snmp', 'mib', 'import', ...files]);
    expect(r.status, r.stderr).toBe(0);
    const m = /imported (\d+) OID names from (\d+) module\(s\) \((.*)\); 0 error\(s\)/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(300);
    expect(m![3]).toContain('NET-SNMP-AGENT-MIB');
    expect(m![3]).toContain('UCD-SNMP-MIB');
  });

  it('reports located errors and fails when nothing can be imported', () => {
    const bad = join(dir.path, 'BAD-MIB.txt');
    writeFileSync(bad, 'BAD-MIB DEFINITIONS ::= BEGIN\n\nbadThing OBJECT IDENTIFIER ::= { noSuchParent 3 }\nEND\n');
    const r = vigil(['snmp', 'mib', 'import', bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('BAD-MIB.txt:3: badThing: parent "noSuchParent" is unknown');
    expect(r.stderr).toContain('VIGIL_ERR_MIB_SYNTAX');
    const missing = vigil(['snmp', 'mib', 'import', join(dir.path, 'nope.txt')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/Cannot read/);
  });

  it.skipIf(!hasTrap)('a server on that data dir names a trap defined only in the imported MIBs', async () => {
    const port = await freePort();
    const srv = await startTestServer({ VIGIL_SNMP_TRAP_PORT: String(port) });
    try {
      // Imported by the CLI while the server runs (SQLite WAL); the server reloads names each minute — here at once.
      const r = spawnSync(process.execPath, [VIGIL_BIN, 'snmp', 'mib', 'import', ...files], { env: { ...process.env, VIGIL_DATA_DIR: srv.dataDir, VIGIL_LOG_LEVEL: 'error' }, encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      await srv.rt.snmp!.reloadOids();
      const admin = new Client(srv.url);
      await admin.login('admin', 'correct-horse-battery');
      await admin.req('POST', '/api/v1/snmp/communities', { body: { community: 'mibtest' } });
      // NET-SNMP-EXAMPLES-MIB netSnmpExampleHeartbeatNotification with its varbind netSnmpExampleHeartbeatRate.
      const t = spawnSync('snmptrap', ['-m', '', '-v', '2c', '-c', 'mibtest', `udp:127.0.0.1:${port}`, '', '1.3.6.1.4.1.8072.2.3.0.1', '1.3.6.1.4.1.8072.2.3.2.1.0', 'i', '42'], { encoding: 'utf8' });
      expect(t.status, t.stderr).toBe(0);
      let e: any;
      for (let i = 0; i < 50 && !e; i++) {
        e = (await admin.req('GET', `/api/v1/events?q=${encodeURIComponent('snmp.trap.name:netSnmpExampleHeartbeatNotification')}`)).body.events?.[0];
        if (!e) await new Promise((r) => setTimeout(r, 100));
      }
      expect(e).toBeDefined();
      expect(e['snmp.var.netSnmpExampleHeartbeatRate']).toBe(42);
    } finally {
      await srv.close();
    }
  }, 60_000);
});
