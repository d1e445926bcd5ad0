import { describe, expect, it } from 'vitest';
import { CYBOZU_DEFAULTS, type EnvironmentSettings } from '../../../src/settings/environment-settings.js';
import { LOCALES } from '../../../src/troubleshoot/schema.js';
import { stepConditions, visibleSteps } from '../../../src/troubleshoot/step-conditions.js';
import { loginTree } from '../../../src/troubleshoot/tree.js';

const settings = (over: Partial<EnvironmentSettings> = {}): EnvironmentSettings => ({ ...CYBOZU_DEFAULTS, ...over });
const SELF_RESET = /ログインでお困りですか|Having trouble logging in/;
/** The one leaf that names the reset page only to say it does not help (single sign-on users). */
const EXPLAINS_IT_DOES_NOT_HELP = 'sso_password';

function visibleLeafTexts(holds: ReturnType<typeof stepConditions>): { leaf: string; text: string }[] {
  return loginTree.nodes.flatMap((node) =>
    node.kind !== 'leaf'
      ? []
      : visibleSteps(node.steps, holds).flatMap((step) =>
          LOCALES.map((locale) => ({ leaf: node.id, text: step[locale] })),
        ),
  );
}

describe('leaf steps that depend on the settings', () => {
  it('self_reset holds only with self-reset on, SAML not required, and an e-mail that can be used', () => {
    expect(stepConditions(settings(), {}).has('self_reset')).toBe(true);
    expect(stepConditions(settings({ selfReset: false }), {}).has('self_reset')).toBe(false);
    expect(
      stepConditions(settings({ saml: { required: true, passwordLoginForAdmins: true } }), {}).has('self_reset'),
    ).toBe(false);
    expect(stepConditions(settings(), { email_usable_for_reset: 'no' }).has('self_reset')).toBe(false);
  });

  it('SAML and the fate of an admin-set password', () => {
    expect([...stepConditions(settings({ saml: { required: true, passwordLoginForAdmins: false } }), {})]).toContain(
      'saml_required',
    );
    expect([
      ...stepConditions(settings({ saml: { required: true, passwordLoginForAdmins: false } }), {}),
    ]).not.toContain('saml_admin_password_login');
    expect([...stepConditions(settings({ saml: { required: true, passwordLoginForAdmins: true } }), {})]).toContain(
      'saml_admin_password_login',
    );
    expect([
      ...stepConditions(settings({ saml: { required: false, passwordLoginForAdmins: true } }), {}),
    ]).not.toContain('saml_admin_password_login');
    expect([...stepConditions(settings(), {})]).toContain('forced_change');
    expect([...stepConditions(settings({ mustChangeTemporaryPassword: false }), {})]).toContain('change_yourself');
    const permanent = stepConditions(settings({ usersMayChangePassword: false }), {});
    expect(permanent.has('forced_change') || permanent.has('change_yourself')).toBe(false);
  });

  it('no leaf advises 「ログインでお困りですか?」 when self-reset cannot work, in either language', () => {
    for (const off of [
      settings({ selfReset: false }),
      settings({ saml: { required: true, passwordLoginForAdmins: true } }),
    ]) {
      const advice = visibleLeafTexts(stepConditions(off, {})).filter(
        ({ leaf, text }) => leaf !== EXPLAINS_IT_DOES_NOT_HELP && SELF_RESET.test(text),
      );
      expect(advice).toEqual([]);
    }
    // …and it is there when it can.
    expect(
      visibleLeafTexts(stepConditions(settings(), {})).filter(({ text }) => SELF_RESET.test(text)).length,
    ).toBeGreaterThan(3);
  });

  it('every leaf keeps at least one step whatever the settings', () => {
    const all = [
      settings(),
      settings({ selfReset: false }),
      settings({ saml: { required: true, passwordLoginForAdmins: false }, usersMayChangePassword: false }),
    ];
    for (const s of all) {
      const holds = stepConditions(s, { email_usable_for_reset: 'no' });
      for (const node of loginTree.nodes)
        if (node.kind === 'leaf') expect(visibleSteps(node.steps, holds).length, node.id).toBeGreaterThan(0);
    }
  });

  it('promises a forced change only where it happens', () => {
    const promise = /asked to set a new password of your own|新しいパスワードの設定を求められます/;
    const texts = (s: EnvironmentSettings) =>
      visibleLeafTexts(stepConditions(s, {}))
        .filter(({ leaf }) => leaf === 'reset_unavailable' || leaf === 'lockout_admin')
        .map((x) => x.text);
    expect(texts(settings()).some((t) => promise.test(t))).toBe(true);
    expect(texts(settings({ mustChangeTemporaryPassword: false })).some((t) => promise.test(t))).toBe(false);
    expect(texts(settings({ usersMayChangePassword: false })).some((t) => promise.test(t))).toBe(false);
  });
});
