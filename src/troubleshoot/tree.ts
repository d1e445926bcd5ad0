/**
 * The login troubleshooter's decision tree, as data. Situations and fixes follow cybozu.md
 * ("Why people cannot log in, and who can fix it"); screen wording follows cybozu.com's Japanese UI.
 *
 * Conventions: question text and answer labels take no placeholders (they appear on buttons and in the
 * report's path); URLs go in `help` or in leaf steps. Leaf steps say what to do, or what happens next.
 */
import { lintTree } from './lint.js';
import { treeSchema, type Tree } from './schema.js';

export class InvalidTreeError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid troubleshooting tree (${problems.length} problem(s)):\n- ${problems.join('\n- ')}`);
    this.name = 'InvalidTreeError';
  }
}

/** Validates tree data (schema + structure) and returns it typed; throws InvalidTreeError listing every problem. */
export function loadTree(data: unknown): Tree {
  const problems = lintTree(data);
  if (problems.length > 0) throw new InvalidTreeError(problems);
  return treeSchema.parse(data);
}

const loginTreeData = {
  rootId: 'start',
  nodes: [
    // ── Entry ───────────────────────────────────────────────────────────────────────────────────────────
    {
      kind: 'question',
      id: 'start',
      text: {
        ja: 'kintoneにログインしようとすると、どうなりますか?',
        en: 'What happens when you try to log in to kintone?',
      },
      help: { ja: 'いちばん近いものを選んでください。', en: 'Pick the closest match.' },
      fact: 'account_active',
      factAnswers: { no: 'suspended' },
      answers: [
        {
          id: 'login_error',
          label: {
            ja: 'ログイン名とパスワードを入れるとエラーになる',
            en: 'I enter my login name and password and get an error',
          },
          next: 'login_error',
        },
        {
          id: 'no_login_page',
          label: {
            ja: 'ログイン画面が表示されない・別の画面になる',
            en: "The login page doesn't appear, or I see another page",
          },
          next: 'no_login_page',
        },
        {
          id: 'after_password',
          label: { ja: 'パスワードを入れた後の画面で先に進めない', en: 'I get past the password, then get stuck' },
          next: 'after_password',
        },
        {
          id: 'mobile_app',
          label: { ja: 'kintoneモバイルアプリでログインできない', en: "I can't log in with the kintone mobile app" },
          next: 'mobile_app',
        },
        {
          id: 'not_remembered',
          label: {
            ja: '毎回ログインを求められる(自動ログインされない)',
            en: "I'm asked to log in every time (not remembered)",
          },
          next: 'auto_login',
        },
        {
          id: 'suspended',
          label: { ja: 'アカウントが停止中になっている', en: 'My account is suspended (停止中)' },
          next: 'account_suspended',
        },
      ],
    },

    // ── Error on the login page ─────────────────────────────────────────────────────────────────────────
    {
      kind: 'question',
      id: 'login_error',
      text: { ja: 'どのようなメッセージが表示されますか?', en: 'Which message do you see?' },
      answers: [
        {
          id: 'incorrect',
          label: {
            ja: '「ログイン名またはパスワードが正しくありません」',
            en: '"The login name or password is incorrect"',
          },
          next: 'credentials',
        },
        {
          id: 'locked',
          label: { ja: 'アカウントがロックされている(ロックアウト)', en: 'My account is locked out' },
          next: 'lockout',
        },
        {
          id: 'other_message',
          label: { ja: 'その他のメッセージ', en: 'Another message' },
          next: 'other_problem',
        },
      ],
    },
    {
      kind: 'question',
      id: 'credentials',
      text: { ja: '当てはまるものを選んでください。', en: 'Pick the one that fits best.' },
      fact: 'account_exists',
      factAnswers: { no: 'login_name' },
      answers: [
        {
          id: 'login_name',
          label: { ja: 'ログイン名が正しいかわからない', en: 'My login name may be wrong' },
          next: 'wrong_login_name',
        },
        {
          id: 'typed_right',
          label: {
            ja: 'パスワードは合っているはずなのに通らない',
            en: 'My password should be right, but it is rejected',
          },
          next: 'password_typing',
        },
        {
          id: 'forgot',
          label: { ja: 'パスワードを忘れた', en: 'I forgot my password' },
          next: 'reset_link',
        },
        {
          id: 'saved_password',
          label: {
            ja: 'Webブラウザーやパスワード管理ツールの自動入力を使っている',
            en: 'My browser or password manager fills in the password',
          },
          next: 'saved_password',
        },
        {
          id: 'name_changed',
          label: { ja: '管理者がログイン名を変更した', en: 'An administrator changed my login name' },
          next: 'login_name_changed',
        },
        {
          id: 'guest',
          label: {
            ja: '社外のゲストユーザーとして招待された',
            en: "I'm a guest user invited from outside the company",
          },
          next: 'guest_user',
        },
      ],
    },
    {
      kind: 'question',
      id: 'reset_link',
      text: {
        ja: 'ログイン画面の「ログインでお困りですか?」を開くと、何が表示されますか?',
        en: 'On the login page, open 「ログインでお困りですか?」 (trouble logging in?). What do you see?',
      },
      help: { ja: 'リンク先: {resetUrl}', en: 'The link: {resetUrl}' },
      fact: 'email_usable_for_reset',
      factAnswers: { no: 'no_form_or_mail' },
      answers: [
        {
          id: 'form',
          label: { ja: 'パスワードリセット用の入力画面が表示された', en: 'A form to reset my password' },
          next: 'password_self_reset',
        },
        {
          id: 'no_form_or_mail',
          label: {
            ja: '説明のページだけが出る/送信してもメールが届かない',
            en: 'Only a help page, or no e-mail arrives after sending',
          },
          next: 'reset_unavailable',
        },
        {
          id: 'sso_user',
          label: {
            ja: '普段は会社の認証画面(シングルサインオン)からログインしている',
            en: "I normally sign in through my company's sign-in page (single sign-on)",
          },
          next: 'sso_password',
        },
      ],
    },
    {
      kind: 'question',
      id: 'lockout',
      text: { ja: 'ロックアウトのメッセージには何と書かれていますか?', en: 'What does the lockout message say?' },
      // 解除しない in the environment settings: only an admin can unlock, so no "wait" advice.
      fact: 'lockout_released_by_time',
      factAnswers: { no: 'contact_admin' },
      answers: [
        {
          id: 'minutes',
          label: { ja: '数分待ってから再度ログインするよう書かれている', en: 'Wait some minutes, then try again' },
          next: 'lockout_wait',
        },
        {
          id: 'contact_admin',
          label: { ja: '管理者に連絡するよう書かれている', en: 'Contact your administrator' },
          next: 'lockout_admin',
        },
        {
          id: 'i_am_admin',
          label: {
            ja: '自分がcybozu.com共通管理者で、ほかに解除できる人がいない',
            en: "I'm the cybozu.com administrator; nobody else can unlock me",
          },
          next: 'admin_locked_out',
        },
      ],
    },

    // ── No login page ───────────────────────────────────────────────────────────────────────────────────
    {
      kind: 'question',
      id: 'no_login_page',
      text: { ja: 'ログイン画面の代わりに何が表示されますか?', en: 'What do you see instead of the login page?' },
      answers: [
        {
          id: 'not_found',
          label: {
            ja: 'ページが見つからない・別の会社のログイン画面',
            en: "Page not found, or another company's login page",
          },
          next: 'wrong_url',
        },
        {
          id: 'access_denied',
          label: { ja: 'アクセスが制限されている・拒否された', en: 'Access is restricted or denied' },
          next: 'ip_restriction',
        },
        {
          id: 'certificate',
          label: {
            ja: '証明書のエラー・証明書の選択を求められる',
            en: 'A certificate error, or I am asked for a certificate',
          },
          next: 'certificate',
        },
        {
          id: 'sso_error',
          label: {
            ja: '会社の認証画面(シングルサインオン)でエラーになる',
            en: "My company's sign-in page (single sign-on) shows an error",
          },
          next: 'sso',
        },
        {
          id: 'contract',
          label: {
            ja: 'サービスが利用できない・契約終了の案内',
            en: 'The service is unavailable, or the contract has ended',
          },
          next: 'contract_ended',
        },
        {
          id: 'other',
          label: { ja: 'その他', en: 'Something else' },
          next: 'other_problem',
        },
      ],
    },
    {
      kind: 'question',
      id: 'ip_restriction',
      text: { ja: 'どこから接続していますか?', en: 'Where are you connecting from?' },
      answers: [
        {
          id: 'outside',
          label: {
            ja: '社外から(自宅・出張先・スマートフォンの回線など)',
            en: 'Outside the office (home, travel, mobile data…)',
          },
          next: 'ip_outside',
        },
        {
          id: 'office',
          label: { ja: '社内ネットワークから、またはVPN接続中', en: 'The office network, or with the VPN on' },
          next: 'ip_allow_list',
        },
      ],
    },
    {
      kind: 'question',
      id: 'certificate',
      text: {
        ja: 'クライアント証明書(セキュアアクセス)について、当てはまるものを選んでください。',
        en: 'About your client certificate (Secure Access): pick the one that fits.',
      },
      answers: [
        {
          id: 'works_elsewhere',
          label: { ja: '別のPCやWebブラウザーではログインできる', en: 'It works on another PC or browser' },
          next: 'certificate_check',
        },
        {
          id: 'expired',
          label: { ja: '証明書の有効期限が切れている', en: 'The certificate has expired' },
          next: 'certificate_reissue',
        },
        {
          id: 'new_device',
          label: {
            ja: '端末を替えた・なくした、証明書が入っていない',
            en: 'New or lost device, or no certificate installed',
          },
          next: 'certificate_reissue',
        },
        {
          id: 'unsure',
          label: { ja: 'わからない', en: "I'm not sure" },
          next: 'certificate_check',
        },
      ],
    },
    {
      kind: 'question',
      id: 'sso',
      text: { ja: '会社の認証画面では、どうなりますか?', en: "What happens on your company's sign-in page?" },
      help: {
        ja: 'シングルサインオン(SAML認証)では、会社の認証画面を通ってkintoneに入ります。',
        en: "With single sign-on (SAML), you reach kintone through your company's sign-in page.",
      },
      answers: [
        {
          id: 'idp_password',
          label: {
            ja: '会社の認証画面でパスワードが通らない・忘れた',
            en: "My password is rejected or forgotten on my company's sign-in page",
          },
          next: 'sso_password',
        },
        {
          id: 'only_me',
          label: { ja: 'ほかのエラーで、自分だけ、またはわからない', en: "Another error, only me or I don't know" },
          next: 'sso_retry',
        },
        {
          id: 'everyone',
          label: { ja: 'ほかの人も同じエラーになる', en: 'Colleagues get it too' },
          next: 'sso_admin',
        },
      ],
    },

    // ── After the password ─────────────────────────────────────────────────────────────────────────────
    {
      kind: 'question',
      id: 'after_password',
      text: { ja: 'パスワードを入れた後、どうなりますか?', en: 'What happens after you enter your password?' },
      fact: 'kintone_assigned',
      factAnswers: { no: 'no_kintone' },
      answers: [
        {
          id: 'code',
          label: { ja: '確認コード(2要素認証)を求められる', en: "I'm asked for a verification code (two-factor)" },
          next: 'two_factor',
        },
        {
          id: 'setup_two_factor',
          label: {
            ja: '2要素認証の設定を求められる(初回ログインなど)',
            en: "I'm asked to set up two-factor authentication",
          },
          next: 'two_factor_setup',
        },
        {
          id: 'new_password',
          label: { ja: '新しいパスワードの設定を求められる', en: "I'm asked to set a new password" },
          next: 'password_expired',
        },
        {
          id: 'no_kintone',
          label: {
            ja: 'ログインできたが、サービス一覧にkintoneがない',
            en: "I'm logged in, but kintone is not in the list of services",
          },
          next: 'kintone_not_assigned',
        },
        {
          id: 'other',
          label: { ja: 'その他', en: 'Something else' },
          next: 'other_problem',
        },
      ],
    },
    {
      kind: 'question',
      id: 'two_factor',
      text: {
        ja: '2要素認証について、当てはまるものを選んでください。',
        en: 'Two-factor authentication: pick the one that fits.',
      },
      answers: [
        {
          id: 'rejected',
          label: { ja: '確認コードを入れてもエラーになる', en: 'The verification code is rejected' },
          next: 'two_factor_code',
        },
        {
          id: 'no_phone',
          label: {
            ja: 'スマートフォンの紛失・機種変更でコードを確認できない',
            en: "Phone lost or replaced: I can't get a code",
          },
          next: 'two_factor_reset',
        },
      ],
    },

    // ── Mobile app ─────────────────────────────────────────────────────────────────────────────────────
    {
      kind: 'question',
      id: 'mobile_app',
      text: { ja: 'kintoneモバイルアプリで、どうなりますか?', en: 'What happens in the kintone mobile app?' },
      answers: [
        {
          id: 'cannot_connect',
          label: { ja: '接続できない・URLのエラーになる', en: "It can't connect, or the URL is rejected" },
          next: 'mobile_url',
        },
        {
          id: 'certificate',
          label: { ja: '証明書のエラー・証明書を求められる', en: 'A certificate error, or it asks for a certificate' },
          next: 'mobile_certificate',
        },
        {
          id: 'login_rejected',
          label: {
            ja: 'ログイン名またはパスワードが正しくないと表示される',
            en: 'It says the login name or password is incorrect',
          },
          next: 'credentials',
        },
        {
          id: 'locked',
          label: { ja: 'アカウントがロックされている(ロックアウト)', en: 'My account is locked out' },
          next: 'lockout',
        },
        {
          id: 'other',
          label: { ja: 'その他', en: 'Something else' },
          next: 'other_problem',
        },
      ],
    },

    // ── Self-help leaves ───────────────────────────────────────────────────────────────────────────────
    {
      kind: 'leaf',
      id: 'wrong_login_name',
      outcome: 'self_help',
      stillStuckRemedy: 'other',
      title: { ja: 'ログイン名を確認しましょう', en: 'Check your login name' },
      steps: [
        {
          ja: 'ログイン名は、多くの場合ご自身の名前(ローマ字など)かメールアドレスです。アカウント発行時に会社から届いた案内を確認してください。',
          en: 'Your login name is usually your name (often in romaji) or your e-mail address. Check the notice your company sent when the account was created.',
        },
        {
          ja: '前後に空白が入っていないか、全角文字で入力していないか確認してください。',
          en: 'Make sure there are no spaces before or after it, and that it is not typed in full-width characters.',
        },
        {
          ja: '{loginUrl} を開き、ログイン名とパスワードを入力し直してください。',
          en: 'Open {loginUrl} and enter your login name and password again.',
        },
        {
          ja: '入社・異動したばかりの場合は、アカウントがまだ作成されていないこともあります。わからなければ、この画面から管理者に連絡できます。管理者がログイン名を調べてお知らせします(管理者は、入力されたログイン名を監査ログで確認できます)。',
          en: 'If you have just joined or moved, your account may not exist yet. If you are unsure, ask an administrator from here: they will look up your login name (administrators can see the login name you tried in the audit log).',
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'password_typing',
      outcome: 'self_help',
      stillStuckRemedy: 'reset_password',
      title: { ja: 'パスワードの入力を確認しましょう', en: 'Check how the password is typed' },
      steps: [
        // SAML required: people sign in at the IdP, so a cybozu.com password reset does not help them.
        {
          when: 'saml_required',
          ja: 'この環境ではSAML認証が必須です。普段は会社の認証画面(IdP)からログインするため、cybozu.comのパスワードを再設定しても解決しません。会社の認証の仕組みのパスワードの手順に従うか、その担当部署(情報システム部門など)に連絡してください。',
          en: "SAML authentication is required here: you sign in through your company's sign-in page (the IdP), so resetting the cybozu.com password does not help. Follow your company's password procedure for that sign-in, or contact whoever runs it (usually IT).",
        },
        {
          when: 'saml_admin_password_login',
          ja: 'cybozu.comのパスワードを使うのは、SAML認証を使わないログイン画面({loginUrl}?saml=off)からログインするcybozu.com共通管理者だけです。',
          en: 'Only cybozu.com administrators, who can log in without SAML at {loginUrl}?saml=off, use a cybozu.com password.',
        },
        {
          ja: 'Caps Lockがオフになっているか確認してください。パスワードは大文字と小文字を区別します。',
          en: 'Check that Caps Lock is off: passwords are case-sensitive.',
        },
        {
          ja: 'テンキーで数字を入力する場合は、Num Lockがオンになっているか確認してください。',
          en: 'If you type digits on the numeric keypad, check that Num Lock is on.',
        },
        {
          ja: 'コピー&ペーストした場合は、前後に空白や改行が入っていないか確認してください。',
          en: 'If you pasted the password, make sure no spaces or line breaks came along before or after it.',
        },
        {
          ja: '日本語入力(IME)をオフにして、半角で入力してください。全角の英数字は別の文字として扱われます。',
          en: 'Turn the Japanese input method (IME) off and type in half-width characters: full-width letters and digits count as different characters.',
        },
        {
          when: 'self_reset',
          ja: '失敗が続くとアカウントがロックされます。数回試しても解決しない場合は、ログイン画面の「ログインでお困りですか?」からパスワードをリセットしてください: {resetUrl}',
          en: 'Repeated failures lock the account. If a few tries fail, reset your password from 「ログインでお困りですか?」 on the login page: {resetUrl}',
        },
        {
          unless: 'self_reset',
          ja: '失敗が続くとアカウントがロックされます。数回試しても解決しない場合は、何度も試さずに、この画面から管理者にパスワードの再設定を依頼してください。',
          en: 'Repeated failures lock the account. If a few tries fail, stop trying and ask an administrator from here to set a new password.',
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'password_self_reset',
      outcome: 'self_help',
      stillStuckRemedy: 'reset_password',
      title: { ja: '自分でパスワードをリセットしましょう', en: 'Reset your password yourself' },
      steps: [
        // SAML required: people sign in at the IdP, so a cybozu.com password reset does not help them.
        {
          when: 'saml_required',
          ja: 'この環境ではSAML認証が必須です。普段は会社の認証画面(IdP)からログインするため、cybozu.comのパスワードを再設定しても解決しません。会社の認証の仕組みのパスワードの手順に従うか、その担当部署(情報システム部門など)に連絡してください。',
          en: "SAML authentication is required here: you sign in through your company's sign-in page (the IdP), so resetting the cybozu.com password does not help. Follow your company's password procedure for that sign-in, or contact whoever runs it (usually IT).",
        },
        {
          when: 'saml_admin_password_login',
          ja: 'cybozu.comのパスワードを使うのは、SAML認証を使わないログイン画面({loginUrl}?saml=off)からログインするcybozu.com共通管理者だけです。',
          en: 'Only cybozu.com administrators, who can log in without SAML at {loginUrl}?saml=off, use a cybozu.com password.',
        },
        {
          ja: '{resetUrl} の画面の案内に従って入力し、送信します。',
          en: 'Fill in the form at {resetUrl} as instructed and send it.',
        },
        {
          ja: '届いたメールのリンクを開き、新しいパスワードを設定します。メールが見当たらないときは迷惑メールフォルダも確認してください。',
          en: 'Open the link in the e-mail you receive and set a new password. If you cannot find the e-mail, check your spam folder.',
        },
        {
          ja: '新しいパスワードで {loginUrl} からログインします。',
          en: 'Log in at {loginUrl} with the new password.',
        },
        {
          ja: 'メールが届かない場合は、管理者がパスワードを設定し直します。この画面から連絡できます。',
          en: 'If no e-mail arrives, an administrator can set a new password for you: ask from here.',
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'lockout_wait',
      outcome: 'self_help',
      stillStuckRemedy: 'unlock',
      title: { ja: 'しばらく待ってから、もう一度ログインしましょう', en: 'Wait a little, then log in again' },
      steps: [
        // SAML required: people sign in at the IdP, so a cybozu.com password reset does not help them.
        {
          when: 'saml_required',
          ja: 'この環境ではSAML認証が必須です。普段は会社の認証画面(IdP)からログインするため、cybozu.comのパスワードを再設定しても解決しません。会社の認証の仕組みのパスワードの手順に従うか、その担当部署(情報システム部門など)に連絡してください。',
          en: "SAML authentication is required here: you sign in through your company's sign-in page (the IdP), so resetting the cybozu.com password does not help. Follow your company's password procedure for that sign-in, or contact whoever runs it (usually IT).",
        },
        {
          when: 'saml_admin_password_login',
          ja: 'cybozu.comのパスワードを使うのは、SAML認証を使わないログイン画面({loginUrl}?saml=off)からログインするcybozu.com共通管理者だけです。',
          en: 'Only cybozu.com administrators, who can log in without SAML at {loginUrl}?saml=off, use a cybozu.com password.',
        },
        {
          ja: 'ロックは時間がたつと自動で解除されます。メッセージに書かれた時間(この環境では通常{lockoutMinutes}分)待ってから、もう一度ログインしてください。',
          en: 'The lock is released automatically. Wait for the time given in the message (usually {lockoutMinutes} minutes here), then log in again.',
        },
        {
          ja: 'ロックはパスワードを続けて間違えると起こります(2要素認証の確認コードの間違いも数えられます)。再入力の前に、Caps Lock・Num Lock・日本語入力(IME)と、前後の空白を確認してください。',
          en: 'Lockouts come from repeated wrong passwords (wrong two-factor codes count too). Before you try again, check Caps Lock, Num Lock, the IME, and spaces before or after.',
        },
        {
          when: 'self_reset',
          ja: 'パスワードを忘れた場合は、解除後にログイン画面の「ログインでお困りですか?」からリセットできます: {resetUrl}',
          en: 'If you forgot the password, reset it afterwards from 「ログインでお困りですか?」 on the login page: {resetUrl}',
        },
        {
          unless: 'self_reset',
          ja: 'パスワードを忘れた場合は、この画面から管理者にパスワードの再設定を依頼してください。',
          en: 'If you forgot the password, ask an administrator from here to set a new one.',
        },
        {
          ja: 'すぐにログインしたい場合や、時間がたっても解除されない場合は、管理者がロックを解除できます。この画面から連絡してください。',
          en: 'If you need to log in right away, or the lock is not released, an administrator can unlock you: ask from here.',
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'wrong_url',
      outcome: 'self_help',
      stillStuckRemedy: 'other',
      title: { ja: '正しいURLからアクセスしましょう', en: 'Use the right address' },
      steps: [
        { ja: '会社のログイン画面はこちらです: {loginUrl}', en: "Your company's login page is: {loginUrl}" },
        {
          ja: 'kintoneはこちらです: {kintoneUrl} ブックマークしておくと便利です。',
          en: 'kintone is at {kintoneUrl} (worth bookmarking).',
        },
        {
          ja: 'URLは「https://(サブドメイン名).cybozu.com」の形です。サブドメイン名のつづりを確認してください。「kintoneログイン」と検索しても、会社のログイン画面は見つかりません。',
          en: 'The address looks like https://(subdomain).cybozu.com: check the spelling of the subdomain. Searching the web for "kintone login" will not find your company\'s page.',
        },
        {
          ja: 'セキュアアクセス(クライアント証明書)を使う場合は、サブドメイン名の後ろに「.s」が付いたURL(https://(サブドメイン名).s.cybozu.com)を使います。証明書が入っている端末では、cybozu.comが自動でこのURLに切り替えます。',
          en: 'With Secure Access (client certificates), the address has ".s" after the subdomain (https://(subdomain).s.cybozu.com). On a device with the certificate installed, cybozu.com switches to it automatically.',
        },
        {
          ja: 'URLがわからなくなったときは: {forgotUrl}',
          en: 'If you have forgotten the address: {forgotUrl}',
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'ip_outside',
      outcome: 'self_help',
      stillStuckRemedy: 'ip_allow_list',
      title: { ja: '社内ネットワークかVPNから接続しましょう', en: 'Connect from the office network or the VPN' },
      steps: [
        {
          ja: 'この環境は、許可されたネットワーク(IPアドレス)からしかアクセスできない設定(アクセス制限)です。',
          en: 'This environment only accepts connections from approved networks (IP address restriction).',
        },
        {
          ja: '会社のVPNに接続してから、もう一度 {loginUrl} を開いてください。社内では社内ネットワーク(社内Wi-Fiなど)を使ってください。',
          en: 'Connect to the company VPN, then open {loginUrl} again. In the office, use the office network (e.g. office Wi-Fi).',
        },
        {
          ja: 'セキュアアクセスを使える場合は、証明書を入れた端末から、サブドメイン名の後ろに「.s」が付いたURLでアクセスしてください。',
          en: 'If you have Secure Access, use the device with your certificate and the address with ".s" after the subdomain.',
        },
        {
          ja: 'Webブラウザーがユーザー名とパスワードを求める小さな画面(Basic認証)を出した場合は、会社から案内されたBasic認証用の情報を入力します。kintoneのパスワードとは別のものです。',
          en: 'If the browser pops up a small user name and password prompt (Basic authentication), enter the credentials your company gave you for it; they are not your kintone password.',
        },
        {
          ja: 'どれも使えない場合は、この画面から管理者に相談してください。許可するネットワークを変更できるのは、サイボウズドットコム ストアの管理者か権限を持つcybozu.com共通管理者だけです。',
          en: 'If none of this is available to you, ask an administrator from here. Only the cybozu.com Store administrator or a common administrator with that permission can change the allowed networks.',
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'certificate_check',
      outcome: 'self_help',
      stillStuckRemedy: 'reissue_certificate',
      title: { ja: '証明書の使い方を確認しましょう', en: 'Check how the certificate is used' },
      steps: [
        {
          ja: 'クライアント証明書をインストールした端末・Webブラウザーでアクセスしてください。証明書は端末ごとに必要です。',
          en: 'Use the device and browser where your client certificate is installed: each device needs its own.',
        },
        {
          ja: 'URLは、サブドメイン名の後ろに「.s」が付いたもの(https://(サブドメイン名).s.cybozu.com)を使ってください。',
          en: 'Use the address with ".s" after the subdomain (https://(subdomain).s.cybozu.com).',
        },
        {
          ja: 'Webブラウザーが証明書の選択を求めたら、cybozu.comの証明書を選びます。一度キャンセルした場合は、Webブラウザーをすべて閉じてから開き直してください。',
          en: 'When the browser asks you to choose a certificate, pick the cybozu.com one. If you cancelled that prompt, close every browser window and try again.',
        },
        {
          ja: '証明書の有効期限も確認してください。期限は延長できないため、切れている場合は管理者が新しい証明書を発行します。この画面から連絡できます。',
          en: 'Also check the expiry date. It cannot be extended: if it has passed, an administrator issues a new certificate. You can ask from here.',
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'sso_retry',
      outcome: 'self_help',
      stillStuckRemedy: 'sso',
      title: { ja: 'シングルサインオンをやり直しましょう', en: 'Retry the single sign-on' },
      steps: [
        {
          ja: 'kintoneやcybozu.comを開いているタブをすべて閉じ、1つのタブで {kintoneUrl} を開き直してください。複数のタブで同時にログインするとエラーになることがあります。',
          en: 'Close every tab with kintone or cybozu.com open, then open {kintoneUrl} again in a single tab: signing in from several tabs at once can fail.',
        },
        {
          ja: 'パソコンの時計がずれているとエラーになります。日付と時刻の設定を「自動」にしてください。',
          en: "A wrong computer clock causes errors: set your computer's date and time to automatic.",
        },
        {
          ja: 'Webブラウザーのシークレット(プライベート)ウィンドウで試すと、古いログイン情報の影響を避けられます。',
          en: 'Trying in a private browser window rules out old login data.',
        },
        {
          ja: '会社の認証画面でのパスワードやアカウントの問題は、その仕組みを管理する部署(情報システム部門など)の担当です。',
          en: "Password or account problems on your company's sign-in page are handled by whoever runs it (usually IT).",
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'two_factor_code',
      outcome: 'self_help',
      stillStuckRemedy: 'disable_two_factor',
      title: { ja: '新しい確認コードで試しましょう', en: 'Try a fresh verification code' },
      steps: [
        {
          ja: '確認コードは短い間隔(通常30秒)で切り替わります。認証アプリに表示されている最新のコードを、切り替わる前に入力してください。',
          en: 'Codes change every 30 seconds or so. Enter the newest code your authenticator app shows, before it changes.',
        },
        {
          ja: '認証アプリにcybozu.comの項目が複数ある場合は、この会社の環境(サブドメイン名)のものを使ってください。',
          en: "If the app lists several cybozu.com entries, use the one for your company's environment (subdomain).",
        },
        {
          ja: 'スマートフォンの時計がずれているとコードが合いません。日付と時刻の設定を「自動」にしてください。',
          en: "If your phone's clock is off, codes don't match: set the phone's date and time to automatic.",
        },
        {
          ja: '確認コードの間違いもログイン失敗として数えられ、続くとロックされます。数回で通らない場合は、この画面から管理者に連絡してください。',
          en: 'Wrong codes count as failed logins and can lock the account. If a few tries fail, ask an administrator from here.',
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'password_expired',
      outcome: 'self_help',
      stillStuckRemedy: 'reset_password',
      title: { ja: '新しいパスワードを設定しましょう', en: 'Set a new password' },
      steps: [
        {
          ja: 'パスワードの有効期限が切れたか、管理者が設定した仮のパスワードでログインしたため、新しいパスワードの設定が必要です。',
          en: 'Your password has expired, or you logged in with a temporary password from an administrator, so you need to set a new one.',
        },
        {
          ja: '画面に表示される条件(文字数・文字の種類)を満たす新しいパスワードを入力して保存します。ログイン名と同じパスワードは使えません。',
          en: 'Enter a new password that meets the rules shown (length, kinds of characters) and save it. It cannot be the same as your login name.',
        },
        {
          ja: 'Cybozu Desktopなど、パスワードを保存しているツールやアプリは、新しいパスワードを設定し直すまで使えません。それぞれの接続設定を更新してください。',
          en: 'Tools and apps that store your password (e.g. Cybozu Desktop) stop working until you enter the new password in their connection settings.',
        },
        {
          ja: '期限の5日前から、ログイン後の画面に変更を促すメッセージが表示されます。早めに変更しておくと安心です。',
          en: 'From 5 days before expiry, a reminder appears after login: changing early avoids this screen.',
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'auto_login',
      outcome: 'self_help',
      stillStuckRemedy: 'other',
      title: { ja: 'ログイン状態を保存するには', en: 'Staying logged in' },
      steps: [
        {
          ja: 'ログイン画面で「ログイン名を保存する」にチェックを入れてからログインしてください。管理者が自動ログインを許可していれば、次回からログインを省略できます。',
          en: 'Tick 「ログイン名を保存する」 (save login name) on the login page before logging in. If your administrator allows automatic login, you will stay logged in next time.',
        },
        {
          ja: 'ログアウトすると自動ログインは解除されます。WebブラウザーのCookieを削除した場合や、シークレット(プライベート)ウィンドウでも保存されません。',
          en: 'Logging out clears it; so does deleting browser cookies, and it is not kept in a private window.',
        },
        {
          ja: '自動ログインは、パスワードでログインする場合だけ使えます。',
          en: 'Automatic login only works when you log in with a password.',
        },
        {
          ja: 'それでも毎回ログインを求められる場合は、自動ログインが許可されていない可能性があります。この画面から管理者に確認できます。',
          en: 'If you are still asked every time, automatic login may not be allowed here: you can ask an administrator from here.',
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'mobile_url',
      outcome: 'self_help',
      stillStuckRemedy: 'other',
      title: { ja: 'アプリに入力したURLを確認しましょう', en: 'Check the URL entered in the app' },
      steps: [
        {
          ja: 'アプリのURL欄には、サブドメイン名を含む「https://(サブドメイン名).cybozu.com」を入力します。会社のログイン画面({loginUrl})と同じサブドメイン名か確認してください。',
          en: "Enter https://(subdomain).cybozu.com, including your subdomain, in the app's URL field. It must be the same subdomain as your login page ({loginUrl}).",
        },
        {
          ja: 'つづりの間違い、余分な空白、「.cybozu.com」の抜けがないか確認してください。',
          en: 'Check for typos, extra spaces, or a missing ".cybozu.com".',
        },
        {
          ja: 'セキュアアクセスを使う場合は、アプリにクライアント証明書を設定し、サブドメイン名の後ろに「.s」が付いたURLを使います。',
          en: 'With Secure Access, set up the client certificate in the app and use the address with ".s" after the subdomain.',
        },
        {
          ja: 'スマートフォンのWebブラウザーで {loginUrl} が開けるか試してください。開けない場合は社外からのアクセスが制限されている可能性があるので、VPNや社内Wi-Fiで試してください。',
          en: "Try opening {loginUrl} in the phone's browser. If it doesn't open, access from outside may be restricted: try the VPN or the office Wi-Fi.",
        },
        {
          ja: 'アプリを最新版に更新してから、もう一度試してください。',
          en: 'Update the app to the latest version and try again.',
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'mobile_certificate',
      outcome: 'self_help',
      stillStuckRemedy: 'reissue_certificate',
      title: { ja: 'スマートフォンの証明書を確認しましょう', en: 'Check the certificate on your phone' },
      steps: [
        {
          ja: 'セキュアアクセスでは、スマートフォンにもクライアント証明書が必要です。管理者から受け取った証明書ファイルをkintoneモバイルアプリに読み込み、証明書のパスワードを入力してください。',
          en: 'Secure Access needs the client certificate on the phone too: import the certificate file you received from your administrator into the kintone mobile app and enter its password.',
        },
        {
          ja: '機種変更した場合は、新しいスマートフォンに証明書を入れ直してください。',
          en: 'After changing phones, install the certificate again on the new one.',
        },
        {
          ja: 'アプリのURLが、サブドメイン名を含む正しいものか確認してください(会社のログイン画面: {loginUrl})。',
          en: 'Check that the URL in the app is right and includes your subdomain (your login page: {loginUrl}).',
        },
        {
          ja: '証明書の期限が切れている場合は延長できません。管理者が新しい証明書を発行します。この画面から連絡できます。',
          en: 'An expired certificate cannot be extended: an administrator issues a new one. You can ask from here.',
        },
      ],
    },

    {
      kind: 'leaf',
      id: 'saved_password',
      outcome: 'self_help',
      stillStuckRemedy: 'reset_password',
      title: { ja: '保存された古いパスワードを確認しましょう', en: 'Check for an old saved password' },
      steps: [
        // SAML required: people sign in at the IdP, so a cybozu.com password reset does not help them.
        {
          when: 'saml_required',
          ja: 'この環境ではSAML認証が必須です。普段は会社の認証画面(IdP)からログインするため、cybozu.comのパスワードを再設定しても解決しません。会社の認証の仕組みのパスワードの手順に従うか、その担当部署(情報システム部門など)に連絡してください。',
          en: "SAML authentication is required here: you sign in through your company's sign-in page (the IdP), so resetting the cybozu.com password does not help. Follow your company's password procedure for that sign-in, or contact whoever runs it (usually IT).",
        },
        {
          when: 'saml_admin_password_login',
          ja: 'cybozu.comのパスワードを使うのは、SAML認証を使わないログイン画面({loginUrl}?saml=off)からログインするcybozu.com共通管理者だけです。',
          en: 'Only cybozu.com administrators, who can log in without SAML at {loginUrl}?saml=off, use a cybozu.com password.',
        },
        {
          ja: 'Webブラウザーやパスワード管理ツールに変更前の古いパスワードが保存されていると、自動入力されたパスワードでは通りません。',
          en: 'If your browser or password manager still holds your previous password, the filled-in password is rejected.',
        },
        {
          ja: '自動入力された内容を消し、現在のパスワードを手で入力してください。失敗が続くとアカウントがロックされるため、何度も自動入力で試さないでください。',
          en: 'Clear what was filled in and type your current password yourself. Repeated failures lock the account, so do not keep retrying with the filled-in one.',
        },
        {
          ja: 'ログインできたら、保存されているパスワードを新しいものに更新するか削除してください。kintoneモバイルアプリやCybozu Desktopなど、パスワードを保存しているアプリも同様です。',
          en: 'Once you are in, update or delete the saved password. Do the same in apps that store it, such as the kintone mobile app or Cybozu Desktop.',
        },
        {
          when: 'self_reset',
          ja: '現在のパスワードがわからない場合は、ログイン画面の「ログインでお困りですか?」からリセットできます: {resetUrl}',
          en: 'If you do not know your current password, reset it from 「ログインでお困りですか?」 on the login page: {resetUrl}',
        },
        {
          unless: 'self_reset',
          ja: '現在のパスワードがわからない場合は、この画面から管理者にパスワードの再設定を依頼してください。',
          en: 'If you do not know your current password, ask an administrator from here to set a new one.',
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'login_name_changed',
      outcome: 'self_help',
      stillStuckRemedy: 'other',
      title: { ja: '新しいログイン名でログインしましょう', en: 'Log in with your new login name' },
      steps: [
        {
          ja: '管理者がログイン名を変更すると、古いログイン名ではログインできなくなります。',
          en: 'Once an administrator changes your login name, the old one no longer works.',
        },
        {
          ja: '管理者からの案内で新しいログイン名を確認し、{loginUrl} で入力してください。パスワードは、別の案内がなければ変更前と同じです。',
          en: "Find your new login name in the administrator's notice and enter it at {loginUrl}. Unless you were told otherwise, your password is unchanged.",
        },
        {
          ja: 'Webブラウザー、パスワード管理ツール、kintoneモバイルアプリに保存されている古いログイン名も、新しいものに入力し直してください。',
          en: 'Also replace the old login name saved in your browser, password manager or the kintone mobile app.',
        },
        {
          ja: '新しいログイン名がわからない場合は、この画面から管理者に連絡してください。管理者がお知らせします。',
          en: 'If you do not know the new login name, ask an administrator from here: they will tell you.',
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'guest_user',
      outcome: 'self_help',
      stillStuckRemedy: 'other',
      title: { ja: 'ゲストユーザーのログイン', en: 'Logging in as a guest user' },
      steps: [
        {
          ja: 'ゲストユーザーは、招待されたゲストスペースだけを利用できます。ログイン名は、招待を受けたメールアドレスです。',
          en: 'Guest users can use only the guest spaces they were invited to. Your login name is the e-mail address the invitation was sent to.',
        },
        {
          ja: '招待メールに書かれているURL(招待した会社のcybozu.com)からログインしてください。ご自身の会社のcybozu.comとは別の環境です。',
          en: "Log in from the address in the invitation e-mail (the inviting company's cybozu.com). It is a different environment from your own company's.",
        },
        {
          ja: 'ゲストユーザーのアカウントは、招待した会社のcybozu.com共通管理者が管理します(cybozu.com共通管理 → ゲストユーザー)。パスワードの再設定などは、招待した会社の担当者に依頼してください。',
          en: "Guest accounts are managed by the inviting company's cybozu.com administrators (cybozu.com共通管理 → ゲストユーザー, guest users). Ask your contact there to reset your password or similar.",
        },
        {
          ja: 'この窓口の管理者に相談することもできます。ゲストユーザーのアカウントは、管理者がcybozu.com共通管理の画面で確認します。',
          en: "You can also ask this channel's administrators: they check guest accounts in the cybozu.com共通管理 screens.",
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'two_factor_setup',
      outcome: 'self_help',
      // Unconfirmed whether an admin can exempt one user while two-factor is required: ask for "other", not
      // disable_two_factor, so the admin decides instead of the report promising it.
      stillStuckRemedy: 'other',
      title: { ja: '2要素認証を設定しましょう', en: 'Set up two-factor authentication' },
      steps: [
        {
          ja: 'この環境では2要素認証が必須のため、初めてログインするとき(または2要素認証が解除された後)は、ほかの操作の前に設定を求められます。',
          en: 'Two-factor authentication is required here, so the first time you log in (or after it was turned off for you) you must set it up before anything else.',
        },
        {
          ja: 'スマートフォンに認証アプリ(Google Authenticator、Microsoft Authenticatorなど)をインストールします。',
          en: 'Install an authenticator app on your phone (Google Authenticator, Microsoft Authenticator, or similar).',
        },
        {
          ja: '画面に表示されたQRコードを認証アプリで読み取り、アプリに表示された確認コードを入力して設定を完了します。設定を途中でやめても、次回のログインでまた求められます。',
          en: 'Scan the QR code on the screen with the app, then enter the code the app shows to finish. If you stop halfway, you will be asked again at your next login.',
        },
        {
          ja: 'スマートフォンを使えない場合や、設定がうまくいかない場合は、この画面から管理者に相談してください。',
          en: 'If you cannot use a phone, or the setup does not work, ask an administrator from here.',
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'sso_password',
      outcome: 'self_help',
      stillStuckRemedy: 'sso',
      title: {
        ja: '会社の認証のパスワードは、その担当部署が扱います',
        en: 'Your company sign-in password is handled by whoever runs it',
      },
      steps: [
        {
          ja: 'シングルサインオン(SAML認証)でログインする場合、入力するパスワードは会社の認証の仕組み(IdP)のものです。cybozu.comのパスワードではありません。',
          en: "With single sign-on (SAML), the password you enter belongs to your company's sign-in system (the IdP), not to cybozu.com.",
        },
        {
          ja: 'そのため、cybozu.comの「ログインでお困りですか?」や管理者によるcybozu.comのパスワードの再設定では、ログインできるようになりません。',
          en: 'So resetting a cybozu.com password, yourself or by an administrator, does not get you in.',
        },
        {
          ja: '会社の認証の仕組みのパスワードリセットの手順に従うか、その担当部署(情報システム部門など)に連絡してください。',
          en: "Follow your company's password reset procedure for that sign-in, or contact whoever runs it (usually IT).",
        },
        {
          ja: 'ほかのエラーが表示される場合は、この画面から管理者に相談できます。',
          en: 'If you see a different error, you can ask an administrator from here.',
        },
      ],
    },

    // ── Needs an administrator ─────────────────────────────────────────────────────────────────────────
    {
      kind: 'leaf',
      id: 'reset_unavailable',
      outcome: 'needs_admin',
      remedy: 'reset_password',
      title: { ja: '管理者がパスワードを設定し直します', en: 'An administrator will set a new password' },
      steps: [
        // SAML required: people sign in at the IdP, so a cybozu.com password reset does not help them.
        {
          when: 'saml_required',
          ja: 'この環境ではSAML認証が必須です。普段は会社の認証画面(IdP)からログインするため、cybozu.comのパスワードを再設定しても解決しません。会社の認証の仕組みのパスワードの手順に従うか、その担当部署(情報システム部門など)に連絡してください。',
          en: "SAML authentication is required here: you sign in through your company's sign-in page (the IdP), so resetting the cybozu.com password does not help. Follow your company's password procedure for that sign-in, or contact whoever runs it (usually IT).",
        },
        {
          when: 'saml_admin_password_login',
          ja: 'cybozu.comのパスワードを使うのは、SAML認証を使わないログイン画面({loginUrl}?saml=off)からログインするcybozu.com共通管理者だけです。',
          en: 'Only cybozu.com administrators, who can log in without SAML at {loginUrl}?saml=off, use a cybozu.com password.',
        },
        {
          ja: 'このアカウントは自分でパスワードをリセットできません。リセットが無効になっている、メールアドレスが登録されていない、ほかのアカウントと同じメールアドレスになっている、cybozu.comのサービス内でしかメールを読めない、のいずれかが原因です。',
          en: 'This account cannot use the self-service reset: it is switched off, no e-mail address is registered, another account has the same address, or your mail can only be read inside cybozu.com.',
        },
        {
          ja: '管理者がcybozu.com共通管理で仮のパスワードを設定します。受け取り方はSlackのDMでお知らせします。',
          en: 'An administrator sets a temporary password in cybozu.com共通管理 (common administration). A Slack DM will tell you how to get it.',
        },
        {
          when: 'forced_change',
          ja: '仮のパスワードでログインすると、新しいパスワードの設定を求められます。ご自身で決めたパスワードに変更してください。',
          en: 'When you log in with it, you will be asked to set a new password of your own.',
        },
        {
          when: 'change_yourself',
          ja: 'この環境では変更を求められないため、ログイン後に右上のアカウント設定 → [パスワードの変更] から、ご自身で決めたパスワードに変更してください。',
          en: 'You will not be asked to change it here, so after logging in, change it yourself: account settings (top right) → [パスワードの変更] (Change password).',
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'lockout_admin',
      outcome: 'needs_admin',
      remedy: 'unlock',
      title: { ja: '管理者がロックを解除します', en: 'An administrator will unlock your account' },
      steps: [
        // SAML required: people sign in at the IdP, so a cybozu.com password reset does not help them.
        {
          when: 'saml_required',
          ja: 'この環境ではSAML認証が必須です。普段は会社の認証画面(IdP)からログインするため、cybozu.comのパスワードを再設定しても解決しません。会社の認証の仕組みのパスワードの手順に従うか、その担当部署(情報システム部門など)に連絡してください。',
          en: "SAML authentication is required here: you sign in through your company's sign-in page (the IdP), so resetting the cybozu.com password does not help. Follow your company's password procedure for that sign-in, or contact whoever runs it (usually IT).",
        },
        {
          when: 'saml_admin_password_login',
          ja: 'cybozu.comのパスワードを使うのは、SAML認証を使わないログイン画面({loginUrl}?saml=off)からログインするcybozu.com共通管理者だけです。',
          en: 'Only cybozu.com administrators, who can log in without SAML at {loginUrl}?saml=off, use a cybozu.com password.',
        },
        {
          ja: 'この環境では、ロックは時間がたっても解除されない設定(「解除しない」)です。',
          en: 'In this environment a lockout is not released over time (set to 解除しない, "never released").',
        },
        {
          ja: '管理者があなたのパスワードを新しく設定すると、ロックが解除されます。新しいパスワードの受け取り方はSlackのDMでお知らせします。',
          en: 'An administrator releases it by setting a new password for you. A Slack DM will tell you how to get it.',
        },
        {
          when: 'forced_change',
          ja: '仮のパスワードでログインすると、新しいパスワードの設定を求められます。ご自身で決めたパスワードに変更してください。',
          en: 'When you log in with it, you will be asked to set a new password of your own.',
        },
        {
          when: 'change_yourself',
          ja: 'この環境では変更を求められないため、ログイン後に右上のアカウント設定 → [パスワードの変更] から、ご自身で決めたパスワードに変更してください。',
          en: 'You will not be asked to change it here, so after logging in, change it yourself: account settings (top right) → [パスワードの変更] (Change password).',
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'admin_locked_out',
      outcome: 'needs_admin',
      remedy: 'other',
      title: { ja: '管理者がログインできない場合', en: 'When the administrator cannot log in' },
      steps: [
        {
          ja: 'ほかにcybozu.com共通管理者がいれば、その人があなたのパスワードを変更できます(ロックも解除されます)。',
          en: 'If there is another cybozu.com administrator, they can change your password (which also releases a lockout).',
        },
        {
          ja: 'ほかに管理者がいない場合は、サイボウズドットコム ストアの管理者(契約の担当者)が「一時的な管理者」を作成し、その管理者があなたのパスワードを変更します。',
          en: 'If there is none, the cybozu.com Store administrator (who manages the contract) creates a temporary administrator, who then resets your password.',
        },
        {
          ja: 'サイボウズドットコム ストアの管理者でも解決できない場合は、サイボウズのサポートに問い合わせます。',
          en: 'If the cybozu.com Store administrator cannot solve it, contact cybozu support.',
        },
        {
          ja: '再発を防ぐため、cybozu.com共通管理者は2人以上にしておくことをおすすめします。',
          en: 'To avoid this next time, keep at least two cybozu.com administrators.',
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'account_suspended',
      outcome: 'needs_admin',
      remedy: 'resume',
      title: { ja: 'アカウントが停止中です', en: 'Your account is suspended' },
      steps: [
        {
          ja: 'アカウントが「停止中」のため、ログインできません。休職や異動などの手続きで停止されることがあります。',
          en: 'Your account is suspended (停止中), so you cannot log in. This can happen around leave, transfers and similar changes.',
        },
        {
          ja: '管理者がアカウントを「使用中」に戻します。再開したらSlackのDMでお知らせします。',
          en: 'An administrator will set it back to active (使用中). You will get a Slack DM when it is done.',
        },
        {
          ja: 'セキュアアクセスを使っていた場合、停止したときにクライアント証明書が失効しています。管理者が新しい証明書を発行します。',
          en: 'If you used Secure Access, your client certificate was revoked at suspension; the administrator will issue a new one.',
        },
        {
          ja: '再開するにはライセンスの空きが必要です。空きがない場合は、ほかのユーザーの停止などで空きができるか、サイボウズドットコム ストアの管理者がライセンスを追加するまで再開できません。',
          en: 'Resuming needs a free licence. If none is free, it has to wait until a seat is freed (for example by suspending another user) or the cybozu.com Store administrator adds licences.',
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'kintone_not_assigned',
      outcome: 'needs_admin',
      remedy: 'assign_kintone',
      title: { ja: 'kintoneの利用が割り当てられていません', en: 'kintone is not assigned to your account' },
      steps: [
        {
          ja: 'あなたのアカウントにはkintoneが割り当てられていないため、サービス一覧にkintoneが表示されません。',
          en: 'Your account has no kintone licence assigned, so kintone is not in your list of services.',
        },
        {
          ja: '管理者がcybozu.com共通管理で、あなたのアカウントにkintoneを割り当てます。',
          en: 'An administrator will assign kintone to your account in cybozu.com共通管理 (common administration).',
        },
        {
          ja: '割り当てにはkintoneのライセンスの空きが必要です。空きがない場合は、空きができるか、サイボウズドットコム ストアの管理者がライセンスを追加するまで割り当てられません。',
          en: 'Assigning needs a free kintone licence. If none is free, it has to wait until a seat is freed or the cybozu.com Store administrator adds licences.',
        },
        {
          ja: '完了したらSlackのDMでお知らせします。その後 {kintoneUrl} を開き直してください。',
          en: 'You will get a Slack DM when it is done; then open {kintoneUrl} again.',
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'ip_allow_list',
      outcome: 'needs_admin',
      remedy: 'ip_allow_list',
      title: {
        ja: '管理者がアクセス制限の設定を確認します',
        en: 'An administrator will check the network restriction',
      },
      steps: [
        {
          ja: '社内ネットワークやVPNからでも拒否される場合は、アクセス制限(許可するIPアドレス)の設定が今のネットワークに合っていない可能性があります。',
          en: 'If you are denied even from the office network or VPN, the allowed IP addresses probably do not include the network you are on.',
        },
        {
          ja: '管理者が許可するIPアドレスの設定を確認し、必要なら変更します。変更できるのは、サイボウズドットコム ストアの管理者か、その権限を持つcybozu.com共通管理者です。',
          en: 'An administrator will check the allowed IP addresses and change them if needed. Only the cybozu.com Store administrator or a common administrator with that permission can do this.',
        },
        {
          ja: '管理者から、どこから接続したか(拠点、VPNの有無)を聞かれることがあります。',
          en: 'The administrator may ask where you connected from (which office, VPN or not).',
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'certificate_reissue',
      outcome: 'needs_admin',
      remedy: 'reissue_certificate',
      title: { ja: '管理者が証明書を発行し直します', en: 'An administrator will issue a new certificate' },
      steps: [
        {
          ja: 'クライアント証明書は期限を延長できません(有効期間は通常1年、最長3年)。管理者が新しい証明書を発行します。',
          en: 'Client certificates cannot be extended (valid for 1 year by default, 3 at most). An administrator will issue a new one.',
        },
        {
          ja: '新しい証明書ファイルとパスワードの受け取り方は、管理者からお知らせします。証明書は使う端末ごとにインストールしてください。',
          en: 'The administrator will tell you how to get the new certificate file and its password. Install it on each device you use.',
        },
        {
          ja: '端末を紛失した場合は、そのことも管理者に伝えてください。第三者に使われないよう、管理者がパスワードの変更と古い証明書の無効化を行います。',
          en: 'If a device was lost, tell the administrator: they will change your password and revoke the old certificate so no one else can use it.',
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'two_factor_reset',
      outcome: 'needs_admin',
      remedy: 'disable_two_factor',
      title: { ja: '管理者が2要素認証を解除します', en: 'An administrator will turn off two-factor authentication' },
      steps: [
        {
          ja: '確認コードを受け取れないため、管理者がユーザー情報の編集画面であなたの2要素認証を無効にします。これまでの登録は削除されます。',
          en: 'Since you cannot get codes, an administrator will turn two-factor authentication off for you in the user edit screen. Your old registration is deleted.',
        },
        {
          ja: '完了したらSlackのDMでお知らせします。その後はログイン名とパスワードだけでログインできます。',
          en: 'You will get a Slack DM when it is done; then you can log in with your login name and password.',
        },
        {
          ja: 'ログインしたら、新しいスマートフォンで2要素認証をもう一度有効にしてください(アカウント設定の「ログイン名とパスワード」)。',
          en: 'After logging in, turn two-factor authentication on again with your new phone (Account settings → Login name & password).',
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'sso_admin',
      outcome: 'needs_admin',
      remedy: 'sso',
      title: {
        ja: '管理者がシングルサインオンの設定を確認します',
        en: 'An administrator will check the single sign-on setup',
      },
      steps: [
        {
          ja: '複数の人が同じエラーになる場合は、設定の問題の可能性があります(IdPの証明書の期限切れ、エンティティIDの誤りなど)。',
          en: 'When several people get the same error, it is usually the setup: an expired IdP certificate, a wrong entity ID, and so on.',
        },
        {
          ja: '管理者とIdP(会社の認証の仕組み)の担当者が設定を確認します。管理者はSAMLを使わないログイン画面({loginUrl}?saml=off)から設定を直せます。',
          en: 'An administrator and the people who run the IdP (your company sign-in) will check it. Administrators can still get in without SAML ({loginUrl}?saml=off) to fix it.',
        },
        {
          ja: '復旧したらSlackのDMでお知らせします。',
          en: 'You will get a Slack DM when it works again.',
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'contract_ended',
      outcome: 'needs_admin',
      remedy: 'contract',
      title: { ja: '契約の状況を確認します', en: 'The contract needs checking' },
      steps: [
        {
          ja: '契約や試用期間が終了していると、この環境にアクセスできません。',
          en: 'When the contract or the trial has ended, the environment cannot be reached.',
        },
        {
          ja: '契約を更新できるのは、サイボウズドットコム ストアの管理者(契約の担当者)です。管理者が確認し、連絡を取ります。',
          en: 'Only the cybozu.com Store administrator (who manages the contract) can renew it. An administrator will check and contact them.',
        },
        {
          ja: '解約後もしばらくはデータが保持されます。',
          en: 'Data is kept for a while after cancellation.',
        },
      ],
    },
    {
      kind: 'leaf',
      id: 'other_problem',
      outcome: 'needs_admin',
      remedy: 'other',
      title: { ja: '管理者が状況を確認します', en: 'An administrator will take a look' },
      steps: [
        {
          ja: 'この案内では原因を特定できませんでした。管理者が状況を確認します。',
          en: 'This guide could not pin down the cause. An administrator will look into it.',
        },
        {
          ja: '表示されたメッセージをそのまま(できれば画面のスクリーンショットで)伝えると、対応が早くなります。パスワードは絶対に送らないでください。',
          en: 'Sharing the exact message (a screenshot is best) speeds things up. Never send your password.',
        },
        {
          ja: '対応状況はSlackのDMでお知らせします。',
          en: 'You will get updates in a Slack DM.',
        },
      ],
    },
  ],
} satisfies Tree;

/** The login troubleshooter's tree, validated at load. */
export const loginTree: Tree = loadTree(loginTreeData);
