import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Source files of the app, the operators' scripts and the tests, relative to the repository root. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(path);
    return /\.(ts|mjs)$/.test(entry.name) ? [path] : [];
  });
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string, known: Set<string>): string[] {
  const found: string[] = [];
  for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const spec = match[1] ?? match[2]!;
    if (!spec.startsWith('.')) continue;
    const path = normalize(join(dirname(file), spec));
    const target = [path, path.replace(/\.js$/, '.ts'), `${path}.ts`, join(path, 'index.ts')].find((p) => known.has(p));
    if (target) found.push(target);
  }
  return found;
}

describe('no dead files', () => {
  it('reaches every file in src/, commands/ and db/ from the app, the CLIs, scripts/ or a test', () => {
    const files = ['src', 'commands', 'db', 'scripts', 'test'].flatMap((dir) => sourceFiles(dir));
    const known = new Set(files);
    const entries = files.filter((f) => f === join('src', 'main.ts') || /^(src\/cli|scripts|test)\//.test(f));
    const reached = new Set<string>();
    const pending = [...entries];
    while (pending.length > 0) {
      const file = pending.pop()!;
      if (reached.has(file)) continue;
      reached.add(file);
      pending.push(...importsOf(file, known));
    }
    expect(files.filter((f) => !reached.has(f))).toEqual([]);
  });
});
