import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Node arguments that run a TypeScript file of this project through tsx (as `npm start` would, minus the build). */
export function tsxArgs(script: string): string[] {
  const loader = pathToFileURL(join(process.cwd(), 'node_modules/tsx/dist/loader.mjs')).href;
  return ['--import', loader, join(process.cwd(), script)];
}
