import { afterEach, describe, expect, it } from 'vitest';
import { adminRemovals, auditEvents } from '../../db/schema.js';
import { startHarness, type Harness } from '../helpers/app-harness.js';
import { oidcEnv, startTestProvider, verifyThrough } from '../helpers/sso-flow.js';

const A1 = 'UADMINONE';
const A2 = 'UADMINTWO';

describe('the admin roster across restarts', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('keeps an admin removed with `admins remove` removed when ADMIN_SLACK_IDS still names them, until `admins add`', async () => {
    h = await startHarness({ env: { ADMIN_SLACK_IDS: `${A1},${A2}`, DEFAULT_LOCALE: 'en' } });
    expect((await h.client.slashCommand({ userId: A1, text: `admins remove <@${A2}>` })).body.text).toContain(
      'no longer',
    );
    await h.restart();
    expect(h.app.services.roster.isAdmin(A2)).toBe(false);
    expect((await h.client.slashCommand({ userId: A2, text: 'duty on' })).body.text).not.toContain('on duty');
    expect(h.db.select().from(adminRemovals).all()).toMatchObject([{ slackId: A2, removedBy: A1 }]);

    // Brought back by hand: and then a restart keeps them.
    expect((await h.client.slashCommand({ userId: A1, text: `admins add <@${A2}>` })).body.text).toContain(
      'is now an administrator',
    );
    await h.restart();
    expect(h.app.services.roster.isAdmin(A2)).toBe(true);
    expect(h.db.select().from(adminRemovals).all()).toEqual([]);
    const types = h.db
      .select()
      .from(auditEvents)
      .all()
      .map((e) => e.type);
    expect(types.filter((t) => t === 'admin.removed')).toHaveLength(1);
    expect(types.filter((t) => t === 'admin.added')).toHaveLength(3); // two seeded, one by hand
  });
});

describe('roster changes with OIDC_ADMIN_GROUP', () => {
  it('refuses `admins add` and `admins remove` from an admin who has not stepped up, and changes nothing', async () => {
    const provider = await startTestProvider({
      one: { sub: 'sub-one', email: 'one@example.com', email_verified: true, groups: ['kintone-admins'] },
    });
    const h = await startHarness({
      env: {
        ADMIN_SLACK_IDS: `${A1},${A2}`,
        DEFAULT_LOCALE: 'en',
        ...oidcEnv(provider),
        OIDC_ADMIN_GROUP: 'kintone-admins',
      },
    });
    h.slack.setUser(A1, { email: 'one@example.com', locale: 'en-US' });
    // The provider stamps auth_time from the wall clock; the app compares it with its own.
    h.clock.set(Date.now());
    try {
      for (const text of ['admins add <@UNEW00001|new>', `admins remove <@${A2}>`]) {
        const url = h.slack.responseUrl(`admins-${text.length}`);
        await h.client.slashCommand({ userId: A1, text, responseUrl: url });
        await h.app.idle();
        const answer = h.slack.calls
          .filter((c) => c.method === 'response_url' && c.args._path === new URL(url).pathname)
          .at(-1)!;
        expect(answer.args.text).toContain('need a single sign-on');
        expect(JSON.stringify(answer.args.blocks)).toContain(provider.url);
      }
      expect(
        h.app.services.roster
          .list()
          .map((a) => a.slackId)
          .sort(),
      ).toEqual([A1, A2]);
      expect(
        h.db
          .select()
          .from(auditEvents)
          .all()
          .filter((e) => e.type !== 'admin.added'),
      ).toEqual([]);
      // Listing stays open to anyone.
      expect((await h.client.slashCommand({ userId: 'UANYONE01', text: 'admins' })).body.text).toContain(`<@${A1}>`);

      // After a fresh sign-in with the admin group, the same admin may change the roster.
      expect((await verifyThrough(h, A1, 'one')).status).toBe(200);
      expect((await h.client.slashCommand({ userId: A1, text: 'admins add <@UNEW00001|new>' })).body.text).toContain(
        'is now an administrator',
      );
      expect(h.app.services.roster.isAdmin('UNEW00001')).toBe(true);
    } finally {
      await h.close();
      await provider.close();
    }
  });
});
