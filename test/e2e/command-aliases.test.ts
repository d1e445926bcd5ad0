import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { japaneseAliases } from '../../commands/aliases.js';
import { parseCommandText, subCommands } from '../../commands/index.js';
import { startHarness, type Harness } from '../helpers/app-harness.js';

const ADMIN = 'UALIASADM';
const OTHER = 'UALIASNEW';
const USER = 'UALIASEN1';
const NOT_UNDERSTOOD = '分かりませんでした';

describe('Japanese words for the sub-commands', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { ADMIN_SLACK_IDS: ADMIN } });
    h.slack.setUser(ADMIN, { locale: 'ja-JP' });
    h.slack.setUser(USER, { locale: 'en-US' });
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => {
    h.slack.clearCalls();
  });

  const answer = async (text: string, userId = ADMIN) => {
    const res = await h.client.slashCommand({ userId, text });
    expect(res.status).toBe(200);
    await h.app.idle();
    return String(res.body.text ?? '');
  };
  const onDuty = () => h.app.services.roster.get(ADMIN)!.manualOn;

  it('every phrase stands for a sub-command the app has, written apart or together', () => {
    const names = new Set(subCommands.flatMap((c) => c.names));
    for (const { phrase, means } of japaneseAliases) {
      const expected = { name: means.split(' ')[0], args: means.split(' ').slice(1) };
      expect(names.has(expected.name!), phrase).toBe(true);
      expect(parseCommandText(phrase), phrase).toEqual(expected);
      expect(parseCommandText(phrase.replace(' ', '　')), phrase).toEqual(expected);
      expect(parseCommandText(phrase.replace(' ', '')), phrase).toEqual(expected);
      expect(parseCommandText(`  ${phrase}　x  `), phrase).toEqual({ ...expected, args: [...expected.args, 'x'] });
    }
  });

  // Sub-commands that only answer (state-changing ones below): the phrase answers exactly as the English does.
  const answering = japaneseAliases.filter((a) => !['report', 'admins add', 'admins remove'].includes(a.means));
  it.each(answering.map((a) => [a.phrase, a.means]))('「%s」 answers as `%s`', async (phrase, means) => {
    const inJapanese = await answer(phrase);
    expect(inJapanese).not.toContain(NOT_UNDERSTOOD);
    expect(inJapanese).not.toBe('');
    expect(inJapanese).toBe(await answer(means));
  });

  it.each([['相談'], ['報告']])('「%s」 opens the troubleshooter', async (phrase) => {
    const res = await h.client.slashCommand({ userId: ADMIN, text: phrase, triggerId: `trig-${phrase}` });
    expect(res.status).toBe(200);
    const open = await h.slack.waitFor((c) => c.method === 'views.open' && c.args.trigger_id === `trig-${phrase}`);
    expect(open.args.view.callback_id).toBe('login_report');
  });

  it('takes and leaves duty with 当番 オン / 当番 オフ, full-width spaces, half-width katakana and full-width digits', async () => {
    expect(await answer('当番 オン')).toBe(await answer('duty on'));
    expect(onDuty()).toBe(true);
    expect(await answer('当番　オフ')).toBe(await answer('duty off'));
    expect(onDuty()).toBe(false);
    expect(await answer('当番 ｵﾝ')).not.toContain(NOT_UNDERSTOOD);
    expect(onDuty()).toBe(true);
    await answer('当番オフ');
    expect(onDuty()).toBe(false);
    const until = await answer('当番オン　１８：００');
    expect(until).toBe(await answer('duty on 18:00'));
    expect(until).toContain('18:00');
    expect(h.app.services.roster.get(ADMIN)!.manualUntil).not.toBeNull();
    expect(await answer('ｄｕｔｙ　ｏｆｆ')).toBe(await answer('duty off'));
    expect(onDuty()).toBe(false);
  });

  it('adds and removes an admin with 管理者 追加 / 管理者削除', async () => {
    expect(h.app.services.roster.isAdmin(OTHER)).toBe(false);
    await answer(`管理者 追加 <@${OTHER}|new>`);
    expect(h.app.services.roster.isAdmin(OTHER)).toBe(true);
    await answer(`管理者削除　<@${OTHER}|new>`);
    expect(h.app.services.roster.isAdmin(OTHER)).toBe(false);
  });

  it('does not turn a hand-typed full-width ＜@U…＞ into a mention', async () => {
    const text = await answer(`管理者 追加 ＜@${OTHER}＞`);
    expect(h.app.services.roster.isAdmin(OTHER)).toBe(false);
    expect(text).toBe(await answer('admins add nobody'));
  });

  it('documents the phrases in help, in Japanese and in English', async () => {
    const ja = await answer('ヘルプ');
    expect(ja).toContain('日本語でも入力できます');
    const en = await answer('help', USER);
    expect(en).toContain('Japanese words work too');
    for (const text of [ja, en]) {
      for (const { phrase, means } of japaneseAliases) {
        expect(text).toContain(`\`${phrase}\``);
        expect(text).toContain(`→ \`${means}\``);
      }
      // One section block holds at most 3,000 characters.
      expect(text.length).toBeLessThanOrEqual(3000);
    }
  });

  it('lists the phrases in the README table', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(
      readme.indexOf('| text | 日本語 | does |'),
      readme.indexOf('\n\n', readme.indexOf('| text | 日本語 | does |')),
    );
    expect(japaneseAliases.map((a) => a.phrase).filter((phrase) => !table.includes(`\`${phrase}\``))).toEqual([]);
  });

  it('still says what it did not understand, quoting the text as typed', async () => {
    const text = await answer('当番表');
    expect(text).toContain('「当番表」は分かりませんでした');
  });
});
