import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Db } from './client.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The committed drizzle-kit output: next to this file in the sources, two levels up from dist/db. */
export const migrationsFolder = here.split(sep).includes('dist')
  ? resolve(here, '../../db/migrations')
  : resolve(here, 'migrations');

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder });
}
