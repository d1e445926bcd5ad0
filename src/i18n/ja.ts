/** Japanese catalogue: the reference. Every key here must exist in en.ts (a test checks both ways). */
export const ja = {
  'usage.title': '*/kintone-login の使い方*',
  'usage.report': '`/kintone-login` または `/kintone-login report` — kintoneにログインできないときの相談を始めます',
  'usage.diagnose':
    '`/kintone-login diagnose` — cybozu.com の環境と自分のアカウントを確認します(管理者は `diagnose <ログイン名>` / `diagnose @ユーザー` で他の人のアカウントも)',
  'diag.checking': 'cybozu.com を確認しています…',
  'diag.throttled':
    '`diagnose` は 1 分間に {count} 回までです。cybozu.com への問い合わせを増やしすぎないためです。{seconds} 秒ほど待ってから、もう一度お試しください。',
  'diag.title': '*kintoneログイン診断*',
  'diag.not_configured':
    'この Slack アプリには cybozu.com との連携が設定されていないため(CYBOZU_BASE_URL)、アカウントを自動では確認できません。管理者は cybozu.com共通管理 → 組織/ユーザー で次を確認してください:\n1. ログイン名でユーザーを検索する\n2. 状態が「停止中」なら「使用中」に戻す\n3. 「利用するサービス」で kintoneにチェックが入っているか\n4. メールアドレスが登録され、ほかのユーザーと重複していないか(パスワードの自己リセットに必要)',
  'diag.env.title': '*環境*({url})',
  'diag.env.base_url': 'cybozu.com への接続',
  'diag.env.tls': 'TLS 証明書',
  'diag.env.login_page': 'ログイン画面',
  'diag.env.api_auth': 'User API の認証',
  'diag.verdict.ok': 'OK',
  'diag.verdict.fail': '失敗',
  'diag.verdict.skipped': '未確認',
  'diag.env.all_ok': 'cybozu.com には問題なく接続できています。',
  'diag.env.some_failed':
    'cybozu.com への接続に問題があります。社内ネットワークや VPN を確認し、続く場合は管理者に連絡してください。',
  'diag.account.title_self': '*あなたのアカウント*',
  'diag.account.title_other': '*{who} のアカウント*',
  'diag.account.login_name': 'ログイン名: `{loginName}`({name})',
  'diag.account.no_email':
    'Slack のプロフィールにメールアドレスがないため、cybozu.com のアカウントを探せませんでした。',
  'diag.account.no_account_for_email':
    'Slack のメールアドレス({email})で登録された cybozu.com のアカウントは見つかりませんでした。cybozu.com に別のメールアドレスで登録されているか、アカウントがない可能性があります。`/kintone-login` で管理者に相談してください。',
  'diag.account.shared_note': 'このメールアドレスのアカウントが {count} 件あります。',
  'diag.finding.not_found':
    'このログイン名のアカウントはありません。入力の誤りか、別のログイン名の可能性があります。管理者がメールアドレスや氏名から調べられます。',
  'diag.finding.active': '状態: 使用中',
  'diag.finding.suspended':
    '状態: *停止中* — この状態ではログインできません。管理者が「使用中」に戻す必要があります。`/kintone-login` で相談してください。',
  'diag.finding.kintone_assigned': 'kintone: 利用できます',
  'diag.finding.kintone_missing':
    'kintone: *割り当てられていません* — ログインしても kintoneが表示されません。管理者が kintoneのサービスを割り当てる必要があります。',
  'diag.finding.email_ok':
    'メールアドレス: 登録済み — パスワードを忘れたときは {loginUrl} の「ログインでお困りですか?」から自分でリセットできます。',
  'diag.finding.email_missing':
    'メールアドレス: *未登録* — パスワードを自分でリセットできません。忘れたときは管理者に新しいパスワードの設定を依頼してください。',
  'diag.finding.email_shared':
    'メールアドレス: *ほかのアカウントと同じ* — パスワードを自分でリセットできません。忘れたときは管理者に新しいパスワードの設定を依頼してください。',
  'diag.finding.self_reset_disabled':
    'パスワードの自己リセット: *無効* — 管理者に新しいパスワードの設定を依頼してください。',
  'diag.finding.saml_required':
    'ログイン: SAML認証(会社の認証の仕組み、IdP)が必須です — パスワードは会社の認証のものです。cybozu.comのパスワードを再設定しても解決しません。パスワードを忘れた場合は、会社の手順に従うか、その担当部署(情報システム部門など)に連絡してください。',
  'diag.account.all_ok':
    'アカウントに問題は見つかりませんでした。ログインできない場合は {loginUrl} で、ログイン名とパスワード(Caps Lock・全角入力・前後の空白)を確かめてください。',
  'diag.account.has_problems': '管理者への相談は `/kintone-login` から始められます。',
  'diag.refused_other':
    'ほかの人のアカウントを確認できるのは管理者だけです。自分のアカウントは `/kintone-login diagnose` で確認できます。',
  'diag.bad_target': '「{text}」はログイン名として使えない文字を含んでいます。',
  'diag.error.auth':
    'cybozu.com が bot の認証情報を受け付けませんでした。管理者は CYBOZU_API_TOKEN(または CYBOZU_LOGIN / CYBOZU_PASSWORD)を確認してください。',
  'diag.error.missing_auth': 'cybozu.com への要求に認証情報が付いていませんでした。管理者は設定を確認してください。',
  'diag.error.forbidden':
    'bot の API トークンのスコープが足りません(管理者のアカウントには「Dangerous Zone」の権限が必要です)。',
  'diag.error.ip_restricted':
    'cybozu.com の IP アドレス制限で bot の接続が拒否されました。管理者は bot のサーバーのアドレスを許可してください。',
  'diag.error.timeout': 'cybozu.com が {seconds} 秒以内に応答しませんでした。しばらくしてからもう一度お試しください。',
  'diag.error.unavailable': 'cybozu.com に接続できませんでした。しばらくしてからもう一度お試しください。',
  'diag.error.validation': 'cybozu.com が要求を受け付けませんでした(入力の検証エラー)。',
  'diag.error.not_configured': 'cybozu.com との連携の設定に問題があります。',
  'diag.error.user_not_found': 'アカウントが見つかりませんでした。',
  'diag.error.unexpected': 'cybozu.com から予期しない応答がありました。',
  'diag.error.id': 'cybozu のエラー ID: `{id}`(cybozu のサポートに伝えてください)',
  'diag.error.two_factor':
    'CYBOZU_LOGIN のアカウントで2要素認証が有効なため、cybozu.com がパスワード認証を受け付けませんでした。管理者は、2要素認証を使わない cybozu.com共通管理者のアカウントを設定するか、API トークン(CYBOZU_API_TOKEN)に切り替えてください。',
  'diag.error.forbidden_token':
    'bot の API トークンに必要なスコープがないため、cybozu.com が変更を拒否しました(権限がありません)。管理者は、スコープが「Read and Write」(Administrators グループのユーザーを変更するには「Dangerous Zone」)の API トークンを発行し、CYBOZU_API_TOKEN に設定してください。',
  'diag.error.forbidden_password':
    'CYBOZU_LOGIN のアカウントが cybozu.com共通管理者ではないため、cybozu.com が変更を拒否しました(権限がありません)。管理者は、このアカウントを Administrators グループに追加するか、共通管理者のアカウントを設定してください。',
  'diag.error.no_licence':
    'cybozu.com に空きライセンス(席)がないため、変更できませんでした。ライセンスはユーザー数(席)単位で購入し、サービスを利用する使用中のユーザーが1人1席を使います(停止中のユーザーは数えません)。席を空けるには、退職した人などのkintoneの利用を外すか、サイボウズドットコム ストアの管理者にユーザー数を追加購入してもらってください。',
  'diag.write.title': '*ユーザーの変更(パスワードのリセット・利用再開など)*',
  'diag.write.administrator': 'OK — CYBOZU_LOGIN(`{login}`)は cybozu.com共通管理者です。',
  'diag.write.not_administrator':
    '⚠ CYBOZU_LOGIN(`{login}`)は cybozu.com共通管理者ではありません(Administrators グループに所属していません)。このままではパスワードのリセットや利用再開はすべて拒否されます。管理者は、このアカウントを Administrators グループに追加するか、共通管理者のアカウントを CYBOZU_LOGIN / CYBOZU_PASSWORD に設定してください。',
  'diag.write.scope_unknown':
    'API トークンのスコープは API から確認できません。パスワードのリセットや利用再開には「Read and Write」、Administrators グループのユーザーの変更には「Dangerous Zone」のスコープが必要です。',
  'diag.write.refused':
    '⚠ {time} に cybozu.com がユーザーの変更を拒否しました(CB_NO02 権限がありません)。{fix} この警告は、変更が一度成功するまで表示されます。',
  'diag.write.unknown': '確認できませんでした({problem})。',
  'usage.status': '`/kintone-login status` — 自分の相談とその状態',
  'usage.oncall': '`/kintone-login oncall` — 現在の当番と次の当番',
  'usage.duty':
    '`/kintone-login duty on` / `duty off` — 当番に入る・外れる(管理者。`duty on 18:00` で時刻まで。`duty cover @管理者 YYYY-MM-DD HH:MM YYYY-MM-DD HH:MM` で代わりを頼む。`duty away YYYY-MM-DD` で不在)',
  'usage.admins': '`/kintone-login admins` — 管理者の一覧(管理者は `admins add @ユーザー` / `admins remove @ユーザー`)',
  'status.none': '受付中の相談はありません。',
  'status.title': '*あなたの相談*',
  'status.line': '• #{id} {leaf} — {state}({created})',
  'oncall.now': '*現在の当番*: {who}',
  'oncall.nobody': '*現在、当番の管理者はいません。*',
  'oncall.next': '*次の当番*: {who}({at} から)',
  'oncall.no_next': '今後3週間、当番の予定はありません。',
  'daily.title': '*本日の当番*({date})',
  'daily.on_duty_now': '*現在の当番*: {who}',
  'daily.nobody_now': '*現在、当番の管理者はいません。*',
  'daily.later': '• {who}({at} から)',
  'daily.reports_title': '*未解決・担当待ちの相談*(古い順)',
  'daily.report_line': '• {link} ログイン名 `{loginName}` — {who}({created} から)',
  'daily.report.assigned': '{who} さんの対応待ち',
  'daily.report.in_progress': '{who} さんが対応中',
  'daily.report.queued': '担当未定',
  'daily.more': '…ほか {count} 件(App Home をご覧ください)。',
  'daily.no_reports': '未解決・担当待ちの相談はありません。',
  'duty.on': '当番に入りました。{until}',
  'duty.on.until': '{at} まで。',
  'duty.off': '当番から外れました。',
  'duty.bad_time': '「{text}」は時刻として読めません(例: `duty on 18:00`)。',
  'duty.usage': '`/kintone-login duty on` または `/kintone-login duty off` と入力してください。',
  'duty.cover.usage':
    '`/kintone-login duty cover @管理者 YYYY-MM-DD HH:MM YYYY-MM-DD HH:MM`(開始・終了、{zone})と入力してください。',
  'duty.cover.done':
    '{from} から {to} まで、<@{who}> さんに代わりをお願いしました。ご本人に通知済みで、断ることもできます。',
  'duty.cover.dm':
    '<@{by}> さんから、{from} から {to} までの当番の代わりを頼まれました。この間はあなたが当番になり、相談が届きます。難しい場合は「お断りする」を押してください。',
  'duty.cover.decline': 'お断りする',
  'duty.cover.declined': '{from} から {to} までの代わりをお断りしました。<@{by}> さんに通知しました。',
  'duty.cover.declined_dm':
    '<@{who}> さんは {from} から {to} までの代わりができないとのことです。代わりは取り消され、通常の当番に戻りました。ほかの方にお願いしてください。',
  'duty.cover.decline_refused':
    'この代わりはもうお断りできません(終わっている、すでにお断り済み、またはあなた宛てではありません)。',
  'duty.cover.refused.requester_not_admin': '代わりを頼めるのは管理者だけです。',
  'duty.cover.refused.cover_not_admin': '代わりを頼める相手は管理者だけです(`/kintone-login admins`)。',
  'duty.cover.refused.self': 'ご自身には頼めません。ほかの管理者を選んでください。',
  'duty.cover.refused.bad_range': '終了は開始より後にしてください。',
  'duty.cover.refused.in_past': 'その時間はすでに過ぎています。',
  'duty.cover.refused.too_long': '代わりは最長31日です。それより長い場合は当番表を変更してください。',
  'duty.cover.title': '当番の代わりを頼む',
  'duty.cover.submit': '頼む',
  'duty.cover.who': '代わりの管理者',
  'duty.cover.from': '開始(YYYY-MM-DD HH:MM、{zone})',
  'duty.cover.to': '終了(YYYY-MM-DD HH:MM、{zone})',
  'duty.cover.bad_time': 'YYYY-MM-DD HH:MM の形で入力してください(例: 2026-12-01 09:00)。',
  'duty.away.usage':
    '`/kintone-login duty away YYYY-MM-DD` と入力してください(その日の終わりまで不在。`duty on` で早めに戻れます)。',
  'duty.away.bad_date': '今日から {days} 日先までの日付を指定してください。',
  'duty.away.done': '{until} まで不在にしました。当番表にかかわらず、相談は届きません。`duty on` で早めに戻れます。',
  'admins.only': 'この操作ができるのは管理者だけです。',
  'admins.list': '*管理者*({count} 人): {who}',
  'admins.added': '<@{who}> さんを管理者に追加しました。',
  'admins.already': '<@{who}> さんはすでに管理者です。',
  'admins.removed': '<@{who}> さんを管理者から外しました。',
  'admins.not_admin': '<@{who}> さんは管理者ではありません。',
  'admins.last': '最後の管理者は外せません。先にほかの管理者を追加してください。',
  'admins.usage':
    '`/kintone-login admins add @ユーザー` または `admins remove @ユーザー` のようにメンションで指定してください。',
  'usage.help': '`/kintone-login help` — この説明を表示します',
  'usage.unknown': '「{text}」は分かりませんでした。',
  'usage.aliases':
    '*日本語でも入力できます*(語の区切りは半角・全角スペースのどちらでも、続けて書いても構いません。例: `/kintone-login 当番 オン 18:00`)',

  'error.generic':
    '処理中にエラーが発生しました。しばらくしてからもう一度お試しください。問題が続く場合は管理者にお知らせください。',
  'error.storage':
    '一時的に相談を保存できませんでした(サーバーの保存領域の問題)。内容はそのままで、数分後にもう一度「送る」を押してください。',
  'error.modal_unavailable':
    '画面を開けませんでした(Slack の応答がありません)。もう一度 `/kintone-login` を実行してください。',

  'modal.login_name.label': 'ログイン名',
  'modal.login_name.placeholder': '例: yamada-taro または taro.yamada@example.co.jp',
  'modal.login_name.hint': 'kintone(cybozu.com)にログインするときに入力する名前です。パスワードは書かないでください。',
  'modal.details.label': '詳しい状況(任意)',
  'modal.details.placeholder': '表示されたメッセージ、いつから、どの端末か など。パスワードは書かないでください。',
  'modal.error.login_name_empty': 'ログイン名を入力してください。',
  'modal.error.login_name_too_long': 'ログイン名は128文字以内です。',
  'modal.error.login_name_chars': 'ログイン名に次の文字は使えません: \\ [ ] " : ; < > , /',
  'modal.error.login_name_spaces': 'ログイン名の前後に空白は入れられません。',
  'modal.error.details_too_long': '詳しい状況は2000文字以内で書いてください。',

  'report.root.title': 'kintoneログインの相談 #{id}',
  'report.root.fallback': 'kintoneログインの相談 #{id}: {loginName}({reporter})',
  'report.field.reporter': '相談者',
  'report.field.login_name': 'ログイン名',
  'report.field.details': '詳しい状況',
  'report.field.created_at': '受付日時',
  'report.field.id': '受付番号',
  'report.field.state': '状態',
  'report.details.none': '(なし)',
  'report.state.open': '未対応',
  'report.state.acknowledged': '対応中',
  'report.state.resolved': '解決済み',
  'report.state.cancelled': '取り下げ',

  'home.title': 'kintoneログインの相談窓口',
  'home.intro':
    'kintone(cybozu.com)にログインできないときは、ここから相談を始めてください。管理者に届け、進み具合を DM でお知らせします。',
  'home.start': '相談を始める',
  'home.tips':
    '*よくある原因*\n• Caps Lock や全角入力がオンになっている\n• パスワードの前後に空白が入っている\n• 10回続けて間違えるとしばらくロックされます(既定では3分)',
  'home.command_hint': 'Slack のどこからでも `/kintone-login` で始められます。',

  'tree.title': 'kintoneログインの相談',
  'tree.back': '← 戻る',
  'tree.fixed': '解決しました',
  'tree.stuck': 'まだログインできない',
  'tree.send': '管理者に送る',
  'tree.close': '閉じる',
  'tree.steps': '*試してみてください*',
  'tree.next_steps': '*このあとの流れ*',
  'tree.report_intro': '管理者に相談を送ります。ログイン名を確認して「管理者に送る」を押してください。',
  'tree.done_fixed': 'よかったです!ほかに困ったことがあれば、いつでも `/kintone-login` を実行してください。',
  'tree.done_reported': '相談 #{id} を管理者に送りました。対応の状況は DM でお知らせします。',
  'intake.done_filed_for':
    '相談 #{id} を <@{author}> さんの代わりに管理者へ送りました。経過はご本人に DM でお知らせし、ご本人の件かどうかの確認をお願いします。確認が取れるまで、アカウントは変更されません。',
  'intake.walking_for':
    '<@{author}> さんの代わりに相談しています。アカウントと相談の上限はご本人のものが使われ、ご本人に確認をお願いします。',
  'intake.for_whom': 'kintoneにログインできないのはどなたですか。この投稿は <@{author}> さんのものです。',
  'intake.for_me': '自分',
  'intake.for_author': '投稿した人',
  'tree.expired': 'この画面は古くなっています。もう一度 `/kintone-login` を実行してください。',
  'tree.refused.walk_unknown':
    'このフォームはあなたの相談の画面として開かれたものではないため、送信しませんでした。もう一度 `/kintone-login` を実行してください。',
  'tree.refused.walk_finished':
    'この相談の画面はすでに終了しているため、送信しませんでした。もう一度 `/kintone-login` を実行してください。',
  'tree.refused.too_many_open':
    '管理者の対応を待っている相談がすでに {count} 件あり、1 人が同時に送れる上限に達しているため、今回の相談は送信しませんでした。いずれかが解決したら、もう一度お送りください。\n{lines}\n`/kintone-login status` でもご自分の相談を確認できます。',
  'tree.refused.too_many_per_hour':
    'この 1 時間に送られた相談が {count} 件あり、1 時間に送れる上限に達しているため、今回の相談は送信しませんでした。{at} 以降にもう一度お送りください。{open}\n`/kintone-login status` でもご自分の相談を確認できます。',
  'tree.refused.open_title': '\n対応待ちの相談:\n{lines}',
  'tree.refused.line': '• {ref} {leaf} — {state}({created})',
  'tree.self_service.offer':
    'ご自身で今すぐ解決することもできます。会社のアカウントでシングルサインオンし直すと、その場で仮のパスワードを受け取れます(管理者にはあとで報告されます)。管理者に任せる場合は「管理者に送る」を押してください。',
  'tree.self_service.button.reset_password': '自分で今すぐ再設定する',
  'tree.self_service.button.unlock': '自分で今すぐロックを解除する',
  'tree.self_service.sign_in':
    '下のボタンから {minutes} 分以内に会社のアカウントでサインインしてください。パスワードの入力を求められます。サインインが終わったら Slack に戻ってください。仮のパスワードは DM で 1 回だけ表示できます。',
  'tree.self_service.sign_in_button': 'サインインして続ける',
  'tree.self_service.refused': 'ご自身では解決できません: {reason} 「管理者に送る」を押すと管理者が対応します。',
  'tree.self_service.done':
    '`{loginName}` に仮のパスワードを設定しました。DM のボタンから 1 回だけ表示できます。管理者向けの記録は相談 #{id} に残しました。',
  'self_service.refused_dm':
    '`{loginName}` の{kind}をセルフサービスでは行いませんでした: {reason} 何も変更していません。管理者に相談する場合は、フォームの「管理者に送る」を押すか、`/kintone-login` をもう一度実行してください。',
  'self_service.handed_over_dm':
    '`{loginName}` の{kind}を完了できなかったため、相談 #{id} を管理者に引き継ぎました。対応の状況は DM でお知らせします。',
  'self_service.page.done_title': '仮のパスワードを設定しました',
  'self_service.page.done_body':
    'Slack に戻り、DM のボタンから仮のパスワードを 1 回だけ表示してください。このタブは閉じてかまいません。',
  'self_service.page.refused_title': 'セルフサービスは行いませんでした',
  'self_service.page.refused_body': '何も変更していません。Slack に戻り、「管理者に送る」で管理者に相談してください。',
  'self_service.page.handed_over_title': '管理者に引き継ぎました',
  'self_service.page.handed_over_body':
    'パスワードを設定できなかったため、相談を管理者に引き継ぎました。Slack の DM でお知らせします。',
  'self_service.reason.setting_off': 'この操作はセルフサービスで行えない設定になっています。',
  'self_service.reason.not_configured':
    'この Slack アプリにはセルフサービスに必要な設定(シングルサインオン、cybozu.com との連携、暗号化キー)がありません。',
  'self_service.reason.sso_unavailable': 'シングルサインオンのサーバーに接続できませんでした。',
  'self_service.reason.no_slack_email': 'Slack のプロフィールにメールアドレスがありません。',
  'self_service.reason.login_name_needed': '先にログイン名を入力してください。',
  'self_service.reason.account_not_found': 'このログイン名のアカウントがありません。',
  'self_service.reason.email_mismatch': 'このアカウントのメールアドレスが Slack のメールアドレスと一致しません。',
  'self_service.reason.suspended': 'このアカウントは停止中です。使用中に戻せるのは管理者だけです。',
  'self_service.reason.administrator': 'cybozu.com共通管理者のアカウントはセルフサービスの対象外です。',
  'self_service.reason.cooldown':
    'このアカウントは最近セルフサービスで対応済みです。続けて行う場合は管理者が確認します。',
  'self_service.reason.rate_limited': '短時間に何度も試しています。しばらく待つか、管理者に相談してください。',
  'self_service.reason.too_many_open': '管理者の対応を待っている相談が上限まであります。',
  'self_service.reason.walk_finished': 'この相談はすでに終わっています。',
  'self_service.reason.directory_unavailable': 'cybozu.com に接続できず、アカウントを確認できませんでした。',
  'self_service.reason.sign_in_mismatch':
    'サインインした会社のアカウントが、この Slack アカウントのものではありません。',
  'self_service.reason.stale_sign_in': 'その場でのサインインを確認できませんでした(パスワードの入力が必要です)。',
  'self_service.reason.sign_in_failed': 'シングルサインオンが完了しませんでした。',
  'self_service.reason.expired': 'サインインのリンクの有効期限が切れました。',
  'self_service.reason.reused': 'このサインインのリンクはすでに使用されています。',
  'self_service.reason.slack_unavailable': 'Slack に接続できず、照合できませんでした。',
  'remedy.reset_password': 'パスワードの再設定',
  'remedy.unlock': 'ロックの解除(新しいパスワードの設定)',
  'remedy.resume': 'アカウントの再開(停止中 → 使用中)',
  'remedy.assign_kintone': 'kintoneの割り当て',
  'remedy.disable_two_factor': '2要素認証の無効化',
  'remedy.reissue_certificate': 'クライアント証明書の再発行',
  'remedy.ip_allow_list': 'IP アドレス制限の確認',
  'remedy.sso': 'シングルサインオン(SAML)の確認',
  'remedy.contract': '契約の確認(サイボウズドットコム ストアの管理者)',
  'remedy.other': 'その他(確認が必要)',
  'fact.account_exists': 'アカウント',
  'fact.account_active': '使用中',
  'fact.kintone_assigned': 'kintone割り当て',
  'fact.email_usable_for_reset': 'メールで自己リセット可能',
  'fact.yes': 'はい',
  'fact.no': 'いいえ',
  'report.field.leaf': '状況',
  'report.field.remedy': '必要な対応',
  'report.field.path': '回答の経緯',
  'report.field.facts': 'cybozu.com の情報',
  'report.path.auto': '(自動判定)',
  'report.path.none': '(質問なし)',
  'usage.stats': '`/kintone-login stats` — 過去30日の相談の集計(管理者)',
  'stats.title': '*過去30日の kintoneログイン相談*',
  'stats.walks':
    '相談の開始: {walks} 件(自己解決 {selfResolved} 件 = {share}、管理者へ {reported} 件、途中で終了 {abandoned} 件、進行中 {inProgress} 件)',
  'stats.by_remedy': '*必要な対応別の報告*',
  'stats.top_leaves': '*よく行き着く状況*',
  'stats.none': '(なし)',
  'stats.admins_only': '集計を見られるのは管理者だけです。',
  'stats.fixes.title': '*解決の内訳*(最初の質問から解決までの時間の中央値)',
  'stats.fixes.line':
    '• {remedy}: セルフサービス {selfService}({selfServiceMedian})· 管理者 {admin}({adminMedian})· 自己解決 {selfHelp}({selfHelpMedian})· 相談 {reports}',
  'usage.listen':
    '`/kintone-login listen on` / `listen off` — 相談用チャンネルで、kintoneにログインできないという投稿にトラブルシューターを案内します(管理者。`listen` で有効なチャンネルの一覧)',
  'listen.on':
    '<#{channel}> で、kintoneにログインできないという投稿にトラブルシューターをスレッドで案内するようにしました(1人につき1日1回まで)。',
  'listen.already_on': '<#{channel}> ではすでに案内が有効です。',
  'listen.off': '<#{channel}> での案内を停止しました。',
  'listen.already_off': '<#{channel}> では案内は有効になっていません。',
  'listen.not_member':
    '<#{channel}> のメンバーではないため、投稿を読むことができません。先にチャンネルで `/invite @kintone-login` と入力して招待してから、そのチャンネルでもう一度 `/kintone-login listen on` を実行してください。設定は変更していません。',
  'listen.check_failed':
    '<#{channel}> のメンバーかどうかを確認できませんでした(Slack から応答がありません)。設定は変更していません。しばらくしてからもう一度お試しください。',
  'listen.not_a_channel':
    '案内を設定したいパブリックチャンネルまたはプライベートチャンネルで実行してください(DM では設定できません)。',
  'listen.checking': 'このチャンネルのメンバーかどうかを確認しています…',
  'listen.usage':
    '相談用チャンネルで `/kintone-login listen on` または `/kintone-login listen off` と入力してください。',
  'listen.status': 'このチャンネルでの案内: {here}\n有効なチャンネル: {channels}',
  'listen.status.here_on': '有効',
  'listen.status.here_off': '無効',
  'listen.reply':
    '<@{user}> さん、kintoneにログインできずお困りでしょうか。トラブルシューターで順番に確認できます。解決しない場合は、そのまま管理者に相談を送れます。',
  'listen.open': 'トラブルシューターを開く',
  'listen.not_this': 'この件ではない',
  'listen.dismissed': '承知しました。kintoneにログインできないときは、いつでも `/kintone-login` をご利用ください。',
  'listen.not_yours': 'この案内を閉じられるのは、案内の宛先の方か管理者だけです。',
  'rating.summary.title': '*解決の評価(相談者による、過去30日)*',
  'rating.summary.none': '(評価はまだありません)',
  'rating.summary.figures': '中央値 {median} / 5(評価 {count} 件)',
  'rating.summary.comment': '• {score}/5 · #{id} · {at}: {comment}',
  'report.field.assignee': '担当',
  'report.assignee.none': '(未割り当て — 当番の管理者がいません)',
  'report.age': '経過 {age}',
  'report.escalated_all': '全管理者に通知済み',
  'report.self_service_fixed': 'セルフサービスで解決',
  'button.ack': '対応する',
  'button.reassign': '担当を変える',
  'button.resolve': '解決にする',
  'thread.assigned.new':
    '<@{assignee}> さん、相談 #{id} の担当をお願いします({minutes}分以内に「対応する」を押してください)。',
  'thread.assigned.picked_up': '<@{assignee}> さん、当番が始まったので相談 #{id} をお願いします。',
  'thread.assigned.escalated': '{minutes}分たっても対応がないため、<@{assignee}> さんに担当を変えました。',
  'thread.assigned.reassigned': '<@{by}> さんが担当を <@{assignee}> さんに変えました。',
  'thread.queued': '現在、当番の管理者がいません。全管理者に DM で知らせました。{when}',
  'thread.queued.next': '次の当番は {at} からです。',
  'thread.queued.none': '当番の予定が登録されていません。',
  'thread.escalated_all': 'まだ対応されていないため、全管理者に DM で知らせました。',
  'thread.changed.acknowledge': '<@{actor}> さんが対応を始めました。',
  'thread.changed.resolve': '<@{actor}> さんが解決にしました。{note}',
  'thread.changed.cancel': '相談者が「ログインできた」と知らせたため、取り下げました。',
  'thread.changed.reopen': '相談者がまだログインできないと知らせたため、相談を再開しました。',
  'thread.quiet_reminder':
    '<@{assignee}> さん、相談 #{id} は対応開始から {hours} 時間たちましたが、まだ解決になっていません。解決にするか、続けられない場合は担当を変えてください。',
  'dm.quiet_reminder':
    '相談 #{id}(ログイン名 `{loginName}`)は対応開始から {hours} 時間たちましたが、まだ解決になっていません: {link}',
  'thread.quiet_reopened':
    '<@{previous}> さんの対応開始から進展がないため、相談を未対応に戻し、<@{assignee}> さんに担当を変えました({minutes}分以内に「対応する」を押してください)。',
  'thread.quiet_reopened.queued':
    '<@{previous}> さんの対応開始から進展がないため、相談を未対応に戻しました。現在当番の管理者がいないため、次の当番の方にお願いします。',
  'thread.changed.cancel.not_me':
    '代理で相談された <@{actor}> さんから、ご本人の件ではないとの回答があったため、取り下げました。',
  'intake.thread.confirmed': '<@{reporter}> さんがご本人の件であることを確認しました。アカウントの操作を行えます。',
  'report.filed_by.waiting':
    '<@{by}> さんが <@{reporter}> さんの投稿をもとに代理で相談 · :hourglass: <@{reporter}> さんご本人の確認待ち(確認までアカウントの操作はできません)',
  'report.filed_by.confirmed':
    '<@{by}> さんが <@{reporter}> さんの投稿をもとに代理で相談 · <@{reporter}> さんご本人が確認済み',
  'admin.alert.delivery_failed':
    ':rotating_light: Slack へのメッセージを届けられませんでした(`{error}`、相談 {report}、宛先 {channel})。bot がチャンネルに招待されているか、SUPPORT_CHANNEL_ID が正しいか確認してください。',
  'admin.alert.queued':
    '当番の管理者がいない間に、kintoneログインの相談 #{id}(ログイン名 `{loginName}`)が届きました: {link}',
  'admin.alert.escalated': 'kintoneログインの相談 #{id}(ログイン名 `{loginName}`)がまだ対応されていません: {link}',
  'admin.alert.digest':
    '対応を待っている kintoneログインの相談が {count} 件あります(この種のお知らせは {minutes} 分に 1 回までまとめてお送りします):\n{lines}',
  'admin.alert.digest.queued': '• {link} ログイン名 `{loginName}` — 当番の管理者がいない間に届きました({at})',
  'admin.alert.digest.escalated': '• {link} ログイン名 `{loginName}` — まだ対応されていません({at})',
  'admin.alert.digest.more': 'ほかに {count} 件あります。サポートチャンネルで確認してください。',
  'dm.queued': '現在、対応できる管理者がいません。{when}',
  'dm.queued.next': '{at} ごろから対応できる見込みです。',
  'dm.queued.none': '管理者が対応できるようになり次第お知らせします。',
  'dm.acknowledged': '<@{actor}> さんが相談 #{id} の対応を始めました。',
  'dm.resolved': '相談 #{id} は解決しました。{note}kintoneにログインできるようになりましたか?',
  'dm.resolved.note': '管理者からのメモ: {note}\n',
  'dm.back_in': 'ログインできた',
  'dm.still_stuck': 'まだできない',
  'dm.fixed_now': 'もう解決しました',
  'dm.thanks_back_in': 'よかったです!ありがとうございました。',
  'dm.reopened': '相談 #{id} を再開しました。管理者に知らせます。',
  'dm.cancelled': '相談 #{id} を取り下げました。',
  'dm.resolved.rate_hint': 'ログインできた場合は、対応の評価(1〜5)とコメントをお寄せいただけます。',
  'rating.title': '解決しましたか',
  'rating.intro': 'ログインできてよかったです。相談 #{id} の対応はいかがでしたか。',
  'rating.score': '評価',
  'rating.score.5': '5 — 大変満足',
  'rating.score.4': '4 — 満足',
  'rating.score.3': '3 — 普通',
  'rating.score.2': '2 — 不満',
  'rating.score.1': '1 — 大変不満',
  'rating.comment': 'コメント(任意)',
  'rating.submit': '送信',
  'rating.skip': 'スキップ',
  'rating.score_required': '1〜5 の評価を選んでください。',
  'rating.thanks': '評価をお寄せいただき、ありがとうございました。',
  'rating.already': 'この対応はすでに評価済みです。ありがとうございました。',
  'rating.not_resolved': 'この相談は現在解決済みではないため、評価できません。',
  'intake.filed_for_you':
    '<@{by}> さんが、あなたの投稿をもとに、kintoneにログインできないという相談 #{id} を代わりに管理者へ送りました。経過はこちら: {permalink}\nこれはあなたご自身の件でしょうか。ご本人の確認が取れるまで、管理者はあなたのアカウントを変更しません。',
  'intake.this_is_me': 'はい、私の件です',
  'intake.not_me': 'いいえ、私ではありません',
  'intake.confirmed':
    'ありがとうございます。相談 #{id} をあなたの相談として受け付けました。状況はこの DM でお知らせします。',
  'intake.nothing_to_confirm': 'この相談は代理で送られたものではないため、確認は不要です。',
  'intake.not_me_done': '承知しました。相談 #{id} を取り下げました。あなたのアカウントは何も変更していません。',
  'intake.filer_told_not_me':
    '<@{author}> さんから、相談 #{id} はご本人の件ではないとの回答があったため、取り下げました。',
  'action.not_admin': 'この操作ができるのは kintone-login の管理者だけです。',
  'action.not_allowed':
    '相談 #{id} は「{state}」のため、この操作はできません(すでにほかの人が操作した可能性があります)。',
  'action.not_found': '相談が見つかりませんでした。',
  'action.not_reporter': 'この操作ができるのは相談者だけです。',
  'action.not_live':
    '相談 #{id} は「{state}」のため、アカウントの操作はできません(未対応・対応中の相談だけが対象です)。何も変更していません。',
  'action.wrong_kind': '相談 #{id} で必要な操作は{needed}です({kind}ではありません)。何も変更していません。',
  'action.awaits_reporter':
    '相談 #{id} は <@{reporter}> さんの代わりに送られたもので、ご本人の確認がまだです。アカウントの操作はご本人の確認(DM でお願い済み)の後に行えます。何も変更していません。',
  'reassign.title': '担当を変える',
  'reassign.label': '新しい担当',
  'reassign.submit': '変更',
  'resolve.title': '解決にする',
  'resolve.note': 'メモ(任意、相談者に届きます)',
  'resolve.submit': '解決にする',
  'modal.cancel': 'キャンセル',
  'home.admin.title': '管理者メニュー',
  'home.admin.on_duty': 'あなたは現在 *当番中* です。',
  'home.admin.off_duty': 'あなたは現在 *当番ではありません*。',
  'home.admin.duty_on': '当番に入る',
  'home.admin.duty_off': '当番から外れる',
  'home.admin.shifts': '*あなたの当番(毎週、{zone})*\n{shifts}',
  'home.admin.no_shifts': '(未設定)',
  'home.admin.edit_shifts': '当番を編集',
  'home.admin.ask_cover': '当番の代わりを頼む',
  'home.admin.duty_group.ok': 'ユーザーグループ `@{handle}` には現在の当番が入っています: {who}',
  'home.admin.duty_group.disabled':
    '当番がいないため、ユーザーグループ `@{handle}` は無効にしています(Slack では空のグループを作れません)。当番が入ると有効に戻ります。',
  'home.admin.duty_group.pending': 'ユーザーグループ `@{handle}`: まだ確認していません。',
  'home.admin.duty_group.problem.missing_scope':
    ':warning: ユーザーグループ `@{handle}` を更新できません。アプリに `usergroups:read` / `usergroups:write` のスコープがありません。アプリの設定で追加し(または manifest.yml を貼り直し)、アプリを再インストールしてください。',
  'home.admin.duty_group.problem.restricted':
    ':warning: ユーザーグループ `@{handle}` を更新できません。このワークスペースではユーザーグループの作成・変更が制限されています(`{error}`)。ワークスペースのオーナーが「設定と権限」→「権限」→「ユーザーグループ」で許可するか、DUTY_USERGROUP_HANDLE を外してください。',
  'home.admin.duty_group.problem.paid_plan':
    ':warning: ユーザーグループ `@{handle}` を更新できません。ユーザーグループは Slack の有料プランの機能です(`{error}`)。DUTY_USERGROUP_HANDLE を外してください。',
  'home.admin.duty_group.problem.name_taken':
    ':warning: ユーザーグループ `@{handle}` を作成できません。名前またはハンドルがすでに使われています(`{error}`)。別の DUTY_USERGROUP_HANDLE を指定してください。',
  'home.admin.duty_group.problem.unavailable':
    ':warning: ユーザーグループ `@{handle}` を更新できませんでした(`{error}`)。数分後にもう一度試します。',
  'home.admin.edit_environment': 'cybozu.com の設定',
  'home.admin.login_message_tip':
    ':bulb: cybozu.com共通管理 → セキュリティ → ログイン の「ログイン失敗時に表示するメッセージ」に「ログインできないときは Slack で `/kintone-login`」と書いておくと、困った人がこのアプリにたどり着けます。書いたら「cybozu.com の設定」にも同じ文面を保存してください。',
  'home.admin.mine': '*あなたの担当で未解決の相談*(古い順)',
  'home.admin.queued': '*担当が決まっていない相談*(古い順)',
  'home.admin.self_service.on':
    '*セルフサービス*: 有効({remedies})。同じアカウントは {hours} 時間に 1 回、サインインは {minutes} 分以内。',
  'home.admin.self_service.off': '*セルフサービス*: 無効。「cybozu.com の設定」で操作ごとに有効にできます。',
  'home.admin.self_service.stop': 'セルフサービスを今すぐ停止',
  'home.admin.self_service.confirm_title': 'セルフサービスの停止',
  'home.admin.self_service.confirm_text':
    'すべてのセルフサービスを停止します。次のクリックから、従業員の相談はすべて管理者に届きます。',
  'home.admin.self_service.confirm_yes': '停止する',
  'home.admin.fixes': '*過去 30 日の解決の内訳*(最初の質問から解決までの時間の中央値)\n{lines}',
  'home.admin.action_failed': '　↳ :x: 直近の{kind}に失敗しました: {reason}',
  'home.admin.reason.no_licence':
    '空きライセンスがありません。退職した人などのkintoneの利用を外して席を空けるか、サイボウズドットコム ストアの管理者にユーザー数を追加購入してもらってください(詳細はスレッド)。',
  'home.admin.listen':
    '*相談用チャンネル*(kintoneにログインできないという投稿に、スレッドでトラブルシューターを案内します)\n{channels}',
  'home.admin.listen_on': '案内するチャンネルを追加…',
  'home.admin.listen_off': '停止',
  'home.my_reports': '*あなたの相談*',
  'home.none': '(なし)',
  'home.report_line': '• #{id} {leaf} — {state} · {created}',
  'shifts.title': '当番の編集',
  'shifts.label': '1行に1つ(例: 月-金 09:00-18:00 / Sat,Sun 10:00-15:00 / 祝日も働く場合は末尾に「祝日も」)',
  'shifts.save': '保存',
  'shifts.error': '{line}行目: {message}',
  'environment.title': 'cybozu.com の設定',
  'environment.save': '保存',
  'environment.intro':
    'cybozu.com共通管理 → セキュリティ → ログイン の設定と同じ内容にしてください。案内の文面、ロック解除の選択肢、一時パスワードの作り方がこの設定に従います。',
  'environment.lockout.label': 'アカウントのロックアウト',
  'environment.lockout.off': 'ロックアウトしない',
  'environment.lockout.timed': '一定時間後に解除する',
  'environment.lockout.never': '解除しない(管理者が解除する)',
  'environment.lockout_failures.label': 'ロックアウトまでのログイン失敗回数',
  'environment.lockout_minutes.label': 'ロックアウトを解除するまでの時間(分)',
  'environment.lockout_minutes.hint': '「一定時間後に解除する」のときだけ使います。',
  'environment.password_length.label': 'パスワードの最小文字数',
  'environment.password_kinds.label': 'パスワードに必要な文字の種類',
  'environment.kind.letters': '英字',
  'environment.kind.digits': '数字',
  'environment.kind.symbols': '記号',
  'environment.kind.mixed_case': '英大文字と英小文字',
  'environment.options.label': 'ユーザーのパスワード',
  'environment.option.not_login_name': 'ログイン名と同じパスワードを禁止する',
  'environment.option.users_change': 'パスワードの変更をユーザーに許可する',
  'environment.option.must_change': '管理者が設定した仮パスワードの変更をユーザーに要求する',
  'environment.option.self_reset': 'パスワードのリセットをユーザーに許可する(「ログインでお困りですか?」)',
  'environment.saml.label': 'SAML認証',
  'environment.saml.required': 'SAML認証を必須にする',
  'environment.saml.admin_password': '管理者はパスワードでもログインできる(?saml=off)',
  'environment.message.label': 'ログイン失敗時に表示するメッセージ',
  'environment.message.hint':
    'cybozu に設定している文面です。「ログインできないときは Slack で /kintone-login」と書いておくと、困った人がこのアプリにたどり着けます。',
  'environment.error.number': '{min}〜{max}の整数を入力してください。',
  'environment.error.minutes_needed': '「一定時間後に解除する」には時間(分)が必要です。',
  'environment.error.too_long': '{max}文字以内で入力してください。',
  'environment.error.lockout': '選択してください。',
  'environment.self_service.intro':
    '*セルフサービス*: シングルサインオンでその場で本人確認した従業員が、自分のアカウントのパスワードの再設定やロックの解除を管理者を待たずに行えます。管理者にはスレッドで報告されます。シングルサインオン(OIDC_*)と SECRET_ENCRYPTION_KEY が必要です。cybozu.com共通管理者のアカウントは対象外です。',
  'environment.self_service.label': 'セルフサービスで許可する操作',
  'environment.self_service.reset_password': '自分のパスワードの再設定',
  'environment.self_service.unlock': '自分のロックの解除',
  'environment.self_service.cooldown': '同じアカウントのセルフサービスの間隔(時間)',
  'environment.self_service.freshness': 'サインインの有効時間(分)',
  'environment.self_service.freshness_hint':
    'この時間内にシングルサインオンでパスワードを入力し直した場合だけ、セルフサービスを受け付けます。',
  'environment.summary.title':
    '*このアプリが保持している cybozu.com の設定*(App ホーム →「cybozu.com の設定」。cybozu.com共通管理 → セキュリティ → ログイン と同じにしてください)',
  'environment.summary.defaults':
    'まだ保存されていないため、cybozu.com の初期値(または環境変数 CYBOZU_* の値)を使っています。',
  'environment.summary.lockout_off': 'アカウントのロックアウト: なし',
  'environment.summary.lockout_timed': 'アカウントのロックアウト: {failures}回失敗でロック、{minutes}分後に解除',
  'environment.summary.lockout_never':
    'アカウントのロックアウト: {failures}回失敗でロック、時間では解除されない(管理者が新しいパスワードを設定)',
  'environment.summary.policy': 'パスワードポリシー: {length}文字以上・{kinds}{notLoginName}',
  'environment.summary.no_kinds': '文字の種類の指定なし',
  'environment.summary.not_login_name': '・ログイン名と同じパスワードは不可',
  'environment.summary.change': 'パスワードの変更をユーザーに許可する: {users} / 仮パスワードの変更を要求する: {must}',
  'environment.summary.self_reset': 'パスワードのリセットをユーザーに許可する(「ログインでお困りですか?」): {value}',
  'environment.summary.saml_off': 'SAML認証: 必須ではない',
  'environment.summary.saml_required': 'SAML認証: 必須(管理者のパスワードでのログイン ?saml=off: {admins})',
  'environment.summary.on': 'オン',
  'environment.summary.off': 'オフ',
  'action.kind.reset_password': 'パスワードの再設定',
  'action.kind.unlock': 'ロックの解除(新しいパスワードの設定)',
  'action.kind.resume': 'アカウントの再開(使用中に戻す)',
  'action.kind.assign_kintone': 'kintoneの割り当て',
  'action.kind.ask_to_wait': 'ロック解除を待つよう依頼',
  'action.kind.manual': '管理画面での対応',
  'button.reset_password': 'パスワードを再設定',
  'button.unlock': 'ロックを解除',
  'button.resume': 'アカウントを再開',
  'button.assign_kintone': 'kintoneを割り当て',
  'button.manual_done': '対応しました',
  'button.approve': '承認して実行',
  'button.reveal': 'パスワードを表示(1回だけ)',
  'manual.title': '*管理画面での対応手順*',
  'manual.no_directory': 'cybozu.com との連携が未設定のため、管理画面で対応してください: {adminUrl}',
  'manual.steps.reset_password':
    '1. cybozu.com共通管理 → 組織/ユーザー でユーザーを開く\n2. [パスワードの変更]で新しいパスワードを設定する\n3. 新しいパスワードを本人にだけ、チャンネル以外の方法で伝える',
  'manual.steps.unlock':
    '1. cybozu.com共通管理 → 組織/ユーザー でユーザーを開く\n2. 新しいパスワードを設定する(これがロックの解除になります)\n3. 新しいパスワードを本人にだけ伝える',
  'manual.password_fate.changed_at_login':
    '次回ログイン時に、cybozu が本人に新しいパスワードの設定を求めます(この環境の設定: パスワードの変更をユーザーに許可する・仮パスワードの変更を要求する)。',
  'manual.password_fate.change_yourself':
    'この環境では変更を求められません。ログイン後に、本人が右上のアカウント設定 → [パスワードの変更] から変更するよう伝えてください。',
  'manual.password_fate.permanent':
    ':warning: この環境ではユーザーがパスワードを変更できないため、設定したパスワードがそのまま使われ続けます。',
  'manual.steps.resume':
    '1. cybozu.com共通管理 → 組織/ユーザー でユーザーを開く\n2. 状態を「使用中」に変更する\n3. セキュアアクセスを使う場合、停止時に失効したクライアント証明書を再発行する\n(ライセンスに空きがないと再開できません。空きを作るか、サイボウズドットコム ストアの管理者にライセンスの追加を依頼する)',
  'manual.steps.assign_kintone':
    '1. cybozu.com共通管理 → 組織/ユーザー でユーザーを開く\n2. 「利用するサービス」で kintoneにチェックを入れて保存する\n(kintoneのライセンスに空きがないと割り当てられません。空きを作るか、サイボウズドットコム ストアの管理者にライセンスの追加を依頼する)',
  'manual.steps.disable_two_factor':
    '1. cybozu.com共通管理 → 組織/ユーザー でユーザーを開く\n2. 「2要素認証」を無効にして保存する(古い登録は削除されます)\n3. 本人に次回ログイン時の再登録を案内する',
  'manual.steps.reissue_certificate':
    '1. cybozu.com共通管理 → セキュアアクセス を開く\n2. ユーザーのクライアント証明書を発行する(紛失した端末の証明書は失効させる)\n3. 証明書のダウンロード方法を本人に案内する',
  'manual.steps.ip_allow_list':
    '1. cybozu.com共通管理 → アクセス制限 を開く\n2. 本人の接続元 IP アドレスが許可されているか確認する(変更できるのはサイボウズドットコム ストアの管理者か権限を持つcybozu.com共通管理者だけ)\n3. 社外からはセキュアアクセスか VPN の利用を案内する',
  'manual.steps.sso':
    '1. cybozu.com共通管理 → ログイン → SAML認証 の設定を確認する(エンティティ ID はサブドメインの URL)\n2. IdP の証明書の期限と時刻のずれを確認する\n3. 管理者は {loginUrl}?saml=off で SAML を回避してログインできる',
  'manual.steps.contract':
    '1. サイボウズドットコム ストアの管理者に、ストアで契約の状態を確認してもらう\n2. 更新後にログインできるか本人に確認する',
  'manual.steps.other':
    '1. スレッドの経緯と相談者の詳しい状況を確認する\n2. 必要なら cybozu.com共通管理 でユーザーの設定を確認する\n3. ログインの失敗は cybozu.com共通管理 → 監査ログ で確認できる(試したログイン名が記録され、ユーザー欄が `nobody` ならそのログイン名は存在しない)',
  'confirm.title': '操作の確認',
  'confirm.loading': 'アカウントを確認しています…',
  'confirm.submit': '実行する',
  'confirm.what.reset_password': '`{loginName}`({name})に新しい一時パスワードを設定します。',
  'confirm.what.unlock': '`{loginName}`({name})に新しい一時パスワードを設定して、ロックを解除します。',
  'confirm.what.resume': '`{loginName}`({name})を「停止中」から「使用中」に戻します。',
  'confirm.what.assign_kintone': '`{loginName}`({name})に kintoneを割り当てます(ほかのサービスはそのままです)。',
  'confirm.state': '現在の状態: {state}',
  'confirm.state.active': '使用中',
  'confirm.state.suspended': '停止中',
  'confirm.keeps_valid': 'アカウントの状態({state})は変わりません。',
  'confirm.password_delivery':
    'パスワードはあなたには表示されません。相談者にだけ DM で届き、1回表示すると消えます({minutes}分で期限切れ)。',
  'confirm.certificates': 'セキュアアクセスを使っている場合、停止時に失効したクライアント証明書の再発行が必要です。',
  'confirm.identity_ok': '本人確認: 相談者の Slack のメールアドレスがアカウントのメールアドレスと一致しています。',
  'confirm.identity_warning':
    ':warning: 本人確認: 相談者の Slack のメールアドレスがアカウントのメールアドレスと一致せず、シングルサインオンでの確認もありません。別の方法で本人であることを確認してください。',
  'confirm.identity_checkbox': '別の方法(電話・対面など)で本人であることを確認しました',
  'confirm.identity_required': '本人確認のチェックが必要です。',
  'confirm.admin_target': ':warning: これは管理者のアカウントです。実行にはもう1人の管理者の承認が必要です。',
  'confirm.wait_choice': '時間で解除されるロックなら、待ってもらうだけで解決します(既定では{minutes}分)。',
  'confirm.wait_option': '{minutes}分待ってから再度ログインするよう依頼する',
  'confirm.password_fate.changed_at_login': 'cybozu は次回ログイン時に新しいパスワードの設定を求めます。',
  'confirm.password_fate.change_yourself':
    'この環境では cybozu は変更を求めません。相談者には、ログイン後に自分で変更する方法を伝えます。',
  'confirm.password_fate.permanent':
    ':warning: この環境ではユーザーがパスワードを変更できないため、この一時パスワードがそのまま使われ続けます。',
  'confirm.no_timed_unlock':
    'この環境のロックは時間では解除されません(解除しない)。新しいパスワードを設定するとロックが解除されます。',
  'confirm.reset_option': '新しいパスワードを設定してすぐに解除する',
  'confirm.choice_label': '対応',
  'confirm.nothing.resume': '`{loginName}` はすでに「使用中」です。再開の必要はありません。',
  'confirm.nothing.assign_kintone': '`{loginName}` にはすでに kintoneが割り当てられています。',
  'confirm.not_found':
    'ログイン名 `{loginName}` のアカウントが cybozu.com に見つかりません。相談者にログイン名を確認してください。',
  'confirm.secret_key_missing':
    '一時パスワードを安全に届けるための SECRET_ENCRYPTION_KEY が設定されていないため、この操作はできません。',
  'confirm.changed': 'アカウントの状態が確認時から変わりました。もう一度ボタンを押してください。',
  'confirm.emails': '相談者の Slack のメールアドレス: {slackEmail}\nアカウントのメールアドレス: {accountEmail}',
  'confirm.resume_caution':
    'アカウントは意図して停止されていることがよくあります(退職・パスワードの漏えいなど)。依頼しているのが本人で、再開してよいことを確かめてください。',
  'confirm.gone': 'この確認画面は無効になりました。相談のスレッドのボタンをもう一度押してください。',
  'confirm.saml.reset_does_not_help':
    ':warning: この環境ではSAML認証が必須です。利用者は会社の認証画面(IdP)からログインするため、cybozu.comのパスワードを新しくしてもログインできるようにはなりません(必要なのはIdPのパスワードの再設定です)。',
  'confirm.saml.fallback_admins':
    'cybozu.comのパスワードを使うのは、SAML認証を使わないログイン画面({loginUrl}?saml=off)からログインするcybozu.com共通管理者だけです。',
  'confirm.saml.fallback_admin_target':
    'このアカウントはcybozu.com共通管理者のため、新しいパスワードでSAML認証を使わないログイン画面({loginUrl}?saml=off)からログインできます。',
  'confirm.saml.no_fallback':
    '管理者のパスワードでのログインも無効のため、SAML認証が必須の間はcybozu.comのパスワードでログインする人はいません。',
  'action.busy': '相談 #{id} ではほかの操作({kind})が実行中か承認待ちです。',
  'thread.action.needs_approval':
    '<@{by}> さんが管理者アカウント `{loginName}` の{kind}を求めています。ほかの管理者の承認が必要です。',
  'thread.action.succeeded': '<@{by}> さんが `{loginName}` の{kind}を実行しました。{extra}',
  'thread.action.succeeded.password': '一時パスワードは相談者に DM で届きます(このスレッドには表示しません)。',
  'thread.action.succeeded.resume': 'セキュアアクセスを使う場合は、クライアント証明書の再発行を忘れずに。',
  'thread.action.failed': ':x: `{loginName}` の{kind}に失敗しました: {error} もう一度実行できます。',
  'thread.action.failed_policy':
    ':x: `{loginName}` の{kind}を cybozu.com が受け付けませんでした。cybozu のメッセージ: {messages}\nこのアプリの「cybozu.com の設定」(App ホーム)のパスワードポリシーを cybozu.com共通管理の設定に合わせるまで、再実行しても解決しません。',
  'thread.action.failed_no_licence':
    ':x: 空きライセンスがないため、cybozu.com が `{loginName}` の{kind}を受け付けませんでした。\nライセンスはユーザー数(席)単位で購入します。サービスを利用する使用中のユーザーが1人1席を使い、停止中のユーザーは数えません。使用を再開するとそのユーザーが利用するサービスの席を、kintoneを割り当てるとkintoneの席を1つ使います。\n席を空けるには、cybozu.com共通管理 → 組織/ユーザーで、退職した人などのkintoneの利用を外してください(使用停止にしても席は空きます)。足りない場合は、サイボウズドットコム ストアの管理者がサイボウズドットコム ストアでユーザー数を追加購入します。席が空くまでは、再実行しても解決しません。',
  'thread.action.cybozu_said': 'cybozu のメッセージ: {messages}',
  'thread.action.failed_fix_first':
    ':x: `{loginName}` の{kind}に失敗しました: {error} この問題を直すまでは、再実行しても解決しません。',
  'thread.action.succeeded.password_permanent':
    ':warning: この環境ではユーザーがパスワードを変更できないため、この一時パスワードがそのまま使われ続けます。',
  'thread.self_service.started':
    '*セルフサービス*: <@{by}> さんが {at} にシングルサインオンでサインインし直し、自分のアカウント `{loginName}` の{kind}を行います。本人確認: 発行者 {issuer}、サブジェクト {subject}。確認済み: サインインのメールアドレス = Slack = cybozu.com のメールアドレス、使用中、cybozu.com共通管理者ではない、過去 {hours} 時間にセルフサービスなし。本人から「解決しない」と返事があった場合だけ、管理者の対応が必要です。',
  'thread.self_service.handed_over': 'セルフサービスの{kind}が完了しなかったため、この相談は管理者の対応が必要です。',
  'thread.action.unknown':
    ':warning: `{loginName}` の{kind}の結果が分かりません(cybozu.com の応答がないまま中断しました)。`/kintone-login diagnose {loginName}` で状態を確認し、必要ならもう一度実行してください。',
  'thread.action.recorded': '<@{by}> さんが「{kind}」を記録しました。',
  'thread.action.approved_by': '(承認: <@{approver}> さん)',
  'thread.action.approval_expired':
    ':hourglass: <@{by}> さんが依頼した `{loginName}` の{kind}は、{minutes}分以内に承認されなかったため期限切れになりました。何も実行していません。まだ必要なら、もう一度ボタンを押してください。',
  'thread.action.approval_cancelled':
    ':no_entry_sign: <@{by}> さんが依頼した `{loginName}` の{kind}は、{reason}、取り消しました。何も実行していません。',
  'approval.expired':
    'この承認依頼は期限({minutes}分)が切れたため、取り消しました。何も実行していません。必要なら依頼した管理者にもう一度実行してもらってください。',
  'approval.cancelled':
    '{reason}、この依頼を取り消しました。何も実行していません。まだ必要なら、スレッドのボタンからもう一度実行してください。',
  'approval.already': 'この依頼はすでに承認されています。結果はスレッドをご覧ください。',
  'approval.same_admin': 'この依頼はあなたが出したものです。ほかの管理者の承認が必要です。',
  'approval.reason.report_resolved': '相談が解決済みになったため',
  'approval.reason.report_cancelled': '相談者が相談を取り下げたため',
  'approval.reason.account_changed': 'アカウントが変更されたか、見つからなくなったため',
  'approval.reason.identity_lost': '相談者の本人確認がアカウントと一致しなくなったため(メールアドレスの変更など)',
  'approval.reason.nothing_to_do': 'アカウントに対して行うことがなくなったため',
  'dm.password_ready':
    '管理者がアカウント `{loginName}` に一時パスワードを設定しました。下のボタンで1回だけ表示できます({expires} まで)。ログインすると cybozu から新しいパスワードの設定を求められます。',
  'dm.password_ready.change_yourself':
    '管理者がアカウント `{loginName}` に一時パスワードを設定しました。下のボタンで1回だけ表示できます({expires} まで)。この環境では変更を求められないため、ログイン後に右上のアカウント設定 → [パスワードの変更] から、ご自身で新しいパスワードに変更してください。',
  'dm.password_ready.permanent':
    '管理者がアカウント `{loginName}` にパスワードを設定しました。下のボタンで1回だけ表示できます({expires} まで)。他の人に知られないよう保管してください。',
  'dm.action_done.resume': 'アカウント `{loginName}` を使用中に戻しました。ログインをもう一度お試しください。',
  'dm.action_done.assign_kintone':
    'アカウント `{loginName}` に kintoneを割り当てました。ログインし直すと kintoneが表示されます。',
  'dm.action_done.ask_to_wait':
    'ロックは時間がたつと解除されます。{minutes}分ほど待ってから、もう一度ログインしてください(Caps Lock・全角入力にご注意ください)。',
  'dm.action_done.manual': '管理者が対応しました: {kind}。もう一度ログインをお試しください。',
  'reveal.title': '一時パスワード',
  'reveal.body':
    'ログイン名 `{loginName}` の一時パスワード:\n\n*`{password}`*\n\nこの画面を閉じると二度と表示できません。ログイン後、新しいパスワードを設定してください。',
  'reveal.expired': 'このパスワードは期限が切れたため削除されました。管理者にもう一度依頼してください。',
  'reveal.already': 'このパスワードはすでに表示されたため削除されました。',
  'reveal.not_yours': 'このボタンはあなた宛てではありません。',
  'usage.verify': '`/kintone-login verify` — 会社のシングルサインオンで本人確認します',
  'verify.not_configured': 'シングルサインオン(OIDC)は設定されていません。',
  'verify.link': '次のボタンから会社のアカウントでサインインしてください。リンクは {minutes} 分間・1回だけ有効です。',
  'verify.button': 'SSO で本人確認',
  'verify.unavailable': 'シングルサインオンのサーバーに接続できませんでした。しばらくしてからもう一度お試しください。',
  'verify.done_dm': 'シングルサインオンで本人確認が済みました({email})。',
  'verify.title': '本人確認',
  'identity.sso': '本人確認: シングルサインオン(メール一致)',
  'identity.email_match': '本人確認: Slack のメールアドレスが一致',
  'identity.admin_confirmed': '本人確認: 管理者が別の方法で確認',
  'identity.self_service': '本人確認: アカウントの本人がその場でシングルサインオン(セルフサービス)',
  'confirm.identity_sso':
    '本人確認: 相談者はシングルサインオンで確認済みで、メールアドレスがアカウントと一致しています。',
  'confirm.step_up':
    'アカウントの操作には、{hours} 時間以内に会社のシングルサインオンで管理者グループ({group})の確認が必要です。下のボタンで確認してから、もう一度操作してください。',
  'dm.report_received':
    '相談 #{id} を受け付け、管理者に届けました。対応の状況はこちらのスレッドで確認できます: {permalink}\n進展があればこの DM でお知らせします。',
} as const;
