/** The bench's interactive requests: real payload shapes, as Slack sends them. */
import type autocannon from 'autocannon';
import { sign } from '../helpers/slack-request.js';

export const ADMIN = 'UBENCHADM';
/** The reporter whose `status` the bench asks for: the run seeds them MAX_OPEN_REPORTS (3) reports first. */
export const STATUS_REPORTER = 'UBENCHST1';
/** Reports seeded for {@link STATUS_REPORTER}: the default MAX_OPEN_REPORTS, as many as one person can have open. */
export const STATUS_REPORTS = 3;

/** autocannon's request list: signed POSTs, each with a fresh body from `body`. */
export function signedRequests(secret: string, body: () => string): autocannon.Request[] {
  return [
    {
      method: 'POST',
      setupRequest: (request) => {
        const b = body();
        return {
          ...request,
          body: b,
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(secret, b) },
        };
      },
    },
  ];
}

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** The bench's admin goes on duty (`/kintone-login duty on`), so reports are routed and mentioned, not queued. */
export async function goOnDuty(port: number, secret: string, responseUrl: string): Promise<void> {
  const body = form({
    token: 't',
    team_id: 'T1',
    channel_id: 'C1',
    user_id: ADMIN,
    command: '/kintone-login',
    text: 'duty on',
    api_app_id: 'A1',
    response_url: responseUrl,
    trigger_id: '1',
  });
  await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(secret, body) },
    body,
  });
}

const payload = (p: unknown) => `payload=${encodeURIComponent(JSON.stringify(p))}`;
const user = (id: string) => ({ id, username: id, name: id, team_id: 'T1' });
let sequence = 0;

/** Where report submissions get their walks: real ones for kintone-login (see walk-pool.ts). */
export interface WalkSource {
  take(): { userId: string; walkId: number } | null;
}

/**
 * The interactive paths, each a function that builds a fresh signed body (ids vary where they must). Report
 * submissions send the form of a walk from `walks`; without it (the bare app, which never looks) or when it has
 * none left, a walk id no one started, which kintone-login refuses.
 */
export function paths(responseUrl: string, walks?: WalkSource): Record<string, () => string> {
  return {
    'slash command (help)': () =>
      form({
        token: 't',
        team_id: 'T1',
        channel_id: 'C1',
        user_id: 'UBENCH01',
        command: '/kintone-login',
        text: 'help',
        api_app_id: 'A1',
        response_url: responseUrl,
        trigger_id: '1.2.3',
      }),
    'slash command (status)': () =>
      form({
        token: 't',
        team_id: 'T1',
        channel_id: 'C1',
        user_id: STATUS_REPORTER,
        command: '/kintone-login',
        text: 'status',
        api_app_id: 'A1',
        response_url: responseUrl,
        trigger_id: '1.2.3',
      }),
    'troubleshooter step': () =>
      payload({
        type: 'block_actions',
        user: user('UBENCH01'),
        team: { id: 'T1' },
        api_app_id: 'A1',
        token: 't',
        trigger_id: '1.2.3',
        response_url: responseUrl,
        container: { type: 'view', view_id: 'V1' },
        view: {
          id: 'V1',
          hash: 'h',
          type: 'modal',
          callback_id: 'login_report',
          private_metadata: JSON.stringify({ w: 1, s: '', f: {} }),
          state: { values: {} },
        },
        actions: [
          { action_id: 'tree_answer:login_error', block_id: 'b', value: 'login_error', type: 'button', action_ts: '1' },
        ],
      }),
    'report submission': () => {
      const walk = walks?.take() ?? { userId: 'UNOWALK1', walkId: 1_000_000_000 + sequence };
      return payload({
        type: 'view_submission',
        user: user(walk.userId),
        team: { id: 'T1' },
        api_app_id: 'A1',
        token: 't',
        trigger_id: '1.2.3',
        view: {
          id: `V${++sequence}`,
          hash: 'h',
          type: 'modal',
          callback_id: 'login_report',
          private_metadata: JSON.stringify({ w: walk.walkId, s: 'suspended', f: {} }),
          state: {
            values: {
              login_name: { login_name_input: { value: `user${sequence}` } },
              details: { details_input: { value: null } },
            },
          },
        },
      });
    },
    'action button (take it)': () =>
      payload({
        type: 'block_actions',
        user: user(ADMIN),
        team: { id: 'T1' },
        api_app_id: 'A1',
        token: 't',
        trigger_id: '1.2.3',
        response_url: responseUrl,
        container: { type: 'message', channel_id: 'CBENCH1', message_ts: '1.1' },
        channel: { id: 'CBENCH1' },
        message: { ts: '1.1' },
        actions: [
          {
            action_id: 'report_ack',
            block_id: 'b',
            value: String(1 + (sequence++ % 50)),
            type: 'button',
            action_ts: '1',
          },
        ],
      }),
  };
}
