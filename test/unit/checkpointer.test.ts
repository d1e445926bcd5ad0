import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readSync,
  closeSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Checkpointer, type SyncFile } from '../../db/checkpointer.js';
import { openDatabase, type Db } from '../../db/client.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'checkpoint-'));
  dirs.push(dir);
  return dir;
}

function fileDb(): { db: Db; path: string; insert: () => void } {
  const path = join(tempDir(), 'app.db');
  const db = openDatabase(path);
  db.$client.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, data BLOB)');
  const statement = db.$client.prepare('INSERT INTO rows (data) VALUES (zeroblob(4000))');
  return { db, path, insert: () => void statement.run() };
}

/** The WAL's last committed frame and how many frames are copied into the file, from the `-shm` header. */
function walIndex(path: string): { frames: number; backfilled: number } {
  const fd = openSync(`${path}-shm`, 'r');
  const header = Buffer.alloc(100);
  readSync(fd, header, 0, 100, 0);
  closeSync(fd);
  return { frames: header.readUInt32LE(16), backfilled: header.readUInt32LE(96) };
}

const autocheckpoint = (db: Db) => db.$client.pragma('wal_autocheckpoint', { simple: true });
const fileSize = (path: string) => statSync(path).size;

describe('WAL checkpoints beside the app connection', () => {
  it('takes checkpoints off the app connection: its commits only append to the WAL', async () => {
    const { db, path, insert } = fileDb();
    const checkpointer = new Checkpointer(db, () => {}, 3_600_000);
    checkpointer.start();
    expect(autocheckpoint(db)).toBe(10_000);
    const before = fileSize(path);
    for (let i = 0; i < 1500; i++) insert(); // more than the 1000 pages at which the app's commit would checkpoint
    expect(fileSize(path)).toBe(before);
    await checkpointer.stop();
    expect(autocheckpoint(db)).toBe(1000);
    db.$client.close();
  });

  it('copies committed pages into the database file, syncing the WAL before and the file after', async () => {
    const { db, path, insert } = fileDb();
    const synced: string[] = [];
    const checkpointer = new Checkpointer(
      db,
      () => {},
      3_600_000,
      async (file) => {
        synced.push(`${basename(file)} at ${fileSize(path)}`);
      },
    );
    checkpointer.start();
    for (let i = 0; i < 1500; i++) insert();
    const before = fileSize(path);
    await checkpointer.tick();
    expect(fileSize(path)).toBeGreaterThan(1500 * 4000);
    expect(synced).toEqual([`app.db-wal at ${before}`, `app.db at ${fileSize(path)}`]);
    expect(walIndex(path).backfilled).toBe(walIndex(path).frames);
    await checkpointer.stop();
    db.$client.close();
  });

  it('copies only the frames that were in the WAL when its sync began', async () => {
    const { db, path, insert } = fileDb();
    let framesAtSync = 0;
    const checkpointer = new Checkpointer(
      db,
      () => {},
      3_600_000,
      async (file) => {
        if (!file.endsWith('-wal')) return;
        framesAtSync = walIndex(path).frames;
        for (let i = 0; i < 50; i++) insert(); // committed while the sync runs: not durable yet
      },
    );
    checkpointer.start();
    for (let i = 0; i < 100; i++) insert();
    await checkpointer.tick();
    const { frames, backfilled } = walIndex(path);
    expect(backfilled).toBe(framesAtSync);
    expect(frames).toBeGreaterThan(framesAtSync);
    await checkpointer.stop();
    db.$client.close();
  });

  it('keeps the WAL from being rewound until the copied pages are synced in the database file', async () => {
    const { db, path, insert } = fileDb();
    let release: (() => void) | null = null;
    const checkpointer = new Checkpointer(
      db,
      () => {},
      3_600_000,
      (file) =>
        file.endsWith('-wal') || release ? Promise.resolve() : new Promise<void>((resolve) => (release = resolve)),
    );
    checkpointer.start();
    for (let i = 0; i < 100; i++) insert();
    const tick = checkpointer.tick();
    await new Promise((resolve) => setImmediate(resolve)); // the WAL synced, every frame copied, the file's sync pending
    const copied = walIndex(path);
    expect(copied.backfilled).toBe(copied.frames);
    insert(); // with nothing left to copy, an unfenced writer would start the WAL over at frame 1
    expect(walIndex(path).frames).toBeGreaterThan(copied.frames);
    release!();
    await tick;
    await checkpointer.tick(); // copies that last commit too
    insert(); // the file is synced and the fence gone: the WAL starts over
    expect(walIndex(path).frames).toBeLessThan(copied.frames);
    await checkpointer.stop();
    db.$client.close();
  });

  it('keeps the fence while the database file cannot be synced, and retries', async () => {
    const { db, path, insert } = fileDb();
    const failures: Error[] = [];
    let fileSyncs = 0;
    const checkpointer = new Checkpointer(
      db,
      (e) => failures.push(e),
      3_600_000,
      async (file) => {
        if (file.endsWith('-wal')) return;
        if (++fileSyncs <= 2) throw new Error('EIO: i/o error, fdatasync');
      },
    );
    checkpointer.start();
    for (let i = 0; i < 100; i++) insert();
    await checkpointer.tick();
    await checkpointer.tick();
    const copied = walIndex(path);
    insert();
    expect(walIndex(path).frames).toBeGreaterThan(copied.frames); // not rewound
    expect(failures.map((e) => e.message)).toEqual(['checkpoint failed: EIO: i/o error, fdatasync']);
    await checkpointer.tick(); // the sync succeeds: the fence goes
    await checkpointer.tick(); // copies that last commit too
    insert();
    expect(walIndex(path).frames).toBeLessThan(copied.frames);
    await checkpointer.stop();
    db.$client.close();
  });

  it('tries the database file once more when stopped with its sync still failing', async () => {
    const { db, insert } = fileDb();
    const fileSyncs: string[] = [];
    const checkpointer = new Checkpointer(
      db,
      () => {},
      3_600_000,
      async (file) => {
        if (file.endsWith('-wal')) return;
        fileSyncs.push(basename(file));
        if (fileSyncs.length === 1) throw new Error('EIO: i/o error, fdatasync');
      },
    );
    checkpointer.start();
    for (let i = 0; i < 100; i++) insert();
    await checkpointer.tick(); // copied, but the file's sync failed: the fence stays
    await checkpointer.stop();
    expect(fileSyncs).toEqual(['app.db', 'app.db']);
    expect(autocheckpoint(db)).toBe(1000);
    db.$client.close();
  });

  it('copies nothing when the WAL cannot be synced', async () => {
    const { db, path, insert } = fileDb();
    const failures: Error[] = [];
    const checkpointer = new Checkpointer(
      db,
      (e) => failures.push(e),
      3_600_000,
      async () => {
        throw new Error('EIO: i/o error, fdatasync');
      },
    );
    checkpointer.start();
    for (let i = 0; i < 100; i++) insert();
    const before = walIndex(path);
    await checkpointer.tick();
    expect(walIndex(path)).toEqual(before);
    expect(failures).toHaveLength(1);
    await checkpointer.stop();
    db.$client.close();
  });

  it('loses no synced commit if the power fails at any point', async () => {
    // After a power loss each file holds what was synced, and perhaps what the OS wrote back on its own since.
    // Each sync here copies the file as it then is to a "disk"; before each sync and after each checkpoint, every
    // mix of synced and current files is opened as SQLite would open it when the power came back.
    const { db, path, insert } = fileDb();
    const disk = join(tempDir(), 'disk');
    mkdirSync(disk);
    let committed = 0;
    let durable = 0;
    const commit = (n: number) => {
      for (let i = 0; i < n; i++) insert();
      committed += n;
    };
    const reopen = (database: string, wal: string) => {
      const after = join(tempDir(), 'after.db');
      copyFileSync(database, after);
      if (existsSync(wal)) copyFileSync(wal, `${after}-wal`);
      const restored = new Database(after);
      expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
      const { rows, last } = restored.prepare('SELECT count(*) AS rows, max(id) AS last FROM rows').get() as {
        rows: number;
        last: number | null;
      };
      restored.close();
      expect(rows).toBe(last ?? 0); // a prefix of what was committed, nothing torn
      expect(rows).toBeGreaterThanOrEqual(durable);
      expect(rows).toBeLessThanOrEqual(committed);
    };
    const powerLoss = () => {
      for (const database of [join(disk, 'app.db'), path])
        for (const wal of [join(disk, 'app.db-wal'), `${path}-wal`]) reopen(database, wal);
    };
    let round = 0;
    const sync: SyncFile = async (file) => {
      const walSync = file.endsWith('-wal');
      const committedBefore = committed;
      // Commits land while the disk works: during the WAL's sync in some rounds, the file's in others.
      if (round % 3 === (walSync ? 1 : 2)) commit(7);
      powerLoss();
      copyFileSync(file, join(disk, basename(file)));
      if (walSync) durable = committedBefore;
    };
    db.$client.pragma('wal_checkpoint(TRUNCATE)'); // the table in the file, as synced
    copyFileSync(path, join(disk, 'app.db'));
    const checkpointer = new Checkpointer(db, () => {}, 3_600_000, sync);
    checkpointer.start();
    for (round = 0; round < 30; round++) {
      commit(5 + (round % 4) * 10);
      await checkpointer.tick();
      powerLoss();
    }
    expect(durable).toBeGreaterThan(0);
    await checkpointer.stop();
    db.$client.close();
  });

  it('keeps the WAL bounded while writes never pause', async () => {
    const { db, path, insert } = fileDb();
    const checkpointer = new Checkpointer(db, () => {}, 1);
    checkpointer.start();
    // 30,000 commits back to back, three pages each (~370 MiB of WAL if it were never rewound): the event loop
    // never turns, so the checkpointer never runs; the app's connection, at 10,000 pages (~40 MiB), checkpoints
    // and the WAL starts over.
    for (let i = 0; i < 30_000; i++) insert();
    expect(fileSize(`${path}-wal`)).toBeLessThan(60 * 2 ** 20);
    await checkpointer.stop();
    db.$client.close();
  }, 60_000);

  it('leaves the checkpoints to the app connection when it cannot open its own', async () => {
    const { db, insert } = fileDb();
    db.$client.pragma('locking_mode = EXCLUSIVE'); // no other connection may open the file
    insert();
    const failures: Error[] = [];
    const checkpointer = new Checkpointer(db, (e) => failures.push(e), 10);
    checkpointer.start();
    expect(failures[0]?.message).toMatch(/^checkpointer not started: /);
    expect(autocheckpoint(db)).toBe(1000);
    await checkpointer.stop();
    db.$client.close();
  });

  it('leaves an in-memory database alone', async () => {
    const db = openDatabase(':memory:');
    const checkpointer = new Checkpointer(db, () => {}, 10);
    checkpointer.start();
    expect(autocheckpoint(db)).toBe(1000);
    await checkpointer.tick();
    await checkpointer.stop();
  });
});
