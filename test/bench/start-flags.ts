import { readFileSync } from 'node:fs';

/**
 * The node flags `npm start` runs the app with (V8's heap sizing, see docs/operations.md "Memory"), read from
 * package.json so the benches measure what is deployed.
 */
export function startFlags(): string[] {
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts
    .start!;
  const words = start.split(/\s+/);
  return words.slice(words.indexOf('node') + 1).filter((word) => word.startsWith('--'));
}
