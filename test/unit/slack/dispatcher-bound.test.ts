import { describe, expect, it } from 'vitest';
import { SlackDispatcher } from '../../../src/slack/dispatcher.js';

const quietLogger = { debug() {}, info() {}, warn() {}, error() {} } as never;
const services = { deps: { logger: quietLogger }, profiles: { locale: async () => 'en' } } as never;
/** Lets every pending promise callback run (the dispatcher awaits a little before a handler starts). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the dispatcher handles a bounded number of requests at once', () => {
  it('keeps the next request unacknowledged until one in flight finishes, then takes them in arrival order', async () => {
    const dispatcher = new SlackDispatcher(quietLogger, {} as never, services, 2);
    const finish = new Map<string, () => void>();
    const started: string[] = [];
    dispatcher.command('/kintone-login', async ({ command, ack }) => {
      started.push(command.text);
      await ack();
      await new Promise<void>((resolve) => finish.set(command.text, resolve)); // the work after the ack
    });
    const acked: string[] = [];
    const request = (text: string) => {
      const args = {
        body: { command: '/kintone-login', text, user_id: 'U1' },
        command: { command: '/kintone-login', text, user_id: 'U1' },
        ack: async () => void acked.push(text),
      };
      return dispatcher.middleware()(args as never);
    };
    const all = ['a', 'b', 'c', 'd'].map(request);
    await settle();
    expect(started).toEqual(['a', 'b']);
    expect(acked).toEqual(['a', 'b']);
    expect(dispatcher.queued).toBe(2);
    expect(dispatcher.inFlight).toBe(2);

    let idle = false;
    void dispatcher.idle().then(() => (idle = true));
    finish.get('b')!();
    await settle();
    expect(acked).toEqual(['a', 'b', 'c']);
    expect(dispatcher.queued).toBe(1);
    finish.get('a')!();
    await settle();
    expect(acked).toEqual(['a', 'b', 'c', 'd']);
    expect(idle).toBe(false);
    finish.get('c')!();
    finish.get('d')!();
    await Promise.all(all);
    await settle();
    expect(idle).toBe(true);
    expect(dispatcher.queued).toBe(0);
  });

  it('frees the place of a request whose handler failed', async () => {
    const dispatcher = new SlackDispatcher(quietLogger, {} as never, services, 1);
    const acked: string[] = [];
    dispatcher.command('/kintone-login', async ({ command, ack }) => {
      await ack();
      if (command.text === 'boom') throw new Error('handler failed');
    });
    const request = (text: string) =>
      dispatcher.middleware()({
        body: { command: '/kintone-login', text, user_id: 'U1' },
        command: { command: '/kintone-login', text, user_id: 'U1' },
        ack: async () => void acked.push(text),
      } as never);
    const [failed, next] = [request('boom'), request('after')];
    await expect(failed).rejects.toThrow('handler failed');
    await next;
    expect(acked).toEqual(['boom', 'after']);
  });
});
