/**
 * RPM package listing: the parser on real `rpm -qa --queryformat` output, and the collector running
 * the real rpm over a database under a temp root (packages built with rpmbuild and registered with
 * `rpm -i --justdb`), through an upgrade and a removal, with rpm re-run only when the database changed.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectPackages, parseRpmQuery, RPM_QUERY_FORMAT } from '../src/collectors/packages.ts';
import { diffSnapshots } from '../src/snapshot-diff.ts';

// Captured from rpm 4.18 (`rpm -qa --queryformat RPM_QUERY_FORMAT`) over a database holding two
// packages built with rpmbuild and an imported GPG key (which rpm lists as gpg-pubkey, arch "(none)").
const REAL_OUTPUT = 'vigil-tool\t2:0.9-1.fc40\tx86_64\nvigil-hello\t1.2.3-4.el9\tnoarch\ngpg-pubkey\t1f448d53-6b1455e6\t(none)\n';

describe('parseRpmQuery', () => {
  it('reads name, epoch:version-release and arch from real rpm output', () => {
    expect(parseRpmQuery(REAL_OUTPUT)).toEqual([
      { name: 'gpg-pubkey', version: '1f448d53-6b1455e6', arch: '' },
      { name: 'vigil-hello', version: '1.2.3-4.el9', arch: 'noarch' },
      { name: 'vigil-tool', version: '2:0.9-1.fc40', arch: 'x86_64' },
    ]);
  });

  it('skips blank and malformed lines', () => {
    expect(parseRpmQuery('\nno-tabs-here\nbash\t5.2.26-3.fc40\tx86_64\n\n')).toEqual([{ name: 'bash', version: '5.2.26-3.fc40', arch: 'x86_64' }]);
  });
});

const has = (cmd: string) => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
const haveRpm = has('rpm') && has('rpmbuild');
if (!haveRpm && !process.env.CI) console.warn('packages-rpm.test: rpm/rpmbuild not installed (apt-get install rpm) — the real-rpm tests are skipped');

describe.skipIf(!haveRpm && !process.env.CI)('collectPackages on an RPM host (real rpm)', () => {
  let dir: string;
  let root: string;
  let rpm: string;
  let calls: string;
  const built = new Map<string, string>();

  /** Builds an empty package with rpmbuild; answers the .rpm path. */
  function build(name: string, version: string, release: string, epoch?: number): string {
    const top = join(dir, 'build');
    const spec = join(dir, `${name}-${version}.spec`);
    writeFileSync(spec, `Name: ${name}\n${epoch ? `Epoch: ${epoch}\n` : ''}Version: ${version}\nRelease: ${release}\nSummary: test\nLicense: MIT\nBuildArch: noarch\n%description\ntest\n%files\n`);
    const r = spawnSync('rpmbuild', ['--define', `_topdir ${top}`, '-bb', spec], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`rpmbuild failed: ${r.stderr}`);
    const file = join(top, 'RPMS/noarch', `${name}-${version}-${release}.noarch.rpm`);
    built.set(`${name}-${version}`, file);
    return file;
  }

  const rpmIn = (...args: string[]) => {
    const r = spawnSync('rpm', ['--root', root, '--dbpath', '/var/lib/rpm', ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`rpm ${args.join(' ')} failed: ${r.stderr}`);
  };
  const runs = () => readFileSync(calls, 'utf8').split('\n').filter(Boolean).length;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-rpm-'));
    root = join(dir, 'root');
    mkdirSync(join(root, 'var/lib/rpm'), { recursive: true });
    rpmIn('--initdb');
    build('vigil-hello', '1.2.3', '4.el9');
    build('vigil-tool', '0.9', '1.fc40', 2);
    build('vigil-hello', '1.2.4', '1.el9');
    rpmIn('-i', '--justdb', '--nodeps', built.get('vigil-hello-1.2.3')!, built.get('vigil-tool-0.9')!);
    // The real rpm behind a wrapper that counts its runs.
    calls = join(dir, 'calls');
    writeFileSync(calls, '');
    rpm = join(dir, 'rpm-counting');
    writeFileSync(rpm, `#!/bin/sh\necho run >> '${calls}'\nexec rpm "$@"\n`);
    chmodSync(rpm, 0o755);
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists installed packages, then an upgrade and a removal as events; rpm runs only when the database changed', () => {
    const first = collectPackages(root, { rpm });
    expect(first).toEqual({
      manager: 'rpm',
      packages: [
        { name: 'vigil-hello', version: '1.2.3-4.el9', arch: 'noarch' },
        { name: 'vigil-tool', version: '2:0.9-1.fc40', arch: 'noarch' },
      ],
    });
    expect(runs()).toBe(1);
    expect(collectPackages(root, { rpm })).toEqual(first);
    expect(runs()).toBe(1);

    rpmIn('-U', '--justdb', '--nodeps', built.get('vigil-hello-1.2.4')!);
    rpmIn('-e', '--justdb', '--nodeps', 'vigil-tool');
    const next = collectPackages(root, { rpm });
    expect(runs()).toBe(2);
    expect(next.packages).toEqual([{ name: 'vigil-hello', version: '1.2.4-1.el9', arch: 'noarch' }]);
    const events = diffSnapshots({ packages: first }, { packages: next }, Date.now()).map((e) => `${e['event.action']} ${e['package.name']} ${e['package.version']}`);
    expect(events.sort()).toEqual(['package-removed vigil-tool 2:0.9-1.fc40', 'package-upgraded vigil-hello 1.2.4-1.el9']);
  });

  it('a failing rpm keeps the last list, says why, and raises no change events', () => {
    const good = collectPackages(root, { rpm });
    rpmIn('-i', '--justdb', '--nodeps', built.get('vigil-tool-0.9')!); // the database changes: rpm must run again
    const failing = join(dir, 'rpm-failing');
    writeFileSync(failing, '#!/bin/sh\necho "error: rpmdb: damaged" >&2\nexit 1\n');
    chmodSync(failing, 0o755);
    const bad = collectPackages(root, { rpm: failing });
    expect(bad.error).toMatch(/rpm -qa failed \(exit 1\)/);
    expect(bad.packages).toEqual(good.packages);
    expect(diffSnapshots({ packages: good }, { packages: bad }, Date.now())).toEqual([]);
    const missing = collectPackages(join(dir, 'root'), { rpm: join(dir, 'no-such-rpm') });
    expect(missing.error).toBe('rpm is not installed');
  });

  it('uses the query format the parser reads', () => {
    const r = spawnSync('rpm', ['--root', root, '--dbpath', '/var/lib/rpm', '-qa', '--queryformat', RPM_QUERY_FORMAT], { encoding: 'utf8' });
    expect(parseRpmQuery(r.stdout).map((p) => p.name)).toContain('vigil-hello');
  });
});
