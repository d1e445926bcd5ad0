import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { sql, type AnyColumn } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';

export type Db = BetterSQLite3Database & { $client: Database.Database };
/** Anything that can run the statements of a transaction: the db or the tx inside `db.transaction`. */
export type Writer = Pick<Db, 'insert' | 'update' | 'select'>;

/**
 * SQLite's own default page cache (2 MiB). better-sqlite3 builds SQLite with 16 MiB, which a busy database fills
 * (it is allocated on the main thread and glibc keeps it): it set ~19 MiB of the app's peak RSS in the bench.
 * Every query the app runs is an indexed lookup of a few pages, and a page not cached is a read the OS serves
 * from its own cache.
 */
const PAGE_CACHE_KIB = 2000;

/** Opens (creating the directory if needed) the SQLite file with the pragmas the app relies on. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // Another connection (a second instance, a CLI) may hold the write lock briefly: wait instead of failing.
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // After a checkpoint rewinds the WAL, its file is cut back to this size instead of keeping its largest.
  sqlite.pragma('journal_size_limit = 67108864');
  sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  cacheStatements(sqlite);
  // No schema: the app never uses drizzle's relational queries (`db.query`), and with a schema every
  // transaction builds a query builder per table (~30 KiB of garbage per report submission).
  return drizzle(sqlite) as Db;
}

/** More distinct statements than the app has queries (lists of different lengths make more), fewer than memory minds. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * drizzle compiles every query it runs from scratch (SQLite's prepare is ~0.1 ms, a sixth of a report
 * submission). The SQL text of a query shape never changes, so its compiled statement is kept and reused.
 * drizzle switches a statement to array rows (`raw()`) whenever it wants them and otherwise expects objects,
 * so a reused statement is handed back in object mode.
 */
function cacheStatements(sqlite: Database.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached) {
      cache.delete(source); // re-inserted below: the map's order is least recently used first
      cache.set(source, cached);
      return cached.reader ? cached.raw(false) : cached;
    }
    const statement = prepare(source);
    cache.set(source, statement);
    if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return statement;
  }) as typeof sqlite.prepare;
}

/**
 * A query built once per database and from then on only run, with named values (`sql.placeholder`). drizzle
 * otherwise rebuilds a query's SQL on every call: about a third of the CPU of a report submission. A transaction
 * shares its database's session (drizzle's connection wrapper), so the query is kept per session and runs inside
 * whatever transaction is open. Without a session to key on, it is simply built each time.
 */
export function buildOnce<W extends object, Q>(build: (w: W) => Q): (w: W) => Q {
  const built = new WeakMap<object, Q>();
  return (w) => {
    const session = (w as { session?: object }).session;
    if (!session) return build(w);
    let query = built.get(session);
    if (query === undefined) {
      query = build(w);
      built.set(session, query);
    }
    return query;
  };
}

/** A named value for a query built once, where drizzle's `set()` takes a value (elsewhere `sql.placeholder` does). */
export const param = (name: string) => sql`${sql.placeholder(name)}`;

/** A named value for an optional change in a query built once: given null, the column keeps its value. */
export const paramOrKeep = (name: string, column: AnyColumn) => sql`coalesce(${sql.placeholder(name)}, ${column})`;
