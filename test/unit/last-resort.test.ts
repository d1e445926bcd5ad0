import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isConnectionError, lastResort } from '../../src/last-resort.js';
import { createLogger } from '../../src/logger.js';
import { CapturedLog } from '../helpers/app-harness.js';
import { tsxArgs } from '../helpers/tsx-args.js';

describe('last-resort handlers (main.ts)', () => {
  const setup = () => {
    const log = new CapturedLog();
    const stops: number[] = [];
    return { log, stops, handlers: lastResort(createLogger('info', log), (code) => stops.push(code)) };
  };

  it('logs an unhandled rejection without secrets and keeps serving', () => {
    const { log, stops, handlers } = setup();
    handlers.onUnhandledRejection(new Error('call failed: Authorization: Bearer abc.def and xoxb-1-2-3'));
    handlers.onUnhandledRejection('a bare string with xapp-1-A1-secret');
    expect(stops).toEqual([]);
    expect(log.entries.map((e) => e.msg)).toEqual([
      'unhandled promise rejection; still serving',
      'unhandled promise rejection; still serving',
    ]);
    expect(log.text()).not.toMatch(/abc\.def|xoxb-1-2-3|xapp-1-A1-secret/);
    expect(log.entries[0]!.err).toContain('[redacted]');
  });

  it('keeps serving past an uncaught connection error, and stops with 1 on any other uncaught exception', () => {
    const { log, stops, handlers } = setup();
    for (const code of ['ECONNRESET', 'EPIPE', 'ERR_STREAM_DESTROYED'])
      handlers.onUncaughtException(Object.assign(new Error(code), { code }));
    expect(stops).toEqual([]);
    handlers.onUncaughtException(new TypeError("Cannot read properties of null (reading 'ssl_check')"));
    expect(stops).toEqual([1]);
    expect(log.entries.at(-1)).toMatchObject({ level: 60, msg: 'uncaught exception: stopping', name: 'TypeError' });
  });

  it('tells connection errors from the rest by their code only', () => {
    expect(isConnectionError(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isConnectionError(new Error('ECONNRESET'))).toBe(false);
    expect(isConnectionError(Object.assign(new Error('x'), { code: 'SQLITE_FULL' }))).toBe(false);
    expect(isConnectionError(null)).toBe(false);
    expect(isConnectionError({ code: 42 })).toBe(false);
  });

  it('installed in a real process: survives a rejection and a socket error, exits 1 on a bug', async () => {
    const child = spawn(process.execPath, tsxArgs('test/helpers/last-resort-process.ts'), {
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const status = await new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    const run = { stdout, status };
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const messages = lines.map((l) => l.msg);
    // Lines below the fatal one go through the logger's buffer and may be written after it (seen on Node 24 under
    // load, for the info line and the connection-error line alike): the order on stdout is not the order of events.
    // What counts is that each of the four was logged — the process ran on past the rejection and the connection
    // error (it logged "still running" after both) and stopped at the bug, before the timer it never reached.
    expect([...messages].sort()).toEqual([
      'still running',
      'uncaught connection error; still serving',
      'uncaught exception: stopping',
      'unhandled promise rejection; still serving',
    ]);
    expect(messages).not.toContain('never reached');
    expect(run.stdout).not.toContain('xoxb-123-secret');
    expect(run.status).toBe(1);
  }, 60_000);
});
