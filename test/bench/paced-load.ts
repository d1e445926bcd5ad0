import http from 'node:http';
import { prng } from '../helpers/prng.js';

export interface PacedFigures {
  sent: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
}

/**
 * Open-loop load: requests arrive as a Poisson process at `rate` per second over at most `connections`
 * keep-alive sockets, whether or not earlier ones were answered, the way clicks reach Slack's servers from many
 * people. Latency runs from the moment a request was due to the end of its answer, so time spent waiting for a
 * free socket or a late timer counts against the server (no coordinated omission).
 *
 * autocannon's `overallRate` is not used for this: it lets each connection send its quota for the second
 * back to back and then pause, so "200 requests/s over 50 connections" arrive as bursts of 50 at once.
 */
export async function pacedLoad(p: {
  port: number;
  connections: number;
  rate: number;
  seconds: number;
  body: () => string;
  headers: (body: string) => Record<string, string>;
  seed?: number;
}): Promise<PacedFigures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: p.connections });
  const next = prng(p.seed ?? 42); // kintone-login and the bare app get the very same arrival times
  const latencies: number[] = [];
  let errors = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  const end = start + p.seconds * 1000;
  for (let due = start; due < end; due += (-Math.log(1 - next()) / p.rate) * 1000) {
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const body = p.body();
    pending.push(
      new Promise<void>((resolve) => {
        const request = http.request(
          {
            host: '127.0.0.1',
            port: p.port,
            path: '/slack/events',
            method: 'POST',
            agent,
            headers: { ...p.headers(body), 'content-length': Buffer.byteLength(body) },
          },
          (response) => {
            response.resume();
            response.on('end', () => {
              if (response.statusCode === 200) latencies.push(performance.now() - due);
              else errors++;
              resolve();
            });
          },
        );
        request.on('error', () => {
          errors++;
          resolve();
        });
        request.end(body);
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? NaN;
  return { sent: pending.length, p50: pct(0.5), p99: pct(0.99), max: latencies.at(-1) ?? NaN, errors };
}
