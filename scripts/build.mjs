// `npm run build` (and `prepare`, after an install with dev dependencies): compiles the TypeScript into dist/, then
// bundles the entry point `npm start` runs, dist/src/main.js, with drizzle-orm inlined (esbuild).
//
// Why the bundle: Node 24 reads a package's package.json again for every ES module file it loads from it, and
// drizzle-orm's holds a 175 KB "exports" map over ~450 files. Loading it that way made ~200 MB of garbage at
// start-up (RSS 317 MiB idle on Node 24 with default flags, against 131 MiB bundled; docs/operations.md, "Memory").
// Every other package stays a plain import from node_modules, as the production install has it (better-sqlite3 is
// native, Bolt and the rest are CommonJS or small). The other files in dist/ (the CLIs) are tsc's output as is.
// Plain JavaScript, like prepare.mjs. `--outDir <dir>` builds elsewhere (the tests build into a fresh folder).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = process.argv.indexOf('--outDir');
const outDir = at === -1 ? join(root, 'dist') : process.argv[at + 1];

/** What stays an import from node_modules: every dependency but those inlined, with its subpaths. */
const INLINED = ['drizzle-orm'];

const tsc = spawnSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir],
  { cwd: root, stdio: 'inherit' },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const { buildSync } = await import('esbuild');
const dependencies = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies);
const main = join(outDir, 'src/main.js');
buildSync({
  entryPoints: [main],
  outfile: main,
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  // Built elsewhere (--outDir), the entry point has no node_modules above it: the project's is where packages are.
  nodePaths: [join(root, 'node_modules')],
  external: dependencies.filter((name) => !INLINED.includes(name)).flatMap((name) => [name, `${name}/*`]),
  logLevel: 'warning',
});
// esbuild leaves non-ASCII characters in comments and `u` regular expressions; one of them makes V8 hold the whole
// bundle's source as a two-byte string (~1.9 MB instead of ~0.95 MB, for the life of the process). A \uXXXX escape
// means the same in a regular expression and nothing in a comment (a character above U+FFFF becomes its two
// surrogate escapes, which a `u` regular expression reads as that one character).
writeFileSync(
  main,
  readFileSync(main, 'utf8').replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
);
