import type { ja } from './ja.js';

/** English catalogue: same keys as ja.ts (the type makes a missing key a compile error too). */
export const en: Record<keyof typeof ja, string> = {
  'usage.title': '*How to use /kintone-login*',
  'usage.report': '`/kintone-login` or `/kintone-login report` — get help when you cannot log in to kintone',
  'usage.diagnose':
    '`/kintone-login diagnose` — check the cybozu.com environment and your own account (admins: `diagnose <login name>` / `diagnose @user` for someone else)',
  'diag.checking': 'Checking cybozu.com…',
  'diag.throttled':
    '`diagnose` can be run {count} times a minute (so cybozu.com is not asked too often). Please try again in about {seconds} seconds.',
  'diag.title': '*kintone login check*',
  'diag.not_configured':
    'This Slack app is not connected to cybozu.com (CYBOZU_BASE_URL), so accounts cannot be checked automatically. An administrator can check in cybozu.com common administration → Departments & Users:\n1. Search for the user by login name\n2. If the status is "Suspended", set it back to "Active"\n3. Check that kintone is ticked under the services the user may use\n4. Check that an e-mail address is set and not shared with another user (needed to reset one\'s own password)',
  'diag.env.title': '*Environment* ({url})',
  'diag.env.base_url': 'Connection to cybozu.com',
  'diag.env.tls': 'TLS certificate',
  'diag.env.login_page': 'Login page',
  'diag.env.api_auth': 'User API credentials',
  'diag.verdict.ok': 'OK',
  'diag.verdict.fail': 'failed',
  'diag.verdict.skipped': 'not checked',
  'diag.env.all_ok': 'cybozu.com is reachable and working.',
  'diag.env.some_failed':
    'There is a problem reaching cybozu.com. Check your office network or VPN, and tell an administrator if it continues.',
  'diag.account.title_self': '*Your account*',
  'diag.account.title_other': '*Account of {who}*',
  'diag.account.login_name': 'Login name: `{loginName}` ({name})',
  'diag.account.no_email': 'Your Slack profile has no e-mail address, so your cybozu.com account could not be found.',
  'diag.account.no_account_for_email':
    'No cybozu.com account is registered with your Slack e-mail address ({email}). Your account may use another address, or you may not have one. Ask an administrator with `/kintone-login`.',
  'diag.account.shared_note': '{count} accounts use this e-mail address.',
  'diag.finding.not_found':
    'There is no account with this login name. It may be mistyped, or the login name may be different; an administrator can look it up by e-mail or name.',
  'diag.finding.active': 'Status: Active',
  'diag.finding.suspended':
    'Status: *Suspended* — a suspended account cannot log in. An administrator must set it back to Active; ask with `/kintone-login`.',
  'diag.finding.kintone_assigned': 'kintone: available',
  'diag.finding.kintone_missing':
    'kintone: *not assigned* — you can log in but kintone will not be listed. An administrator must assign the kintone service.',
  'diag.finding.email_ok':
    'E-mail: registered — if you forget your password, reset it yourself from "Having trouble logging in?" on {loginUrl}.',
  'diag.finding.email_missing':
    'E-mail: *not registered* — you cannot reset your password yourself. If you forget it, ask an administrator to set a new one.',
  'diag.finding.email_shared':
    'E-mail: *shared with another account* — you cannot reset your password yourself. If you forget it, ask an administrator to set a new one.',
  'diag.finding.self_reset_disabled':
    'Self-service password reset: *off* — ask an administrator to set a new password.',
  'diag.finding.saml_required':
    'Sign-in: SAML authentication (your company sign-in, the IdP) is required — your password is that sign-in’s, so resetting the cybozu.com password does not help. If you forgot it, follow your company’s procedure or contact whoever runs it (usually IT).',
  'diag.account.all_ok':
    'No problem found with the account. If you still cannot log in, check the login name and password on {loginUrl} (Caps Lock, full-width input, spaces before or after).',
  'diag.account.has_problems': 'To ask an administrator for help, start with `/kintone-login`.',
  'diag.refused_other':
    "Only administrators can check someone else's account. Check your own with `/kintone-login diagnose`.",
  'diag.bad_target': '"{text}" contains characters a login name cannot have.',
  'diag.error.auth':
    "cybozu.com did not accept the bot's credentials. Administrators: check CYBOZU_API_TOKEN (or CYBOZU_LOGIN / CYBOZU_PASSWORD).",
  'diag.error.missing_auth':
    'The request to cybozu.com carried no credentials. Administrators: check the configuration.',
  'diag.error.forbidden':
    'The bot\'s API token scope is too small (administrator accounts need the "Dangerous Zone" scope).',
  'diag.error.ip_restricted':
    "cybozu.com's IP address restriction refused the bot. Administrators: allow the address of the bot's server.",
  'diag.error.timeout': 'cybozu.com did not answer within {seconds} seconds. Please try again in a moment.',
  'diag.error.unavailable': 'cybozu.com could not be reached. Please try again in a moment.',
  'diag.error.validation': 'cybozu.com rejected the request (validation error).',
  'diag.error.not_configured': 'The cybozu.com connection is not configured correctly.',
  'diag.error.user_not_found': 'The account was not found.',
  'diag.error.unexpected': 'cybozu.com gave an unexpected answer.',
  'diag.error.id': 'cybozu error ID: `{id}` (quote it to cybozu support)',
  'diag.error.two_factor':
    'cybozu.com refused password authentication because the CYBOZU_LOGIN account has two-factor authentication on. Administrators: configure a cybozu.com common administrator account without two-factor authentication, or switch to an API token (CYBOZU_API_TOKEN).',
  'diag.error.forbidden_token':
    'cybozu.com refused the change because the bot\'s API token lacks the scope (no privilege). Administrators: issue an API token with the "Read and Write" scope ("Dangerous Zone" to change members of the Administrators group) and set it as CYBOZU_API_TOKEN.',
  'diag.error.forbidden_password':
    "cybozu.com refused the change because the CYBOZU_LOGIN account is not a cybozu.com common administrator (no privilege). Administrators: add this account to the Administrators group, or configure a common administrator's account.",
  'diag.error.no_licence':
    'cybozu.com has no free licence (seat), so the change was refused. Licences are bought per user (seat): every Active user of a service takes one seat (Suspended users take none). To free a seat, remove kintone from someone who has left, or ask the cybozu.com Store administrator to buy more users.',
  'diag.write.title': '*Changing users (password resets, resuming accounts…)*',
  'diag.write.administrator': 'OK — CYBOZU_LOGIN (`{login}`) is a cybozu.com common administrator.',
  'diag.write.not_administrator':
    "⚠ CYBOZU_LOGIN (`{login}`) is not a cybozu.com common administrator (not in the Administrators group). Every password reset or resume will be refused. Administrators: add this account to the Administrators group, or set a common administrator's account in CYBOZU_LOGIN / CYBOZU_PASSWORD.",
  'diag.write.scope_unknown':
    'An API token\'s scope cannot be read through the API. Resetting passwords and resuming accounts need the "Read and Write" scope; changing members of the Administrators group needs "Dangerous Zone".',
  'diag.write.refused':
    '⚠ On {time} cybozu.com refused to change a user (CB_NO02, no privilege). {fix} This warning stays until a change succeeds.',
  'diag.write.unknown': 'Could not be checked ({problem}).',
  'usage.status': '`/kintone-login status` — your reports and their state',
  'usage.oncall': '`/kintone-login oncall` — who is on duty now, and next',
  'usage.duty':
    '`/kintone-login duty on` / `duty off` — take or leave duty (admins; `duty on 18:00` until a time; `duty cover @admin YYYY-MM-DD HH:MM YYYY-MM-DD HH:MM` to be covered; `duty away YYYY-MM-DD`)',
  'usage.admins': '`/kintone-login admins` — the administrators (admins: `admins add @user` / `admins remove @user`)',
  'status.none': 'You have no reports.',
  'status.title': '*Your reports*',
  'status.line': '• #{id} {leaf} — {state} ({created})',
  'oncall.now': '*On duty now*: {who}',
  'oncall.nobody': '*Nobody is on duty right now.*',
  'oncall.next': '*Next*: {who} (from {at})',
  'oncall.no_next': 'No shifts in the next three weeks.',
  'daily.title': '*Duty today* ({date})',
  'daily.on_duty_now': '*On duty now*: {who}',
  'daily.nobody_now': '*Nobody is on duty right now.*',
  'daily.later': '• {who} from {at}',
  'daily.reports_title': '*Open and queued reports* (oldest first)',
  'daily.report_line': '• {link} login name `{loginName}` — {who} (since {created})',
  'daily.report.assigned': 'waiting for {who}',
  'daily.report.in_progress': '{who} is on it',
  'daily.report.queued': 'nobody assigned yet',
  'daily.more': '…and {count} more (see App Home).',
  'daily.no_reports': 'No open or queued reports.',
  'duty.on': 'You are on duty. {until}',
  'duty.on.until': 'Until {at}.',
  'duty.off': 'You are off duty.',
  'duty.bad_time': '"{text}" is not a time I can read (e.g. `duty on 18:00`).',
  'duty.usage': 'Type `/kintone-login duty on` or `/kintone-login duty off`.',
  'duty.cover.usage':
    'Type `/kintone-login duty cover @admin YYYY-MM-DD HH:MM YYYY-MM-DD HH:MM` (from, to; in {zone}).',
  'duty.cover.done': '<@{who}> covers for you from {from} to {to}. They have been told and can decline.',
  'duty.cover.dm':
    '<@{by}> asked you to cover their duty from {from} to {to}: you are on duty then, and reports go to you. If you cannot, decline.',
  'duty.cover.decline': 'Decline',
  'duty.cover.declined': 'You declined: you are not covering from {from} to {to}. <@{by}> has been told.',
  'duty.cover.declined_dm':
    '<@{who}> cannot cover for you from {from} to {to}: the cover is cancelled and your usual duty applies. Please ask someone else.',
  'duty.cover.decline_refused': 'This cover cannot be declined any more (it is over, already declined, or not yours).',
  'duty.cover.refused.requester_not_admin': 'Only admins can ask for cover.',
  'duty.cover.refused.cover_not_admin': 'The person asked to cover must be an admin (`/kintone-login admins`).',
  'duty.cover.refused.self': 'You cannot cover for yourself: choose another admin.',
  'duty.cover.refused.bad_range': 'The end must come after the start.',
  'duty.cover.refused.in_past': 'That time has already passed.',
  'duty.cover.refused.too_long': 'A cover can last at most 31 days; for longer, change the shifts.',
  'duty.cover.title': 'Ask for cover',
  'duty.cover.submit': 'Ask',
  'duty.cover.who': 'Admin who covers for you',
  'duty.cover.from': 'From (YYYY-MM-DD HH:MM, {zone})',
  'duty.cover.to': 'To (YYYY-MM-DD HH:MM, {zone})',
  'duty.cover.bad_time': 'Write it as YYYY-MM-DD HH:MM, e.g. 2026-12-01 09:00.',
  'duty.away.usage':
    'Type `/kintone-login duty away YYYY-MM-DD` (away until the end of that day; `duty on` ends it early).',
  'duty.away.bad_date': 'Choose a date from today up to {days} days ahead.',
  'duty.away.done':
    'You are away until {until}: no reports are routed to you, whatever your shifts say. `duty on` ends it early.',
  'admins.only': 'Only administrators can do this.',
  'admins.list': '*Administrators* ({count}): {who}',
  'admins.added': '<@{who}> is now an administrator.',
  'admins.already': '<@{who}> is already an administrator.',
  'admins.removed': '<@{who}> is no longer an administrator.',
  'admins.not_admin': '<@{who}> is not an administrator.',
  'admins.last': 'The last administrator cannot be removed. Add another administrator first.',
  'admins.usage': 'Mention the person: `/kintone-login admins add @user` or `admins remove @user`.',
  'usage.help': '`/kintone-login help` — show this help',
  'usage.unknown': 'I did not understand "{text}".',
  'usage.aliases':
    '*Japanese words work too* (separate words with a half- or full-width space, or write them together; e.g. `/kintone-login 当番 オン 18:00`)',

  'error.generic':
    'Something went wrong on our side. Please try again in a moment, and tell an administrator if it keeps happening.',
  'error.storage':
    'Your report could not be saved just now (a storage problem on the server). Keep this form open and press Send again in a few minutes.',
  'error.modal_unavailable':
    'The form could not be opened (Slack did not answer in time). Please run `/kintone-login` again.',

  'modal.login_name.label': 'Login name',
  'modal.login_name.placeholder': 'e.g. taro.yamada or taro.yamada@example.com',
  'modal.login_name.hint': 'The name you type when you log in to kintone (cybozu.com). Never write your password here.',
  'modal.details.label': 'Details (optional)',
  'modal.details.placeholder': 'The message you see, since when, which device… Never write your password here.',
  'modal.error.login_name_empty': 'Please enter your login name.',
  'modal.error.login_name_too_long': 'A login name has at most 128 characters.',
  'modal.error.login_name_chars': 'A login name cannot contain: \\ [ ] " : ; < > , /',
  'modal.error.login_name_spaces': 'A login name cannot start or end with a space.',
  'modal.error.details_too_long': 'Please keep the details under 2000 characters.',

  'report.root.title': 'kintone login report #{id}',
  'report.root.fallback': 'kintone login report #{id}: {loginName} ({reporter})',
  'report.field.reporter': 'Reporter',
  'report.field.login_name': 'Login name',
  'report.field.details': 'Details',
  'report.field.created_at': 'Received',
  'report.field.id': 'Report',
  'report.field.state': 'State',
  'report.details.none': '(none)',
  'report.state.open': 'Open',
  'report.state.acknowledged': 'In progress',
  'report.state.resolved': 'Resolved',
  'report.state.cancelled': 'Withdrawn',

  'home.title': 'kintone login help',
  'home.intro':
    'Cannot log in to kintone (cybozu.com)? Start here. We pass your report to an administrator and keep you posted by DM.',
  'home.start': 'Get help',
  'home.tips':
    '*Common causes*\n• Caps Lock or full-width input is on\n• Spaces pasted before or after the password\n• Ten wrong attempts in a row lock the account for a while (3 minutes by default)',
  'home.command_hint': 'You can also type `/kintone-login` anywhere in Slack.',

  'tree.title': 'kintone login help',
  'tree.back': '← Back',
  'tree.fixed': 'That fixed it',
  'tree.stuck': 'Still stuck',
  'tree.send': 'Send to an admin',
  'tree.close': 'Close',
  'tree.steps': '*Try this*',
  'tree.next_steps': '*What happens next*',
  'tree.report_intro': 'We will send this to an administrator. Check your login name and press "Send to an admin".',
  'tree.done_fixed': 'Glad that worked! Run `/kintone-login` any time you need help again.',
  'tree.done_reported': 'Report #{id} has been sent to the administrators. I will keep you posted by DM.',
  'intake.done_filed_for':
    'Report #{id} has been sent to the administrators on behalf of <@{author}>. They will get the messages about it by DM and are asked to confirm it is about them; nothing is changed on their account before that.',
  'intake.walking_for':
    'You are reporting for <@{author}>: their account and limits count, and they will be asked to confirm.',
  'intake.for_whom': 'Who cannot log in to kintone? The message is from <@{author}>.',
  'intake.for_me': 'Me',
  'intake.for_author': "The message's author",
  'tree.expired': 'This form is out of date. Please run `/kintone-login` again.',
  'tree.refused.walk_unknown':
    'This form was not opened for you by the troubleshooter, so nothing was sent. Please run `/kintone-login` to start again.',
  'tree.refused.walk_finished':
    'This troubleshooter session has already ended, so nothing was sent. Please run `/kintone-login` to start again.',
  'tree.refused.too_many_open':
    'You already have {count} reports waiting for an administrator (the most one person can have open at once), so this one was not sent. Please send it again once one of them is resolved.\n{lines}\n`/kintone-login status` also lists your reports.',
  'tree.refused.too_many_per_hour':
    'You have sent {count} reports within the last hour (the most allowed per hour), so this one was not sent. Please send it again from {at}.{open}\n`/kintone-login status` also lists your reports.',
  'tree.refused.open_title': '\nYour reports waiting for an administrator:\n{lines}',
  'tree.refused.line': '• {ref} {leaf} — {state} ({created})',
  'tree.self_service.offer':
    'You can also fix this yourself now: sign in again with your company account (single sign-on) and get a temporary password at once; the administrators are told afterwards. To leave it to an administrator, press "Send to an admin".',
  'tree.self_service.button.reset_password': 'Reset it myself now',
  'tree.self_service.button.unlock': 'Unlock it myself now',
  'tree.self_service.sign_in':
    'Sign in with your company account using the button below within {minutes} minutes; you will be asked for your password. Then come back to Slack: the temporary password waits in your DM, to be shown once.',
  'tree.self_service.sign_in_button': 'Sign in and continue',
  'tree.self_service.refused':
    'Self-service is not possible: {reason} Press "Send to an admin" and an administrator will help.',
  'tree.self_service.done':
    'A temporary password was set for `{loginName}`. Show it once with the button in your DM. Report #{id} keeps the record for the administrators.',
  'self_service.refused_dm':
    'The self-service {kind} of `{loginName}` did not go ahead: {reason} Nothing was changed. To ask an administrator, press "Send to an admin" in the form, or run `/kintone-login` again.',
  'self_service.handed_over_dm':
    'The {kind} of `{loginName}` could not be completed, so report #{id} went to an administrator. I will keep you posted by DM.',
  'self_service.page.done_title': 'A temporary password was set',
  'self_service.page.done_body':
    'Go back to Slack and show the temporary password once with the button in your DM. You can close this tab.',
  'self_service.page.refused_title': 'Self-service did not go ahead',
  'self_service.page.refused_body':
    'Nothing was changed. Go back to Slack and press "Send to an admin" to ask an administrator.',
  'self_service.page.handed_over_title': 'Handed to an administrator',
  'self_service.page.handed_over_body':
    'The password could not be set, so the report went to an administrator. You will hear back by Slack DM.',
  'self_service.reason.setting_off': 'self-service is switched off for this.',
  'self_service.reason.not_configured':
    'this app lacks what self-service needs (single sign-on, the cybozu.com connection, the encryption key).',
  'self_service.reason.sso_unavailable': 'the single sign-on server could not be reached.',
  'self_service.reason.no_slack_email': 'your Slack profile has no e-mail address.',
  'self_service.reason.login_name_needed': 'please enter your login name first.',
  'self_service.reason.account_not_found': 'there is no account with this login name.',
  'self_service.reason.email_mismatch': "the account's e-mail address is not your Slack e-mail address.",
  'self_service.reason.suspended': 'the account is suspended; only an administrator can make it active again.',
  'self_service.reason.administrator': 'accounts of cybozu.com administrators are never fixed by self-service.',
  'self_service.reason.cooldown':
    'this account was fixed by self-service recently; another fix needs an administrator.',
  'self_service.reason.rate_limited': 'you have tried too often in a short time.',
  'self_service.reason.too_many_open': 'you already have the most reports waiting for an administrator.',
  'self_service.reason.walk_finished': 'this troubleshooter session has already ended.',
  'self_service.reason.directory_unavailable': 'cybozu.com could not be reached to check the account.',
  'self_service.reason.sign_in_mismatch': 'the company account that signed in is not the one of this Slack account.',
  'self_service.reason.stale_sign_in': 'the sign-in was not a fresh one (your password must be entered again).',
  'self_service.reason.sign_in_failed': 'the single sign-on did not complete.',
  'self_service.reason.expired': 'the sign-in link expired.',
  'self_service.reason.reused': 'this sign-in link was already used.',
  'self_service.reason.slack_unavailable': 'Slack could not be reached to check your account.',
  'remedy.reset_password': 'Set a new password',
  'remedy.unlock': 'Unlock (set a new password)',
  'remedy.resume': 'Resume the account (Suspended → Active)',
  'remedy.assign_kintone': 'Assign kintone',
  'remedy.disable_two_factor': 'Turn off two-factor authentication',
  'remedy.reissue_certificate': 'Reissue the client certificate',
  'remedy.ip_allow_list': 'Check the IP address restriction',
  'remedy.sso': 'Check single sign-on (SAML)',
  'remedy.contract': 'Check the contract (cybozu.com Store administrator)',
  'remedy.other': 'Other (needs a look)',
  'fact.account_exists': 'Account',
  'fact.account_active': 'Active',
  'fact.kintone_assigned': 'kintone assigned',
  'fact.email_usable_for_reset': 'Self-service reset by e-mail possible',
  'fact.yes': 'yes',
  'fact.no': 'no',
  'report.field.leaf': 'Situation',
  'report.field.remedy': 'Needed',
  'report.field.path': 'Answers given',
  'report.field.facts': 'From cybozu.com',
  'report.path.auto': '(automatic)',
  'report.path.none': '(no questions)',
  'usage.stats': '`/kintone-login stats` — the last 30 days in figures (admins)',
  'stats.title': '*kintone login help, last 30 days*',
  'stats.walks':
    'Troubleshooter runs: {walks} (self-resolved {selfResolved} = {share}, sent to admins {reported}, abandoned {abandoned}, in progress {inProgress})',
  'stats.by_remedy': '*Reports by remedy*',
  'stats.top_leaves': '*Most common situations*',
  'stats.none': '(none)',
  'stats.admins_only': 'Only administrators can see the figures.',
  'stats.fixes.title': '*Fixes by remedy* (median time from the first question to fixed)',
  'stats.fixes.line':
    '• {remedy}: self-service {selfService} ({selfServiceMedian}) · admins {admin} ({adminMedian}) · self-help {selfHelp} ({selfHelpMedian}) · reports {reports}',
  'usage.listen':
    '`/kintone-login listen on` / `listen off` — in a help channel: offer the troubleshooter under messages about not getting into kintone (admins; `listen` lists the channels)',
  'listen.on':
    'Done: in <#{channel}>, a message about not being able to log in to kintone now gets one threaded reply offering the troubleshooter (at most once per person per day).',
  'listen.already_on': 'Help-channel answers are already on in <#{channel}>.',
  'listen.off': 'Done: help-channel answers are off in <#{channel}>.',
  'listen.already_off': 'Help-channel answers were not on in <#{channel}>.',
  'listen.not_member':
    'I am not a member of <#{channel}>, so I cannot see its messages. Invite me there first (type `/invite @kintone-login` in the channel), then run `/kintone-login listen on` there again. Nothing was switched on.',
  'listen.check_failed':
    'I could not check whether I am a member of <#{channel}> (Slack did not answer). Nothing was switched on; please try again in a moment.',
  'listen.not_a_channel': 'Run this in the public or private channel you want it for (not in a DM).',
  'listen.checking': 'Checking that I am a member of this channel…',
  'listen.usage': 'Type `/kintone-login listen on` or `/kintone-login listen off` in the help channel.',
  'listen.status': 'Help-channel answers in this channel: {here}\nOn in: {channels}',
  'listen.status.here_on': 'on',
  'listen.status.here_off': 'off',
  'listen.reply':
    '<@{user}>, are you having trouble logging in to kintone? The troubleshooter walks you through it step by step, and if it cannot be solved there, your request goes straight to the administrators.',
  'listen.open': 'Start the troubleshooter',
  'listen.not_this': 'Not this',
  'listen.dismissed': 'Understood. Use `/kintone-login` whenever you need help logging in to kintone.',
  'listen.not_yours': 'Only the person this was meant for (or an administrator) can dismiss it.',
  'rating.summary.title': "*Did it work? (reporters' ratings, last 30 days)*",
  'rating.summary.none': '(no ratings yet)',
  'rating.summary.figures': 'Median {median} / 5 from {count} ratings',
  'rating.summary.comment': '• {score}/5 · #{id} · {at}: {comment}',
  'report.field.assignee': 'Assignee',
  'report.assignee.none': '(unassigned — no admin on duty)',
  'report.age': 'age {age}',
  'report.escalated_all': 'all admins notified',
  'report.self_service_fixed': 'fixed by self-service',
  'button.ack': 'Take it',
  'button.reassign': 'Reassign',
  'button.resolve': 'Resolve',
  'thread.assigned.new': '<@{assignee}>, report #{id} is yours (please press "Take it" within {minutes} minutes).',
  'thread.assigned.picked_up': '<@{assignee}>, your shift has started: report #{id} is yours.',
  'thread.assigned.escalated': 'Not taken within {minutes} minutes: reassigned to <@{assignee}>.',
  'thread.assigned.reassigned': '<@{by}> reassigned this report to <@{assignee}>.',
  'thread.queued': 'No admin is on duty right now. Every admin has been notified by DM. {when}',
  'thread.queued.next': 'The next shift starts {at}.',
  'thread.queued.none': 'No shifts are set up.',
  'thread.escalated_all': 'Still not taken: every admin has been notified by DM.',
  'thread.changed.acknowledge': '<@{actor}> is on it.',
  'thread.changed.resolve': '<@{actor}> resolved this report. {note}',
  'thread.changed.cancel': 'The reporter says they can log in again: withdrawn.',
  'thread.changed.reopen': 'The reporter still cannot log in: reopened.',
  'thread.quiet_reminder':
    '<@{assignee}>, report #{id} was taken {hours} hours ago and is not resolved yet. Please resolve it, or reassign it if you cannot go on.',
  'dm.quiet_reminder':
    'Report #{id} (login name `{loginName}`) was taken {hours} hours ago and is not resolved yet: {link}',
  'thread.quiet_reopened':
    'No progress since <@{previous}> took this report: it is open again and now with <@{assignee}> (please press "Take it" within {minutes} minutes).',
  'thread.quiet_reopened.queued':
    'No progress since <@{previous}> took this report: it is open again. No admin is on duty right now; the next one on duty gets it.',
  'thread.changed.cancel.not_me': '<@{actor}>, for whom this report was sent, says it is not about them: withdrawn.',
  'intake.thread.confirmed': '<@{reporter}> confirmed this report is about them: account actions may run.',
  'report.filed_by.waiting':
    'Sent by <@{by}> on behalf of <@{reporter}> from their message · :hourglass: waiting for <@{reporter}> to confirm it is them (no account actions until then)',
  'report.filed_by.confirmed':
    'Sent by <@{by}> on behalf of <@{reporter}> from their message · <@{reporter}> confirmed it is them',
  'admin.alert.delivery_failed':
    ':rotating_light: A Slack message could not be delivered (`{error}`, report {report}, to {channel}). Check that the bot is invited to the channel and that SUPPORT_CHANNEL_ID is right.',
  'admin.alert.queued':
    'A kintone login report #{id} (login name `{loginName}`) came in while nobody is on duty: {link}',
  'admin.alert.escalated': 'kintone login report #{id} (login name `{loginName}`) has not been taken yet: {link}',
  'admin.alert.digest':
    '{count} kintone login reports are waiting for someone (alerts like this are collected into one DM every {minutes} minutes at most):\n{lines}',
  'admin.alert.digest.queued': '• {link} login name `{loginName}` — came in while nobody was on duty ({at})',
  'admin.alert.digest.escalated': '• {link} login name `{loginName}` — not taken yet ({at})',
  'admin.alert.digest.more': '…and {count} more: see the support channel.',
  'dm.queued': 'No administrator is available right now. {when}',
  'dm.queued.next': 'Help is expected from {at}.',
  'dm.queued.none': 'I will let you know as soon as an administrator is available.',
  'dm.acknowledged': '<@{actor}> is now working on your report #{id}.',
  'dm.resolved': 'Your report #{id} has been resolved. {note}Can you log in to kintone now?',
  'dm.resolved.note': 'Note from the administrator: {note}\n',
  'dm.back_in': 'Yes, I am back in',
  'dm.still_stuck': 'No, still stuck',
  'dm.fixed_now': 'It is fixed now',
  'dm.thanks_back_in': 'Great, thank you!',
  'dm.reopened': 'Report #{id} is open again; the administrators have been told.',
  'dm.cancelled': 'Report #{id} has been withdrawn.',
  'dm.resolved.rate_hint': 'If you are back in, you can rate how it went (1–5) and leave a comment.',
  'rating.title': 'Did it work?',
  'rating.intro': 'Glad you are back in. How did report #{id} go?',
  'rating.score': 'Your rating',
  'rating.score.5': '5 — excellent',
  'rating.score.4': '4 — good',
  'rating.score.3': '3 — all right',
  'rating.score.2': '2 — poor',
  'rating.score.1': '1 — very poor',
  'rating.comment': 'Anything to add? (optional)',
  'rating.submit': 'Send',
  'rating.skip': 'Skip',
  'rating.score_required': 'Please choose a rating from 1 to 5.',
  'rating.thanks': 'Thank you for your rating!',
  'rating.already': 'This resolution has already been rated. Thank you!',
  'rating.not_resolved': 'This report is not resolved at the moment, so it cannot be rated.',
  'intake.filed_for_you':
    '<@{by}> has sent report #{id} to the kintone administrators on your behalf, from your message: you cannot log in to kintone. Follow it here: {permalink}\nIs this about you? The administrators will not change anything on your account until you confirm.',
  'intake.this_is_me': 'Yes, this is me',
  'intake.not_me': 'No, not me',
  'intake.confirmed': 'Thank you: report #{id} is yours. I will message you here when something happens.',
  'intake.nothing_to_confirm': "This report was not sent on anyone's behalf: there is nothing to confirm.",
  'intake.not_me_done': 'Understood: report #{id} has been withdrawn, and nothing was changed on your account.',
  'intake.filer_told_not_me': '<@{author}> says report #{id} is not about them: it has been withdrawn.',
  'action.not_admin': 'Only kintone-login administrators can do this.',
  'action.not_allowed': 'Report #{id} is "{state}", so this cannot be done (someone may have done it already).',
  'action.not_found': 'The report was not found.',
  'action.not_reporter': 'Only the reporter can do this.',
  'action.not_live':
    'Report #{id} is "{state}": account actions run only on an open or in-progress report. Nothing was changed.',
  'action.wrong_kind': 'Report #{id} needs a {needed}, not a {kind}. Nothing was changed.',
  'action.awaits_reporter':
    'Report #{id} was sent on behalf of <@{reporter}>, who has not yet confirmed it is them. Account actions wait for that confirmation (they were asked by DM). Nothing was changed.',
  'reassign.title': 'Reassign',
  'reassign.label': 'New assignee',
  'reassign.submit': 'Reassign',
  'resolve.title': 'Resolve',
  'resolve.note': 'Note (optional, sent to the reporter)',
  'resolve.submit': 'Resolve',
  'modal.cancel': 'Cancel',
  'home.admin.title': 'Administrator',
  'home.admin.on_duty': 'You are *on duty* now.',
  'home.admin.off_duty': 'You are *not on duty* now.',
  'home.admin.duty_on': 'Go on duty',
  'home.admin.duty_off': 'Go off duty',
  'home.admin.shifts': '*Your weekly shifts ({zone})*\n{shifts}',
  'home.admin.no_shifts': '(none)',
  'home.admin.edit_shifts': 'Edit shifts',
  'home.admin.ask_cover': 'Ask for cover',
  'home.admin.duty_group.ok': 'User group `@{handle}` holds the admins on duty now: {who}.',
  'home.admin.duty_group.disabled':
    'User group `@{handle}` is disabled while nobody is on duty (Slack has no empty groups); it comes back when someone is.',
  'home.admin.duty_group.pending': 'User group `@{handle}`: not checked yet.',
  'home.admin.duty_group.problem.missing_scope':
    ':warning: User group `@{handle}` cannot be kept: the app lacks the `usergroups:read` / `usergroups:write` scopes. Add them in the app settings (or paste manifest.yml again) and reinstall the app.',
  'home.admin.duty_group.problem.restricted':
    ':warning: User group `@{handle}` cannot be kept: this workspace restricts who may create and change user groups (`{error}`). A workspace owner can allow it under Settings & permissions → Permissions → User Groups, or unset DUTY_USERGROUP_HANDLE.',
  'home.admin.duty_group.problem.paid_plan':
    ':warning: User group `@{handle}` cannot be kept: user groups need a paid Slack plan (`{error}`). Unset DUTY_USERGROUP_HANDLE.',
  'home.admin.duty_group.problem.name_taken':
    ':warning: User group `@{handle}` cannot be created: the name or handle is taken (`{error}`). Choose another DUTY_USERGROUP_HANDLE.',
  'home.admin.duty_group.problem.unavailable':
    ':warning: User group `@{handle}` could not be updated (`{error}`); it is tried again in a few minutes.',
  'home.admin.edit_environment': 'cybozu.com settings',
  'home.admin.login_message_tip':
    ':bulb: Put "Cannot log in? Use `/kintone-login` in Slack" in cybozu.com common administration → Security → Login → the message shown when a login fails, so people who are stuck find this app. Then save the same text in "cybozu.com settings" here.',
  'home.admin.mine': '*Your unresolved reports* (oldest first)',
  'home.admin.queued': '*Reports without an assignee* (oldest first)',
  'home.admin.self_service.on':
    '*Self-service* is on for: {remedies} (once per account every {hours} hours; sign-in within {minutes} minutes).',
  'home.admin.self_service.off': '*Self-service* is off. Turn it on per remedy in "cybozu.com settings".',
  'home.admin.self_service.stop': 'Turn self-service off now',
  'home.admin.self_service.confirm_title': 'Turn self-service off',
  'home.admin.self_service.confirm_text':
    'Every self-service fix stops; from the next click on, every report goes to the administrators.',
  'home.admin.self_service.confirm_yes': 'Turn off',
  'home.admin.fixes': '*Fixes in the last 30 days* (median time from the first question to fixed)\n{lines}',
  'home.admin.action_failed': '    ↳ :x: the last {kind} failed: {reason}',
  'home.admin.reason.no_licence':
    'no free licence. Free a seat (remove kintone from someone who has left) or ask the cybozu.com Store administrator to buy more users (details in the thread).',
  'home.admin.listen':
    '*Help channels* (a message about not getting into kintone gets the troubleshooter offered in its thread)\n{channels}',
  'home.admin.listen_on': 'Switch on in a channel…',
  'home.admin.listen_off': 'Switch off',
  'home.my_reports': '*Your reports*',
  'home.none': '(none)',
  'home.report_line': '• #{id} {leaf} — {state} · {created}',
  'shifts.title': 'Edit shifts',
  'shifts.label':
    'One per line (e.g. Mon-Fri 09:00-18:00 / Sat,Sun 10:00-15:00 / add "holidays" to work on public holidays)',
  'shifts.save': 'Save',
  'shifts.error': 'Line {line}: {message}',
  'environment.title': 'cybozu.com settings',
  'environment.save': 'Save',
  'environment.intro':
    'Make these match cybozu.com common administration → Security → Login. The guidance, the unlock choices and the temporary passwords follow them.',
  'environment.lockout.label': 'Account lockout',
  'environment.lockout.off': 'No lockout',
  'environment.lockout.timed': 'Released after some minutes',
  'environment.lockout.never': 'Never released (an admin must unlock)',
  'environment.lockout_failures.label': 'Failed logins before the account locks',
  'environment.lockout_minutes.label': 'Minutes until a lockout is released',
  'environment.lockout_minutes.hint': 'Used only with "Released after some minutes".',
  'environment.password_length.label': 'Minimum password length',
  'environment.password_kinds.label': 'Character kinds a password needs',
  'environment.kind.letters': 'Letters',
  'environment.kind.digits': 'Digits',
  'environment.kind.symbols': 'Symbols',
  'environment.kind.mixed_case': 'Upper and lower case letters',
  'environment.options.label': "Users' passwords",
  'environment.option.not_login_name': 'A password may not equal the login name',
  'environment.option.users_change': 'Users may change their password (パスワードの変更をユーザーに許可する)',
  'environment.option.must_change': 'Users must change a password an admin set (仮パスワードの変更を要求する)',
  'environment.option.self_reset': 'Users may reset their password by e-mail ("Having trouble logging in?")',
  'environment.saml.label': 'SAML authentication',
  'environment.saml.required': 'SAML authentication is required',
  'environment.saml.admin_password': 'Admins can still log in with a password (?saml=off)',
  'environment.message.label': 'Message shown when a login fails',
  'environment.message.hint':
    'The text set in cybozu. Adding "Cannot log in? Use /kintone-login in Slack" there leads people to this app.',
  'environment.error.number': 'Enter a whole number from {min} to {max}.',
  'environment.error.minutes_needed': '"Released after some minutes" needs the minutes.',
  'environment.error.too_long': 'At most {max} characters.',
  'environment.error.lockout': 'Please choose one.',
  'environment.self_service.intro':
    '*Self-service*: an employee who has just signed in again through single sign-on can reset the password of, or unlock, their own account without waiting for an admin; the admins are told in a thread. Needs single sign-on (OIDC_*) and SECRET_ENCRYPTION_KEY. Accounts of cybozu.com administrators are never included.',
  'environment.self_service.label': 'Allowed as self-service',
  'environment.self_service.reset_password': "Resetting one's own password",
  'environment.self_service.unlock': "Unlocking one's own account",
  'environment.self_service.cooldown': 'Hours before the same account can use self-service again',
  'environment.self_service.freshness': 'Minutes a sign-in stays fresh',
  'environment.self_service.freshness_hint':
    'Self-service only counts a single sign-on where the password was entered again within this many minutes.',
  'environment.summary.title':
    '*cybozu.com settings kept in this app* (App Home → "cybozu.com settings"; keep them the same as cybozu.com common administration → Security → Login)',
  'environment.summary.defaults': "Not saved yet: cybozu.com's defaults (or the CYBOZU_* environment variables) apply.",
  'environment.summary.lockout_off': 'Account lockout: none',
  'environment.summary.lockout_timed':
    'Account lockout: after {failures} failed logins, released after {minutes} minutes',
  'environment.summary.lockout_never':
    'Account lockout: after {failures} failed logins, never released by time (an admin sets a new password)',
  'environment.summary.policy': 'Password policy: at least {length} characters; {kinds}{notLoginName}',
  'environment.summary.no_kinds': 'no required character kinds',
  'environment.summary.not_login_name': '; not the login name',
  'environment.summary.change':
    'Users may change their password: {users} / must change a password an admin set: {must}',
  'environment.summary.self_reset': 'Users may reset their password by e-mail ("Having trouble logging in?"): {value}',
  'environment.summary.saml_off': 'SAML authentication: not required',
  'environment.summary.saml_required':
    'SAML authentication: required (admins may log in with a password, ?saml=off: {admins})',
  'environment.summary.on': 'on',
  'environment.summary.off': 'off',
  'action.kind.reset_password': 'password reset',
  'action.kind.unlock': 'unlock (new password)',
  'action.kind.resume': 'account resume (back to Active)',
  'action.kind.assign_kintone': 'kintone assignment',
  'action.kind.ask_to_wait': 'asked to wait for the lockout to end',
  'action.kind.manual': 'fix in the admin screen',
  'button.reset_password': 'Reset password',
  'button.unlock': 'Unlock',
  'button.resume': 'Resume account',
  'button.assign_kintone': 'Assign kintone',
  'button.manual_done': 'Done',
  'button.approve': 'Approve and run',
  'button.reveal': 'Show password (once)',
  'manual.title': '*Steps in the admin screen*',
  'manual.no_directory': 'cybozu.com is not connected, so do this in the admin screen: {adminUrl}',
  'manual.steps.reset_password':
    '1. cybozu.com common administration → Departments & Users: open the user\n2. [パスワードの変更] (Change password): set a new one\n3. Give it to the person only, not in a channel',
  'manual.steps.unlock':
    '1. cybozu.com common administration → Departments & Users: open the user\n2. Set a new password (that is how an admin unlocks)\n3. Give it to the person only',
  'manual.password_fate.changed_at_login':
    'cybozu asks the person for a new password at the next login (here users may change their password and must change one an admin set).',
  'manual.password_fate.change_yourself':
    'cybozu does not ask for a change here: tell the person to change it after logging in (account settings, top right → [パスワードの変更]).',
  'manual.password_fate.permanent':
    ':warning: Users cannot change their password here, so the password you set stays in use as it is.',
  'manual.steps.resume':
    '1. cybozu.com common administration → Departments & Users: open the user\n2. Set the status to "Active"\n3. With Secure Access, reissue the client certificate revoked at suspension\n(Resuming needs a free licence: free a seat, or ask the cybozu.com Store administrator to add licences)',
  'manual.steps.assign_kintone':
    '1. cybozu.com common administration → Departments & Users: open the user\n2. Tick kintone under the services and save\n(Assigning needs a free kintone licence: free a seat, or ask the cybozu.com Store administrator to add licences)',
  'manual.steps.disable_two_factor':
    '1. cybozu.com common administration → Departments & Users: open the user\n2. Turn two-factor authentication off and save (this deletes the old registration)\n3. Tell the person to enrol again at next login',
  'manual.steps.reissue_certificate':
    '1. cybozu.com common administration → Secure Access\n2. Issue a client certificate for the user (revoke the one on a lost device)\n3. Tell the person how to download it',
  'manual.steps.ip_allow_list':
    "1. cybozu.com common administration → Access restriction\n2. Check the person's source IP address is allowed (only the cybozu.com Store administrator or an authorised common administrator can change it)\n3. Outside the office: suggest Secure Access or the VPN",
  'manual.steps.sso':
    '1. cybozu.com common administration → Login → SAML: check the settings (entity ID = the subdomain URL)\n2. Check the IdP certificate expiry and clock skew\n3. Admins can bypass SAML at {loginUrl}?saml=off',
  'manual.steps.contract':
    '1. Ask the cybozu.com Store administrator to check the contract in the store\n2. Confirm with the person that they can log in after renewal',
  'manual.steps.other':
    "1. Read the answers in the thread and the reporter's details\n2. Check the user's settings in cybozu.com common administration if needed\n3. Failed logins are in cybozu.com common administration → Audit log (監査ログ): it records the login name tried; `nobody` in the user column means that login name does not exist",
  'confirm.title': 'Confirm',
  'confirm.loading': 'Checking the account…',
  'confirm.submit': 'Run',
  'confirm.what.reset_password': 'Set a new temporary password for `{loginName}` ({name}).',
  'confirm.what.unlock': 'Set a new temporary password for `{loginName}` ({name}), which unlocks it.',
  'confirm.what.resume': 'Set `{loginName}` ({name}) from "Suspended" back to "Active".',
  'confirm.what.assign_kintone': 'Assign kintone to `{loginName}` ({name}); other services stay as they are.',
  'confirm.state': 'Current status: {state}',
  'confirm.state.active': 'Active',
  'confirm.state.suspended': 'Suspended',
  'confirm.keeps_valid': 'The account status ({state}) does not change.',
  'confirm.password_delivery':
    'You will not see the password. Only the reporter gets it, in a DM, shown once (it expires after {minutes} minutes).',
  'confirm.certificates': 'With Secure Access, the client certificates revoked at suspension must be reissued.',
  'confirm.identity_ok': "Identity: the reporter's Slack e-mail matches the account's e-mail.",
  'confirm.identity_warning':
    ":warning: Identity: the reporter's Slack e-mail does not match the account's e-mail, and no single sign-on proves it. Verify it is really them another way.",
  'confirm.identity_checkbox': 'I verified this is the account owner another way (phone, in person…)',
  'confirm.identity_required': 'Please confirm how you verified the person.',
  'confirm.admin_target': ':warning: This is an administrator account: a second admin must approve before it runs.',
  'confirm.wait_choice': 'If the lockout is timed, simply waiting fixes it ({minutes} minutes by default).',
  'confirm.wait_option': 'Ask them to wait {minutes} minutes and try again',
  'confirm.password_fate.changed_at_login': 'cybozu asks for a new password at the next login.',
  'confirm.password_fate.change_yourself':
    'Here cybozu does not ask for a change: the reporter is told how to change it themselves after logging in.',
  'confirm.password_fate.permanent':
    ':warning: Users cannot change their password here, so this temporary password stays in use as it is.',
  'confirm.no_timed_unlock':
    'Lockouts here are never released by time (解除しない): setting a new password unlocks the account.',
  'confirm.reset_option': 'Set a new password and unlock now',
  'confirm.choice_label': 'Fix',
  'confirm.nothing.resume': '`{loginName}` is already Active: nothing to resume.',
  'confirm.nothing.assign_kintone': '`{loginName}` already has kintone.',
  'confirm.not_found': 'No cybozu.com account has the login name `{loginName}`. Ask the reporter to check it.',
  'confirm.secret_key_missing':
    'SECRET_ENCRYPTION_KEY is not set, so a temporary password cannot be delivered safely: this action is unavailable.',
  'confirm.changed': 'The account changed since you opened this. Please press the button again.',
  'confirm.emails': "Reporter's Slack e-mail: {slackEmail}\nAccount's e-mail: {accountEmail}",
  'confirm.resume_caution':
    'Accounts are often suspended on purpose (the person left, a password leaked): make sure it is the owner who is asking, and that they should be back.',
  'confirm.gone': 'This confirmation is no longer valid. Press the button in the report thread again.',
  'confirm.saml.reset_does_not_help':
    ':warning: SAML authentication is required here: people sign in through the company IdP, so a new cybozu.com password does not get them in (their IdP password is what needs resetting).',
  'confirm.saml.fallback_admins':
    'A cybozu.com password is used only by cybozu.com administrators, to log in without SAML at {loginUrl}?saml=off.',
  'confirm.saml.fallback_admin_target':
    'This account is a cybozu.com administrator: it can use the new password to log in without SAML at {loginUrl}?saml=off.',
  'confirm.saml.no_fallback':
    'Password login is closed to administrators too: while SAML is required, nobody logs in with a cybozu.com password.',
  'action.busy': 'Another action ({kind}) is running or waiting for approval on report #{id}.',
  'thread.action.needs_approval':
    '<@{by}> asks for a {kind} of the administrator account `{loginName}`. Another admin must approve.',
  'thread.action.succeeded': '<@{by}> ran a {kind} of `{loginName}`. {extra}',
  'thread.action.succeeded.password': 'The temporary password goes to the reporter by DM (never shown here).',
  'thread.action.succeeded.resume': 'With Secure Access, remember to reissue the client certificate.',
  'thread.action.failed': ':x: The {kind} of `{loginName}` failed: {error} You can run it again.',
  'thread.action.failed_policy':
    ':x: cybozu.com did not accept the {kind} of `{loginName}`. cybozu\'s message: {messages}\nRetrying will not help until the password policy in this app\'s "cybozu.com settings" (App Home) matches the one in cybozu.com common administration.',
  'thread.action.failed_no_licence':
    ':x: cybozu.com did not accept the {kind} of `{loginName}`: there is no free licence.\nLicences are bought per user (seat): every Active user of a service takes one seat, Suspended users take none. Resuming a user takes a seat of each service they use; assigning kintone takes a kintone seat.\nTo free a seat, remove kintone from someone who has left in cybozu.com common administration → Departments & Users (suspending them frees it too). If that is not enough, the cybozu.com Store administrator buys more users in the cybozu.com Store. Running it again will not help until a seat is free.',
  'thread.action.cybozu_said': "cybozu's message: {messages}",
  'thread.action.failed_fix_first':
    ':x: The {kind} of `{loginName}` failed: {error} Running it again will not help until this is fixed.',
  'thread.action.succeeded.password_permanent':
    ':warning: Users cannot change their password here, so this temporary password stays in use as it is.',
  'thread.self_service.started':
    '*Self-service*: <@{by}> signed in again through single sign-on at {at} and runs a {kind} of their own account `{loginName}`. Identity: issuer {issuer}, subject {subject}. Checked: sign-in e-mail = Slack e-mail = cybozu.com e-mail, account active, not a cybozu.com administrator, no self-service fix of it in the last {hours} hours. An admin is needed only if the reporter says it did not work.',
  'thread.self_service.handed_over':
    'The self-service {kind} did not complete: this report now needs an administrator.',
  'thread.action.unknown':
    ':warning: The outcome of the {kind} of `{loginName}` is unknown (interrupted without an answer from cybozu.com). Check with `/kintone-login diagnose {loginName}` and run it again if needed.',
  'thread.action.recorded': '<@{by}> recorded: {kind}.',
  'thread.action.approved_by': '(approved by <@{approver}>)',
  'thread.action.approval_expired':
    ':hourglass: The {kind} of `{loginName}` requested by <@{by}> expired without approval after {minutes} minutes. Nothing was run; press the button again if it is still needed.',
  'thread.action.approval_cancelled':
    ':no_entry_sign: The {kind} of `{loginName}` requested by <@{by}> was cancelled because {reason}. Nothing was run.',
  'approval.expired':
    'This approval request expired ({minutes} minutes) and was withdrawn. Nothing was run. If it is still needed, ask the requesting admin to run it again.',
  'approval.cancelled':
    'This request was cancelled because {reason}. Nothing was run; press the button in the thread again if it is still needed.',
  'approval.already': 'This request has already been approved; the thread shows its outcome.',
  'approval.same_admin': 'You made this request: another admin must approve it.',
  'approval.reason.report_resolved': 'the report was resolved',
  'approval.reason.report_cancelled': 'the reporter withdrew the report',
  'approval.reason.account_changed': 'the account changed or no longer exists',
  'approval.reason.identity_lost':
    "the reporter's identity no longer matches the account (its e-mail may have changed)",
  'approval.reason.nothing_to_do': 'there is nothing left to do for the account',
  'dm.password_ready':
    'An administrator set a temporary password for your account `{loginName}`. Show it once with the button below (until {expires}). After you log in, cybozu will ask you to set a new password.',
  'dm.password_ready.change_yourself':
    'An administrator set a temporary password for your account `{loginName}`. Show it once with the button below (until {expires}). You will not be asked to change it, so after you log in, please change it yourself: account settings (top right) → [パスワードの変更] (Change password).',
  'dm.password_ready.permanent':
    'An administrator set a password for your account `{loginName}`. Show it once with the button below (until {expires}). Keep it to yourself.',
  'dm.action_done.resume': 'Your account `{loginName}` is Active again. Please try to log in.',
  'dm.action_done.assign_kintone': 'kintone has been assigned to `{loginName}`. Log in again and it will be listed.',
  'dm.action_done.ask_to_wait':
    'The lockout ends by itself. Please wait about {minutes} minutes, then log in again (mind Caps Lock and full-width input).',
  'dm.action_done.manual': 'An administrator has taken care of it: {kind}. Please try to log in again.',
  'reveal.title': 'Temporary password',
  'reveal.body':
    'Temporary password for `{loginName}`:\n\n*`{password}`*\n\nOnce you close this it cannot be shown again. Set a new password after logging in.',
  'reveal.expired': 'This password expired and has been erased. Ask an administrator again.',
  'reveal.already': 'This password has already been shown and has been erased.',
  'reveal.not_yours': 'This button is not for you.',
  'usage.verify': '`/kintone-login verify` — verify who you are with the company single sign-on',
  'verify.not_configured': 'Single sign-on (OIDC) is not configured.',
  'verify.link':
    'Sign in with your company account using the button below. The link works once, for {minutes} minutes.',
  'verify.button': 'Verify with SSO',
  'verify.unavailable': 'The single sign-on server could not be reached. Please try again in a moment.',
  'verify.done_dm': 'You are verified through single sign-on ({email}).',
  'verify.title': 'Verify',
  'identity.sso': 'Identity: single sign-on (e-mail matches)',
  'identity.email_match': 'Identity: Slack e-mail matches',
  'identity.admin_confirmed': 'Identity: confirmed by the admin another way',
  'identity.self_service': "Identity: the account's owner, after a fresh single sign-on (self-service)",
  'confirm.identity_sso':
    'Identity: the reporter verified through single sign-on and their e-mail matches the account.',
  'confirm.step_up':
    'Account actions need a single sign-on within {hours} hours showing the admin group ({group}). Verify with the button below, then try again.',
  'dm.report_received':
    'Your report #{id} has been sent to the administrators. Follow it here: {permalink}\nI will message you here when something happens.',
};
