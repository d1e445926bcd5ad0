import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reports, walks } from '../../db/schema.js';
import { namedCasePaths } from '../../src/troubleshoot/lint.js';
import { loginTree } from '../../src/troubleshoot/tree.js';
import { startHarness, type Harness } from '../helpers/app-harness.js';
import { Walker } from '../helpers/walker.js';

const USER = 'UWALKER01';
const ADMIN = 'UADMIN001';
const leafTitle = (id: string, locale: 'ja' | 'en') => {
  const node = loginTree.nodes.find((n) => n.id === id)!;
  return node.kind === 'leaf' ? node.title[locale] : '';
};

describe('troubleshooter in Slack', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ env: { ADMIN_SLACK_IDS: ADMIN } });
    h.slack.setUser(USER, { locale: 'en-US' });
  });
  afterEach(async () => {
    await h.close();
  });

  it('reaches every named case of the login-failure table by clicking, in both languages', async () => {
    for (const [i, named] of namedCasePaths.filter((c) => !c.facts).entries()) {
      const locale = i % 2 === 0 ? 'ja' : 'en';
      const user = `UCASE${String(i).padStart(4, '0')}`;
      h.slack.setUser(user, { locale: locale === 'ja' ? 'ja-JP' : 'en-US' });
      const walker = await new Walker(h, user).open();
      for (const answer of named.answers) await walker.choose(answer);
      expect(walker.text(), named.case).toContain(JSON.stringify(leafTitle(named.expectLeaf, locale)).slice(1, -1));
    }
  });

  it('ends a self-help leaf with "That fixed it": the walk counts as self-resolved and nothing is reported', async () => {
    const walker = await new Walker(h, USER).open();
    await walker.choose('login_error');
    await walker.choose('incorrect');
    await walker.choose('typed_right');
    expect(walker.text()).toContain('Caps Lock');
    expect(walker.text()).toContain('That fixed it');
    expect(walker.view.submit).toBeUndefined();
    await walker.fixed();
    expect(walker.text()).toContain('Glad that worked');
    expect(h.db.select().from(walks).get()).toMatchObject({
      outcome: 'self_resolved',
      leafId: 'password_typing',
      path: 'login_error.incorrect.typed_right',
    });
    expect(h.db.select().from(reports).all()).toHaveLength(0);
  });

  it('turns "Still stuck" on a self-help leaf into a report asking for the leaf’s remedy', async () => {
    const walker = await new Walker(h, USER).open();
    await walker.choose('login_error');
    await walker.choose('locked');
    await walker.choose('minutes');
    expect(walker.text()).toContain('3');
    await walker.stuck();
    expect(walker.view.submit.text).toBe('Send to an admin');
    await walker.submit('taro', 'waited 10 minutes');
    expect(h.db.select().from(reports).get()).toMatchObject({
      leafId: 'lockout_wait',
      remedy: 'unlock',
      details: 'waited 10 minutes',
    });
  });

  it('goes back a step, and back from the report form to the leaf', async () => {
    const walker = await new Walker(h, USER).open();
    await walker.choose('login_error');
    await walker.choose('locked');
    expect(walker.answers()).toContain('minutes');
    await walker.back();
    expect(walker.answers()).toContain('incorrect');
    await walker.choose('incorrect');
    await walker.choose('typed_right');
    await walker.stuck();
    expect(walker.view.submit).toBeDefined();
    await walker.back();
    expect(walker.view.submit).toBeUndefined();
    expect(walker.text()).toContain('That fixed it');
    await walker.back();
    expect(walker.answers()).toContain('typed_right');
  });

  it('records an abandoned walk when the modal is closed, once', async () => {
    const walker = await new Walker(h, USER).open();
    await walker.choose('login_error');
    await walker.close();
    await walker.close();
    expect(h.db.select().from(walks).get()).toMatchObject({ outcome: 'abandoned' });
  });

  it('continues a walk after an app restart: the state lives in the modal and the database', async () => {
    const walker = await new Walker(h, USER).open();
    await walker.choose('login_error');
    await h.restart();
    await walker.choose('locked');
    await walker.choose('contact_admin');
    await walker.submit('taro');
    expect(h.db.select().from(reports).get()).toMatchObject({ leafId: 'lockout_admin', remedy: 'unlock' });
    expect(JSON.parse(h.db.select().from(reports).get()!.path).length).toBe(3);
  });

  it('refuses tampered modal state with a clear screen and changes nothing', async () => {
    const walker = await new Walker(h, USER).open();
    walker.view = { ...walker.view, private_metadata: JSON.stringify({ w: 1, s: 'no_such_answer.also_not', f: {} }) };
    await walker.choose('login_error');
    expect(walker.text()).toContain('out of date');
    walker.view.private_metadata = JSON.stringify({ w: 1, s: 'suspended', f: {} });
    await walker.submit('taro');
    // A submission of a hand-made state still needs a real leaf: here it is one (suspended → account_suspended).
    expect(h.db.select().from(reports).all()).toHaveLength(1);
  });

  it('does not let one user end another user’s walk', async () => {
    const walker = await new Walker(h, USER).open();
    const stranger = new Walker(h, 'USTRANGER');
    stranger.view = walker.view;
    await stranger.close();
    expect(h.db.select().from(walks).get()).toMatchObject({ outcome: 'in_progress' });
  });

  it('shows admins the last 30 days in `stats`, and refuses others', async () => {
    const a = await new Walker(h, USER).open();
    await a.choose('suspended');
    await a.submit('taro');
    const b = await new Walker(h, USER).open();
    await b.choose('login_error');
    await b.choose('incorrect');
    await b.choose('typed_right');
    await b.fixed();
    h.slack.setUser(ADMIN, { locale: 'en-US' });
    const res = await h.client.slashCommand({ userId: ADMIN, text: 'stats' });
    expect(res.body.text).toContain('Troubleshooter runs: 2 (self-resolved 1 = 50%, sent to admins 1');
    expect(res.body.text).toContain('Resume the account (Suspended → Active): 1');
    expect(res.body.text).toContain(leafTitle('password_typing', 'en'));
    const refused = await h.client.slashCommand({ userId: USER, text: 'stats' });
    expect(refused.body.text).toBe('Only administrators can see the figures.');
  });

  it('tells a SAML-only user that a cybozu.com reset will not help, from both ways in, and reports for an SSO check', async () => {
    const viaSso = await new Walker(h, USER).open();
    await viaSso.choose('no_login_page');
    await viaSso.choose('sso_error');
    expect(viaSso.answers()).toEqual(['idp_password', 'only_me', 'everyone']);
    await viaSso.choose('idp_password');
    expect(viaSso.text()).toContain(leafTitle('sso_password', 'en'));
    expect(viaSso.text()).toContain(
      'resetting a cybozu.com password, yourself or by an administrator, does not get you in',
    );
    expect(viaSso.answers()).toEqual([]);

    const viaForgot = await new Walker(h, USER).open();
    await viaForgot.choose('login_error');
    await viaForgot.choose('incorrect');
    await viaForgot.choose('forgot');
    await viaForgot.choose('sso_user');
    expect(viaForgot.text()).toContain(leafTitle('sso_password', 'en'));
    await viaForgot.stuck();
    await viaForgot.submit('taro');
    const report = h.db.select().from(reports).get()!;
    expect(report).toMatchObject({ leafId: 'sso_password', remedy: 'sso' });
    expect((JSON.parse(report.path) as { answerId: string }[]).map((s) => s.answerId)).toEqual([
      'login_error',
      'incorrect',
      'forgot',
      'sso_user',
    ]);
  });

  it('walks a Japanese user through two-factor setup forced at first login, and "still stuck" asks an admin to look', async () => {
    h.slack.setUser('UJA2FA001', { locale: 'ja-JP' });
    const walker = await new Walker(h, 'UJA2FA001').open();
    await walker.choose('after_password');
    expect(walker.text()).toContain('2要素認証の設定を求められる(初回ログインなど)');
    await walker.choose('setup_two_factor');
    expect(walker.text()).toContain(leafTitle('two_factor_setup', 'ja'));
    expect(walker.text()).toContain('QRコードを認証アプリで読み取り');
    expect(walker.text()).not.toContain('kintone ');
    await walker.stuck();
    await walker.submit('hanako');
    expect(h.db.select().from(reports).get()).toMatchObject({ leafId: 'two_factor_setup', remedy: 'other' });
  });

  it('offers the guest, saved-password and renamed-login cases on "login name or password is incorrect"', async () => {
    const walker = await new Walker(h, USER).open();
    await walker.choose('login_error');
    await walker.choose('incorrect');
    expect(walker.answers()).toEqual([
      'login_name',
      'typed_right',
      'forgot',
      'saved_password',
      'name_changed',
      'guest',
    ]);
    await walker.choose('guest');
    expect(walker.text()).toContain('cybozu.com共通管理 → ゲストユーザー');
    await walker.back();
    await walker.choose('saved_password');
    expect(walker.text()).toContain(leafTitle('saved_password', 'en'));
    await walker.back();
    await walker.choose('name_changed');
    expect(walker.text()).toContain(leafTitle('login_name_changed', 'en'));
    await walker.fixed();
    expect(h.db.select().from(walks).all().at(-1)).toMatchObject({
      outcome: 'self_resolved',
      leafId: 'login_name_changed',
    });
  });
});

