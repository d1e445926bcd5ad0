import http from 'node:http';
import { sign } from '../helpers/slack-request.js';
import { form } from './paths.js';
import type { SlackThread } from './slack-thread.js';

/** A troubleshooter walk the app started, ready to be submitted as a report by its own user. */
export interface ReadyWalk {
  userId: string;
  walkId: number;
}

/**
 * Walks started through the real request path, as a user starts one: `/kintone-login` opens the troubleshooter,
 * and the walk id the app wrote into the modal is read from its `views.open` call. Each walk has its own user,
 * so every report the bench submits is accepted: no reporter comes near MAX_OPEN_REPORTS or REPORTS_PER_HOUR.
 * Walks are opened before a measured run (untimed); a run that needs more than were opened counts each
 * submission it could not make from a real walk in `shortfall` (the bench then reports it as an error).
 */
export class WalkPool {
  private readonly ready: ReadyWalk[] = [];
  private readonly waiting = new Map<string, (walkId: number) => void>();
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  private sequence = 0;
  /** Submissions that found the pool empty. */
  shortfall = 0;

  constructor(
    private readonly port: number,
    private readonly secret: string,
    slack: SlackThread,
    /** Users are `U<prefix><n>`: distinct per pool, so two pools never share a reporter. */
    private readonly prefix = 'BW',
  ) {
    slack.onCall((call) => {
      if (call.method !== 'views.open' || !call.triggerId || call.walkId === undefined) return;
      this.waiting.get(call.triggerId)?.(call.walkId);
    });
  }

  get size(): number {
    return this.ready.length;
  }

  /** The next walk, or null (counted in `shortfall`) when none is left. */
  take(): ReadyWalk | null {
    const walk = this.ready.shift() ?? null;
    if (!walk) this.shortfall++;
    return walk;
  }

  /** Opens walks until `size` are ready, `concurrency` at a time. */
  async fill(size: number, concurrency = 16): Promise<void> {
    const missing = Math.max(0, size - this.ready.length);
    let left = missing;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, missing) }, async () => {
        while (left > 0) {
          left--;
          this.ready.push(await this.open());
        }
      }),
    );
  }

  /** Opens one walk (for `userId`, or a new user): the slash command, then the app's views.open carrying the walk id. */
  async open(userId = `U${this.prefix}${this.sequence + 1}`): Promise<ReadyWalk> {
    const n = ++this.sequence;
    const triggerId = `bench.${this.prefix}.${n}`;
    const opened = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no views.open for ${userId} within 10 s`)), 10_000);
      this.waiting.set(triggerId, (walkId) => {
        clearTimeout(timer);
        this.waiting.delete(triggerId);
        resolve(walkId);
      });
    });
    const body = form({
      token: 't',
      team_id: 'T1',
      channel_id: 'C1',
      user_id: userId,
      command: '/kintone-login',
      text: '',
      api_app_id: 'A1',
      response_url: 'http://127.0.0.1:1/',
      trigger_id: triggerId,
    });
    await this.post(body);
    return { userId, walkId: await opened };
  }

  close(): void {
    this.agent.destroy();
  }

  private post(body: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port: this.port,
          path: '/slack/events',
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': Buffer.byteLength(body),
            ...sign(this.secret, body),
          },
        },
        (response) => {
          response.resume();
          response.on('end', () =>
            response.statusCode === 200
              ? resolve()
              : reject(new Error(`slash command answered ${response.statusCode}`)),
          );
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }
}
