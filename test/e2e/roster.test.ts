import { afterEach, describe, expect, it } from 'vitest';
import { adminRemovals, auditEvents } from '../../db/schema.js';
import { startHarness, type Harness } from '../helpers/app-harness.js';

const A1 = 'UADMINONE';
const A2 = 'UADMINTWO';

describe('the admin roster across restarts', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('keeps an admin removed with `admins remove` removed when ADMIN_SLACK_IDS still names them, until `admins add`', async () => {
    h = await startHarness({ env: { ADMIN_SLACK_IDS: `${A1},${A2}`, DEFAULT_LOCALE: 'en' } });
    expect((await h.client.slashCommand({ userId: A1, text: `admins remove <@${A2}>` })).body.text).toContain('no longer');
    await h.restart();
    expect(h.app.services.roster.isAdmin(A2)).toBe(false);
    expect((await h.client.slashCommand({ userId: A2, text: 'duty on' })).body.text).not.toContain('on duty');
    expect(h.db.select().from(adminRemovals).all()).toMatchObject([{ slackId: A2, removedBy: A1 }]);

    // Brought back by hand: and then a restart keeps them.
    expect((await h.client.slashCommand({ userId: A1, text: `admins add <@${A2}>` })).body.text).toContain('is now an administrator');
    await h.restart();
    expect(h.app.services.roster.isAdmin(A2)).toBe(true);
    expect(h.db.select().from(adminRemovals).all()).toEqual([]);
    const types = h.db.select().from(auditEvents).all().map((e) => e.type);
    expect(types.filter((t) => t === 'admin.removed')).toHaveLength(1);
    expect(types.filter((t) => t === 'admin.added')).toHaveLength(3); // two seeded, one by hand
  });
});
