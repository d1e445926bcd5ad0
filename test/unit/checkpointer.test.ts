import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Checkpointer } from '../../db/checkpointer.js';
import { openDatabase, type Db } from '../../db/client.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fileDb(): { db: Db; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'checkpoint-'));
  dirs.push(dir);
  const path = join(dir, 'app.db');
  const db = openDatabase(path);
  db.$client.exec('CREATE TABLE blobs (data BLOB)');
  return { db, path };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

const autocheckpoint = (db: Db) => db.$client.pragma('wal_autocheckpoint', { simple: true });

describe('WAL checkpoints on their own thread', () => {
  it('takes checkpoints off the app connection: its commits only append to the WAL', async () => {
    const { db, path } = fileDb();
    const checkpointer = new Checkpointer(db, () => {}, 3_600_000); // the thread stays idle in this test
    checkpointer.start();
    expect(autocheckpoint(db)).toBe(10_000);
    const before = statSync(path).size;
    const insert = db.$client.prepare('INSERT INTO blobs VALUES (zeroblob(4096))');
    for (let i = 0; i < 1500; i++) insert.run(); // more than the 1000 pages at which the app's commit would checkpoint
    expect(statSync(path).size).toBe(before);
    await checkpointer.stop();
    expect(autocheckpoint(db)).toBe(1000);
    db.$client.close();
  });

  it('copies committed pages into the database file from its own thread', async () => {
    const { db, path } = fileDb();
    const failures: Error[] = [];
    const checkpointer = new Checkpointer(db, (e) => failures.push(e), 10);
    checkpointer.start();
    const insert = db.$client.prepare('INSERT INTO blobs VALUES (zeroblob(4096))');
    for (let i = 0; i < 1500; i++) insert.run();
    await until(() => statSync(path).size > 1500 * 4096);
    await checkpointer.stop();
    expect(failures).toEqual([]);
    db.$client.close();
  });

  it('keeps the WAL bounded while writes never pause', async () => {
    const { db, path } = fileDb();
    const checkpointer = new Checkpointer(db, () => {}, 1);
    checkpointer.start();
    const insert = db.$client.prepare('INSERT INTO blobs VALUES (zeroblob(4000))');
    // 30,000 commits back to back, three pages each (~370 MiB of WAL if it were never rewound), the thread
    // checkpointing beside them all along. It never catches up with a writer that never pauses; the app's
    // connection, at 10,000 pages (~40 MiB), does, and the WAL starts over. How far past 40 MiB it gets depends on
    // how long the thread's checkpoint then in progress takes (under 60 MiB measured, with both cores busy).
    for (let i = 0; i < 30_000; i++) insert.run();
    expect(statSync(`${path}-wal`).size).toBeLessThan(120 * 2 ** 20);
    await checkpointer.stop();
    db.$client.close();
  }, 60_000);

  it('gives the work back to the app connection if the thread dies', async () => {
    const { db } = fileDb();
    const failures: Error[] = [];
    const checkpointer = new Checkpointer(db, (e) => failures.push(e), 10);
    checkpointer.start();
    await (checkpointer as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await until(() => failures.length > 0);
    expect(autocheckpoint(db)).toBe(1000);
    expect(failures[0]?.message).toMatch(/exited/);
    db.$client.close();
  });

  it('leaves an in-memory database alone', async () => {
    const db = openDatabase(':memory:');
    const checkpointer = new Checkpointer(db, () => {}, 10);
    checkpointer.start();
    expect(autocheckpoint(db)).toBe(1000);
    await checkpointer.stop();
  });
});
