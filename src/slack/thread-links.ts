import type { WebClient } from '@slack/web-api';
import type { Report } from '../../db/schema.js';

/**
 * Permalinks of reports' threads (their root messages), fetched in parallel and waited for at most `waitMs`:
 * used before acknowledging a view submission, which Slack gives 3 seconds. A report whose root message is not
 * posted yet, or whose link did not come in time, is simply missing from the map.
 */
export async function threadLinks(
  client: WebClient,
  reports: readonly Report[],
  waitMs: number,
): Promise<Map<number, string>> {
  const links = new Map<number, string>();
  const lookups = reports
    .filter((r) => r.rootChannel && r.rootTs)
    .map((r) =>
      client.chat
        .getPermalink({ channel: r.rootChannel!, message_ts: r.rootTs! })
        .then((answer) => {
          if (typeof answer.permalink === 'string') links.set(r.id, answer.permalink);
        })
        .catch(() => {}),
    );
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(lookups), new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
  clearTimeout(timer);
  return new Map(links);
}
