/**
 * The fake Slack Web API on its own thread. Slack's servers are not on the measured machine's event loop: run
 * in the bench's thread, the fake's work for kintone-login's calls (the bare app makes none) would delay the load
 * generator's timestamps and count against kintone-login. The thread reports each call in a few fields.
 */
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { FakeSlack } from '../helpers/fake-slack.js';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface SlackCall {
  method: string;
  threadTs?: string;
  text?: string;
  /** views.open: the trigger id it answered, and the walk id the troubleshooter modal carries. */
  triggerId?: string;
  walkId?: number;
}

export class SlackThread {
  calls = 0;
  private readonly listeners = new Set<(call: SlackCall) => void>();

  private constructor(
    private readonly worker: Worker,
    readonly url: string,
    readonly responseUrl: string,
  ) {
    worker.on('message', (call: SlackCall) => {
      this.calls++;
      for (const listener of this.listeners) listener(call);
    });
  }

  static async start(): Promise<SlackThread> {
    // A worker does not inherit the tsx loader: it registers tsx itself, then loads this file.
    const script = pathToFileURL(fileURLToPath(import.meta.url)).href;
    const worker = new Worker(
      `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); })`,
      { eval: true },
    );
    const { url, responseUrl } = await new Promise<{ url: string; responseUrl: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    return new SlackThread(worker, url, responseUrl);
  }

  onCall(listener: (call: SlackCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const slack = await FakeSlack.start();
  slack.onCall((call) => {
    slack.calls.length = 0; // the bench makes hundreds of thousands of calls: keep none
    const opened =
      call.method === 'views.open' ? { triggerId: String(call.args.trigger_id), walkId: walkIdOf(call.args.view) } : {};
    port.postMessage({
      method: call.method,
      threadTs: call.args.thread_ts,
      text: typeof call.args.text === 'string' ? call.args.text : undefined,
      ...opened,
    } satisfies SlackCall);
  });
  port.postMessage({ url: slack.url, responseUrl: slack.responseUrl() });
}

/** The walk id in a troubleshooter modal's private_metadata (`{"w": …}`), if it is one. */
function walkIdOf(view: unknown): number | undefined {
  try {
    const w = (JSON.parse(String((view as { private_metadata?: unknown })?.private_metadata)) as { w?: unknown }).w;
    return typeof w === 'number' ? w : undefined;
  } catch {
    return undefined;
  }
}
