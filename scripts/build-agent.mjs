#!/usr/bin/env node
// Builds the host agent into one file, packages/agent/dist/vigil-agent.js: an esbuild bundle (CommonJS,
// so `node vigil-agent.js` runs it with no package.json beside it) for the system Node >= 20, with no
// dependency outside Node itself. Beside it: its SHA-256 and, when npm can make one offline, an SBOM
// (CycloneDX, `npm sbom`). The server signs the bundle with its own release key when it serves it.
// Runs at `npm install` (postinstall) and by `npm run build`.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const AGENT = join(ROOT, 'packages/agent');
const OUT = join(AGENT, 'dist');
const version = JSON.parse(readFileSync(join(AGENT, 'package.json'), 'utf8')).version;

const started = Date.now();
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const result = await build({
  entryPoints: [join(AGENT, 'src/main.ts')],
  outfile: join(OUT, 'vigil-agent.js'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  banner: { js: `#!/usr/bin/env node\n// vigil-agent ${version}: Vigil's host agent (one file; run with Node >= 20). https://github.com/ (see docs/agent.md)` },
  define: { __VIGIL_AGENT_VERSION__: JSON.stringify(version) },
  legalComments: 'inline',
  logLevel: 'warning',
  metafile: true,
});
// The agent must need nothing but Node: any import left outside the bundle would fail on a host.
const external = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external && !i.path.startsWith('node:')).map((i) => i.path));
if (external.length) throw new Error(`the agent bundle imports ${external.join(', ')}, which hosts do not have: the agent may use node: modules only`);
writeFileSync(join(OUT, 'package.json'), '{"type": "commonjs"}\n');
const bytes = readFileSync(join(OUT, 'vigil-agent.js'));
const sha256 = createHash('sha256').update(bytes).digest('hex');
writeFileSync(join(OUT, 'vigil-agent.js.sha256'), `${sha256}  vigil-agent.js\n`);
let sbom = false;
// npm sbom reads the lock file and node_modules only; it needs no network.
const r = spawnSync('npm', ['sbom', '--sbom-format', 'cyclonedx', '--workspace', '@vigil/agent', '--omit', 'dev', '--package-lock-only'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
if (r.status === 0 && r.stdout.trim().startsWith('{')) {
  writeFileSync(join(OUT, 'vigil-agent.sbom.json'), r.stdout);
  sbom = true;
}
writeFileSync(join(OUT, 'build.json'), `${JSON.stringify({ version, sha256, bytes: bytes.length, sbom, builtAt: new Date().toISOString() }, null, 2)}\n`);
console.log(`vigil-agent: built ${relative(ROOT, join(OUT, 'vigil-agent.js'))} (${Math.round(bytes.length / 1024)} KiB, sha256 ${sha256.slice(0, 12)}…${sbom ? ', SBOM' : ''}) in ${Date.now() - started} ms`);
