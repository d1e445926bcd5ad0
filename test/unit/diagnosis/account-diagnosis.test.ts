import { describe, expect, it } from 'vitest';
import { diagnoseAccount, hasProblem } from '../../../src/diagnosis/account-diagnosis.js';
import type { DirectoryUser } from '../../../src/directory/port.js';

const taro: DirectoryUser = { id: '1', loginName: 'taro', name: 'Taro', email: 'taro@example.com', active: true };

describe('diagnoseAccount', () => {
  it('reports only not_found when there is no account', () => {
    expect(diagnoseAccount({ user: null, services: null, accountsSharingEmail: 0 })).toEqual([
      { code: 'not_found', severity: 'problem', remedy: 'look_up_login_name' },
    ]);
  });

  it('finds nothing wrong with an active account that has kintone and its own e-mail', () => {
    const findings = diagnoseAccount({ user: taro, services: ['kintone'], accountsSharingEmail: 1 });
    expect(findings).toEqual([
      { code: 'active', severity: 'ok' },
      { code: 'kintone_assigned', severity: 'ok' },
      { code: 'email_ok', severity: 'ok' },
    ]);
    expect(hasProblem(findings)).toBe(false);
  });

  it('suggests resuming a suspended account', () => {
    const findings = diagnoseAccount({
      user: { ...taro, active: false },
      services: ['kintone'],
      accountsSharingEmail: 1,
    });
    expect(findings[0]).toEqual({ code: 'suspended', severity: 'problem', remedy: 'resume' });
  });

  it('suggests assigning kintone when it is missing', () => {
    const findings = diagnoseAccount({ user: taro, services: ['garoon'], accountsSharingEmail: 1 });
    expect(findings).toContainEqual({ code: 'kintone_missing', severity: 'problem', remedy: 'assign_kintone' });
  });

  it('makes no kintone finding when the services are not known', () => {
    const codes = diagnoseAccount({ user: taro, services: null, accountsSharingEmail: 1 }).map((f) => f.code);
    expect(codes).toEqual(['active', 'email_ok']);
  });

  it('suggests an admin password reset when the account has no e-mail', () => {
    const findings = diagnoseAccount({
      user: { ...taro, email: null },
      services: ['kintone'],
      accountsSharingEmail: 0,
    });
    expect(findings).toContainEqual({ code: 'email_missing', severity: 'problem', remedy: 'reset_password' });
  });

  it('suggests an admin password reset when the e-mail is shared with another account', () => {
    const findings = diagnoseAccount({ user: taro, services: ['kintone'], accountsSharingEmail: 2 });
    expect(findings).toContainEqual({ code: 'email_shared', severity: 'problem', remedy: 'reset_password' });
    expect(findings.map((f) => f.code)).not.toContain('email_ok');
  });

  it('reports self-service reset switched off only when that is known, without promising it for the e-mail', () => {
    const off = diagnoseAccount({
      user: taro,
      services: ['kintone'],
      accountsSharingEmail: 1,
      selfServiceResetAllowed: false,
    });
    expect(off).toContainEqual({ code: 'self_reset_disabled', severity: 'problem', remedy: 'reset_password' });
    expect(off.map((f) => f.code)).not.toContain('email_ok');
    const on = diagnoseAccount({
      user: taro,
      services: ['kintone'],
      accountsSharingEmail: 1,
      selfServiceResetAllowed: true,
    });
    expect(on.map((f) => f.code)).not.toContain('self_reset_disabled');
  });

  it('with SAML required, points to the IdP instead of cybozu.com’s reset (no e-mail findings)', () => {
    const saml = diagnoseAccount({
      user: taro,
      services: ['kintone'],
      accountsSharingEmail: 2,
      selfServiceResetAllowed: true,
      samlRequired: true,
    });
    expect(saml.map((f) => f.code)).toEqual(['active', 'kintone_assigned', 'saml_required']);
  });

  it('lists every problem of a suspended account without kintone or e-mail, in a stable order', () => {
    const findings = diagnoseAccount({
      user: { ...taro, active: false, email: null },
      services: [],
      accountsSharingEmail: 0,
    });
    expect(findings.map((f) => f.code)).toEqual(['suspended', 'kintone_missing', 'email_missing']);
  });
});

describe('the built-in Administrator', () => {
  it('is never reported as "kintone not assigned" (the services API does not list it)', () => {
    const user = {
      id: '1',
      loginName: 'Administrator',
      name: 'Administrator',
      email: 'admin@example.com',
      active: true,
    };
    const findings = diagnoseAccount({ user, services: [], accountsSharingEmail: 1 });
    expect(findings.map((f) => f.code)).toEqual(['active', 'email_ok']);
    expect(findings.some((f) => f.remedy === 'assign_kintone')).toBe(false);
  });
});