describe('troubleshooter with directory facts', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ cybozu: true });
    h.cybozu.addUser({
      code: 'susp',
      name: 'Suspended',
      email: 'susp@example.com',
      valid: false,
      services: ['kintone'],
    });
    h.cybozu.addUser({ code: 'nokin', name: 'No kintone', email: 'nokin@example.com', services: ['garoon'] });
    h.cybozu.addUser({ code: 'team1', name: 'Team 1', email: 'team@example.com', services: ['kintone'] });
    h.cybozu.addUser({ code: 'team2', name: 'Team 2', email: 'team@example.com', services: ['kintone'] });
  });
  afterAll(async () => {
    await h.close();
  });

  it('sends a suspended account straight to the resume leaf, with the login name filled in', async () => {
    h.slack.setUser('USUSP0001', { email: 'susp@example.com', locale: 'ja-JP' });
    const walker = await new Walker(h, 'USUSP0001').open();
    expect(walker.text()).toContain(leafTitle('account_suspended', 'ja'));
    const loginInput = walker.view.blocks.find((b: { block_id?: string }) => b.block_id === 'login_name');
    expect(loginInput.element.initial_value).toBe('susp');
    await walker.submit('susp');
    await h.deliver();
    const stored = h.db.select().from(reports).all().at(-1)!;
    expect(stored).toMatchObject({ leafId: 'account_suspended', remedy: 'resume' });
    expect(JSON.parse(stored.facts!)).toMatchObject({ account_active: 'no' });
    const root = h.rootMessages().at(-1)!;
    expect(JSON.stringify(root.args.blocks)).toContain('(自動判定)');
  });

  it('shows admins the facts the server got from the directory, never facts forged in the modal', async () => {
    // A user the directory knows nothing about forges facts that would make their report look checked.
    h.slack.setUser('UFORGE001', { email: 'nobody@example.com', locale: 'en-US' });
    const forger = await new Walker(h, 'UFORGE001').open();
    await forger.choose('suspended');
    const meta = JSON.parse(forger.view.private_metadata) as { f: Record<string, string> };
    meta.f = { account_exists: 'yes', account_active: 'yes', kintone_assigned: 'yes', email_usable_for_reset: 'yes' };
    forger.view.private_metadata = JSON.stringify(meta);
    await forger.submit('someone-else');
    await h.deliver();
    expect(h.db.select().from(reports).all().at(-1)!).toMatchObject({ reporterSlackId: 'UFORGE001', facts: null });

    // A suspended user who forges "active" still shows as suspended to the admins.
    h.slack.setUser('USUSP0003', { email: 'susp@example.com', locale: 'en-US' });
    const suspended = await new Walker(h, 'USUSP0003').open();
    const forged = JSON.parse(suspended.view.private_metadata) as { f: Record<string, string> };
    forged.f = { ...forged.f, account_active: 'yes' };
    suspended.view.private_metadata = JSON.stringify(forged);
    await suspended.submit('susp');
    await h.deliver();
    expect(JSON.parse(h.db.select().from(reports).all().at(-1)!.facts!)).toMatchObject({ account_active: 'no' });
  });

  it('answers "is kintone assigned" from the directory', async () => {
    h.slack.setUser('UNOKIN001', { email: 'nokin@example.com', locale: 'en-US' });
    const walker = await new Walker(h, 'UNOKIN001').open();
    await walker.choose('after_password');
    expect(walker.text()).toContain(leafTitle('kintone_not_assigned', 'en'));
  });

  it('does not offer self-service reset when the e-mail is shared', async () => {
    h.slack.setUser('UTEAM0001', { email: 'team@example.com', locale: 'en-US' });
    const walker = await new Walker(h, 'UTEAM0001').open();
    await walker.choose('login_error');
    await walker.choose('incorrect');
    await walker.choose('forgot');
    expect(walker.text()).toContain(leafTitle('reset_unavailable', 'en'));
  });

  it('keeps asking when the directory is down', async () => {
    h.cybozu.failAlways({ status: 503 });
    h.slack.setUser('USUSP0002', { email: 'susp2@example.com', locale: 'en-US' });
    const walker = await new Walker(h, 'USUSP0002').open();
    expect(walker.text()).toContain('What happens when you try to log in to kintone?');
    expect(walker.view.private_metadata).toContain('"f":{}');
    h.cybozu.clearFaults();
  });
});
