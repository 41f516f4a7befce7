#!/usr/bin/env node
// Builds the server CLI into plain JavaScript (packages/server/dist) so `vigil` starts without compiling
// TypeScript at run time. Runs at `npm install` (postinstall) and by `npm run build`.
// Workspace packages (@vigil/*) are bundled in; everything from node_modules stays an import.
// Worker threads are loaded by path at run time (`new URL('./x.worker.js', import.meta.url)`): each such
// `.worker.js` shim in src imports one TypeScript module, which is bundled to dist/<shim name>, next to
// the CLI bundle, so the same relative URL resolves in both the source and the built layout.
import { build } from 'esbuild';
import { readFileSync, readdirSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = join(ROOT, 'packages/server');
const SRC = join(SERVER, 'src');
// `--outdir <dir>` (tests) builds elsewhere; it must sit directly inside packages/server like dist/.
const outArg = process.argv.indexOf('--outdir');
const OUT = outArg > 0 ? resolve(process.argv[outArg + 1]) : join(SERVER, 'dist');
if (dirname(OUT) !== SERVER) throw new Error(`--outdir must be a folder directly inside ${SERVER}`);

/** Every file under dir (recursive). */
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

// Worker shims: `foo.worker.js` containing `import('./foo-thread.ts')` becomes dist/foo.worker.js.
const workers = {};
for (const file of walk(SRC).filter((f) => f.endsWith('.worker.js'))) {
  const target = /import\(\s*['"](\.\/[^'"]+\.ts)['"]\s*\)/.exec(readFileSync(file, 'utf8'))?.[1];
  if (!target) throw new Error(`${relative(ROOT, file)}: a worker shim must import exactly one './<module>.ts'`);
  const name = basename(file, '.js');
  if (workers[name]) throw new Error(`two worker shims are called ${name}.js; worker names must be unique (they share dist/)`);
  workers[name] = join(dirname(file), target);
}
// Any other file loaded by a relative URL would not exist next to the bundle: refuse rather than break at run time.
for (const file of walk(SRC).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
  for (const m of readFileSync(file, 'utf8').matchAll(/new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g)) {
    if (!/^\.\/[^/]+\.worker\.js$/.test(m[1])) throw new Error(`${relative(ROOT, file)} loads ${m[1]} by path; the build only places ./<name>.worker.js shims next to the bundle (see scripts/build-server.mjs)`);
  }
}

/** Keeps node_modules imports external but bundles our own workspace packages. */
const externals = {
  name: 'externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@vigil/') ? undefined : { path: args.path, external: true }));
  },
};

const started = Date.now();
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
await build({
  entryPoints: { vigil: join(SRC, 'cli/main.ts'), ...workers },
  outdir: OUT,
  bundle: true,
  splitting: true,
  // Chunks sit next to the worker shims: code in a chunk finds `new URL('./x.worker.js', import.meta.url)`
  // relative to itself, so a chunks/ folder made every worker thread fail to load (exit code 1).
  chunkNames: '[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [externals],
});
// The stamp the launcher compares with the sources' modification times (bin/vigil.js).
writeFileSync(join(OUT, 'build.json'), `${JSON.stringify({ builtAt: new Date().toISOString(), workers: Object.keys(workers) }, null, 2)}\n`);
console.log(`vigil: built ${relative(ROOT, OUT)} in ${Date.now() - started} ms`);
