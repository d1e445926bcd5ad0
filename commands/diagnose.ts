import { diagnoseLookup, type AccountLookup } from '../src/diagnosis/account-diagnosis.js';
import { loginNameProblem } from '../src/directory/login-name.js';
import { escapeMrkdwn, section } from '../src/slack/views/blocks.js';
import { diagnosisMessage } from '../src/slack/views/diagnosis.js';
import { environmentSummaryText } from '../src/slack/views/environment-summary.js';
import { writeCapabilityText } from '../src/slack/views/write-capability.js';
import { mentionedUser } from './mention.js';
import type { CommandContext, SubCommand } from './types.js';

/** `<@U123|name>` (escaped mention) → U123; anything else is taken as a login name. */
export function parseDiagnoseTarget(
  args: string[],
): { kind: 'self' } | { kind: 'slack_user'; slackId: string } | { kind: 'login_name'; loginName: string } {
  if (args.length === 0) return { kind: 'self' };
  const mention = args.length === 1 ? mentionedUser(args[0]) : null;
  if (mention) return { kind: 'slack_user', slackId: mention };
  return { kind: 'login_name', loginName: args.join(' ') };
}

/** `/kintone-login diagnose [<login name> | <@U…>]`: real account facts from the cybozu.com User API. */
export const diagnoseCommand: SubCommand = {
  names: ['diagnose'],
  usage: ['usage.diagnose'],
  async run(ctx) {
    const { t, services } = ctx;
    const target = parseDiagnoseTarget(ctx.args);
    // Checked before anything else: a refusal must not reveal whether the account exists.
    if (target.kind !== 'self' && !services.roster.isAdmin(ctx.userId)) {
      await ctx.ack(plain(t('diag.refused_other')));
      return;
    }
    const { directory, environmentCheck } = services;
    if (!directory || !environmentCheck) {
      const summary = services.roster.isAdmin(ctx.userId)
        ? environmentSummaryText(services.environment.get(), t, { saved: services.environment.isSaved() })
        : null;
      await ctx.ack(
        summary
          ? {
              text: `${t('diag.not_configured')}\n${summary}`,
              blocks: [section(t('diag.not_configured')), section(summary)],
            }
          : plain(t('diag.not_configured')),
      );
      return;
    }
    if (target.kind === 'login_name' && loginNameProblem(target.loginName)) {
      await ctx.ack(plain(t('diag.bad_target', { text: escapeMrkdwn(target.loginName.slice(0, 128)) })));
      return;
    }
    // Counted only when cybozu.com is about to be asked: a refusal above costs it nothing.
    const admitted = services.diagnoseThrottle.admit(ctx.userId);
    if (!admitted.ok) {
      services.deps.logger.info({ slackUserId: ctx.userId }, 'diagnose throttled');
      await ctx.ack(
        plain(
          t('diag.throttled', {
            count: services.deps.config.limits.diagnosePerMinute,
            seconds: admitted.retryInSeconds,
          }),
        ),
      );
      return;
    }
    // The checks take up to a few seconds each: answer now, replace the answer when they are done.
    await ctx.ack(plain(t('diag.checking')));
    // Admins also see whether the credentials can change users (the fix, when they cannot).
    const callerIsAdmin = services.roster.isAdmin(ctx.userId);
    const settings = services.environment.get();
    // The findings follow the settings: no self-reset advice where it is off, the IdP where SAML is required.
    const policy = { selfServiceResetAllowed: settings.selfReset, samlRequired: settings.saml.required };
    const [environment, account, writes] = await Promise.all([
      target.kind === 'self' ? environmentCheck() : Promise.resolve(null),
      lookupFor(ctx, target).then((lookup) => diagnoseLookup(directory, lookup, policy)),
      callerIsAdmin && services.writeCapability ? services.writeCapability() : Promise.resolve(null),
    ]);
    const who =
      target.kind === 'slack_user'
        ? `<@${target.slackId}>`
        : target.kind === 'login_name'
          ? `\`${escapeMrkdwn(target.loginName)}\``
          : '';
    const message = diagnosisMessage(
      {
        baseUrl: directory.baseUrl,
        environment,
        account,
        subject: target.kind === 'self' ? { self: true } : { self: false, who },
      },
      t,
    );
    services.deps.logger.info(
      { slackUserId: ctx.userId, target: target.kind, outcome: account.kind },
      'diagnose answered',
    );
    if (writes) {
      const login = directory.authAccount?.kind === 'password' ? directory.authAccount.login : null;
      const text = writeCapabilityText(writes, {
        t,
        locale: ctx.locale,
        timezone: services.deps.config.timezone,
        login,
      });
      message.blocks.push(section(text));
      message.text = `${message.text}\n${text}`;
    }
    if (callerIsAdmin) {
      // Admins see the settings the app follows, to compare with cybozu.com共通管理 → セキュリティ → ログイン.
      const text = environmentSummaryText(settings, t, { saved: services.environment.isSaved() });
      message.blocks.push(section(text));
      message.text = `${message.text}\n${text}`;
    }
    await ctx.respond({ ...message, replace: true });
  },
};

async function lookupFor(ctx: CommandContext, target: ReturnType<typeof parseDiagnoseTarget>): Promise<AccountLookup> {
  if (target.kind === 'login_name') return { by: 'login_name', loginName: target.loginName };
  const slackId = target.kind === 'slack_user' ? target.slackId : ctx.userId;
  const profile = await ctx.services.profiles.get(slackId);
  return { by: 'email', email: profile.email };
}

function plain(text: string) {
  return { text, blocks: [section(text)] };
}
