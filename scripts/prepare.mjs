// npm runs this after `npm install` and `npm ci` (the "prepare" script): it builds dist/ (scripts/build.mjs: the
// TypeScript compiled, the entry point bundled), so that `npm start` is plain node and needs no compiler. An install without dev dependencies
// (`npm ci --omit=dev`) has no compiler: it keeps the dist/ a build stage made, and stops when there is none.
// Plain JavaScript, because it must run where TypeScript is not installed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
const built = fileURLToPath(new URL('../dist/src/main.js', import.meta.url));

if (existsSync(tsc)) {
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  process.exit(result.status ?? 1);
} else if (existsSync(built)) {
  console.log('prepare: TypeScript is not installed (no dev dependencies): npm start runs the build already in dist/');
} else {
  console.error(
    'prepare: dist/ is missing and TypeScript is not installed: build where the dev dependencies are ' +
      '(`npm ci` builds dist/, `npm run build` rebuilds it), then bring that dist/ here',
  );
  process.exit(1);
}
