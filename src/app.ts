import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type App, LogLevel } from '@slack/bolt';
import type { AppDeps } from './deps.js';
import { directoryFromConfig } from './directory/from-config.js';
import { cachedEnvironmentCheck } from './directory/environment-check.js';
import { WriteWatchedDirectory } from './directory/write-watch.js';
import { WriteRefusalStore } from './directory/write-refusal-store.js';
import { logWriteCapability, writeFix } from './directory/write-capability.js';
import { DiagnoseThrottle } from './diagnosis/diagnose-throttle.js';
import { rememberedAccountFacts } from './troubleshoot/account-facts.js';
import { HealthState, healthRoute } from './health.js';
import { answerClientError, httpEdge, type EdgeRoute } from './http-edge.js';
import { AppMetrics, metricsRoute } from './metrics/metrics.js';
import { ScheduledBackups } from './scheduled-backups.js';
import { housekeeping } from './housekeeping.js';
import { SingleSignOn } from './identity/oidc.js';
import { handleOidcCallback, handleOidcConfirm } from './slack/oidc-callback.js';
import { AccountActions } from './account-actions/account-actions.js';
import { SecretStore } from './account-actions/secret-store.js';
import { SelfService } from './account-actions/self-service.js';
import { selfServiceNotices } from './slack/views/self-service.js';
import { Retention } from './reports/retention.js';
import { Scheduler } from './reports/scheduler.js';
import { dutyRoster } from './roster/covers.js';
import { onDutyNow } from './routing/duty.js';
import { DutyGroup } from './slack/duty-group.js';
import { actionNotices } from './slack/views/action-notices.js';
import { EnvironmentSettingsStore } from './settings/environment-settings.js';
import { Roster } from './roster/roster.js';
import { Listening } from './intake/listening.js';
import { boltLogger } from './logger.js';
import { enqueueDm, OutboxStore } from './outbox/outbox.js';
import type { OutboxRow } from '../db/schema.js';
import { translator } from './i18n/index.js';
import { registerListeners } from './slack/register.js';
import { Checkpointer } from '../db/checkpointer.js';
import { slackReceiver } from './slack/receiver.js';
import { boltApp } from './slack/bolt-app.js';
import type { Registered } from './slack/dispatcher.js';
import { OutboxWorker } from './slack/outbox-worker.js';
import { lifecycleContext, type SlackServices } from './slack/services.js';
import { UserProfiles } from './slack/user-profiles.js';
import { SlackWebClient } from './slack/web-client.js';
import { SlackConnection } from './slack/connection-state.js';
import { Outbound } from './net/outbound.js';
import { probeConnection } from './net/probe.js';
import { deadline, openSocketMode, startupPolicy, StartupAborted, untilReached } from './startup.js';

export interface KintoneLoginApp {
  bolt: App;
  services: SlackServices;
  /** What the listeners registered (the manifest test compares it with manifest.yml). */
  registered: Registered;
  /** Starts the HTTP server (both modes), Socket Mode if configured, and the background work; resolves with the HTTP port. */
  start(port?: number): Promise<number>;
  scheduler: Scheduler;
  /** Resolves when no Slack request is being handled (tests wait on it instead of on the wall clock). */
  idle(): Promise<void>;
  /** Stops taking work, waits for requests and the message in flight; the caller closes the database after. */
  stop(): Promise<void>;
  /** The link to Slack as /healthz reports it (starting, connected since, reconnecting). */
  slackConnection: SlackConnection;
  /** GET /metrics (Prometheus text), in a registry of this app's own. */
  metrics: AppMetrics;
  /** Scheduled online backups (BACKUP_DIR); null when not configured. */
  backups: ScheduledBackups | null;
}

const SHUTDOWN_GRACE_MS = 10_000;
const KEEP_ALIVE_MS = 65_000;

/** Builds the app from its dependencies. Nothing is started and nothing touches the network until start(). */
export function createApp(deps: AppDeps): KintoneLoginApp {
  const { config, logger } = deps;
  const slackLogger = boltLogger(logger);
  const level = { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR }[
    config.logLevel
  ];
  const clientOptions = { slackApiUrl: config.slack.apiUrl, logger: slackLogger, logLevel: level };
  // Every outbound request (Slack, cybozu.com, the OpenID provider) is routed by HTTPS_PROXY / HTTP_PROXY / NO_PROXY.
  const outbound = new Outbound(config.proxy);
  const policy = deps.startupPolicy ?? startupPolicy(config.slack.startupTimeoutSeconds * 1000);
  const connection = new SlackConnection(
    config.slack.mode,
    deps.clock,
    config.slack.disconnectedUnhealthySeconds * 1000,
    logger,
  );

  const health = new HealthState();
  health.slack = connection;
  const backups = config.backup
    ? new ScheduledBackups(
        deps.db,
        { dir: config.backup.dir, everyMs: config.backup.everyHours * 3_600_000, keep: config.backup.keep },
        deps.clock,
        logger,
      )
    : null;
  const metrics = new AppMetrics(deps.db, deps.clock, health, backups);
  // Every HTTP route, in both modes; the receivers get none, so one edge answers strays the same way everywhere.
  const routes: EdgeRoute[] = [
    healthRoute(deps, health),
    metricsRoute(metrics, config.healthToken),
    { path: '/oidc/callback', methods: { GET: (req, res) => handleOidcCallback(services, req, res) } },
    // The person's confirmation of a sign-in: a POST only (a GET, e.g. a prefetch, links nobody).
    { path: '/oidc/confirm', methods: { POST: (req, res) => handleOidcConfirm(services, req, res) } },
  ];
  const {
    receiver,
    route: slackRoute,
    socket,
  } = slackReceiver({
    slack: config.slack,
    logger,
    slackLogger,
    outbound,
    connection,
    socketModeClientPingTimeoutMs: deps.socketModeClientPingTimeoutMs,
  });
  if (slackRoute) routes.push(slackRoute);

  const bolt = boltApp({
    token: config.slack.botToken,
    receiver,
    logger,
    slackLogger,
    logLevel: level,
    apiUrl: config.slack.apiUrl,
    attemptTimeoutMs: policy.attemptTimeoutMs,
    fetch: outbound.proxied ? outbound.fetch : undefined,
  });

  // Every call the app makes (listeners, outbox, profile lookups) goes through one lean client that never
  // sleeps or retries on its own: the outbox paces itself, and lookups before an ack cannot wait.
  const slackClient = new SlackWebClient(config.slack.botToken, {
    ...clientOptions,
    timeout: 10_000,
    routes: outbound.httpRoutes({ keepAlive: true, maxSockets: 32, connectTimeoutMs: 10_000 }),
    observe: metrics.observeSlackCall,
  });
  const outbox = new OutboxWorker(
    new OutboxStore(deps.db),
    slackClient,
    deps.clock,
    logger,
    deps.outboxPollMs ?? 1000,
    (row, error) => alertAdminsOfFailure(deps, row, error),
  );
  const profiles = new UserProfiles(deps.db, slackClient, deps.clock, logger, config.defaultLocale);
  const configured =
    deps.directory === undefined
      ? directoryFromConfig(config, logger, outbound.fetch, metrics.observeCybozuCall)
      : deps.directory;
  // Writes are watched: a CB_NO02 refusal becomes a standing warning (start-up log, /healthz, App Home, diagnose).
  const directory = configured
    ? new WriteWatchedDirectory(configured, {
        refusals: new WriteRefusalStore(deps.db),
        now: () => deps.clock.now(),
        onRefused: (p) =>
          logger.warn(
            { auth: p.auth, cybozuErrorId: p.cybozuErrorId },
            `cybozu.com refused a change to a user (CB_NO02): ${writeFix(p.auth)}`,
          ),
      })
    : null;
  const roster = new Roster(deps.db);
  const secrets = config.secretKey ? new SecretStore(deps.db, config.secretKey) : null;
  const environment = new EnvironmentSettingsStore(deps.db, config.environmentDefaults);
  const accountActions = directory
    ? new AccountActions(deps.db, directory, secrets, {
        now: () => deps.clock.now(),
        supportChannelId: config.supportChannelId,
        secretTtlMs: config.secretTtlMinutes * 60_000,
        approvalExpiryMs: config.approvalExpiryMinutes * 60_000,
        notices: actionNotices({
          channelLocale: config.defaultLocale,
          timezone: config.timezone,
          settings: () => environment.get(),
          approvalExpiryMinutes: config.approvalExpiryMinutes,
          directoryAuth: configured?.authAccount?.kind,
        }),
        settings: () => environment.get(),
      })
    : null;
  // The on-duty user group (DUTY_USERGROUP_HANDLE), kept by every duty change and scheduler pass.
  const dutyGroup = config.duty.usergroupHandle
    ? new DutyGroup(
        slackClient,
        config.duty.usergroupHandle,
        () => onDutyNow(dutyRoster(deps.db, deps.clock.now()), deps.clock.now(), config.timezone),
        deps.clock,
        logger,
        config.duty.usergroupCheckMinutes * 60_000,
      )
    : null;
  health.dutyGroup = dutyGroup;
  const services: SlackServices = {
    deps,
    dutyGroup,
    client: slackClient,
    profiles,
    outbox,
    directory,
    roster,
    environment,
    accountActions,
    secrets,
    sso: config.oidc
      ? new SingleSignOn({
          db: deps.db,
          issuer: config.oidc.issuer,
          clientId: config.oidc.clientId,
          clientSecret: config.oidc.clientSecret,
          redirectUrl: config.oidc.redirectUrl,
          verificationMs: config.oidc.verificationHours * 3_600_000,
          now: () => deps.clock.now(),
          allowInsecure: config.oidc.allowInsecure,
          ...(outbound.proxied ? { fetch: (url, options) => outbound.fetch(url, options as RequestInit) } : {}),
        })
      : null,
    diagnoseThrottle: new DiagnoseThrottle(config.limits.diagnosePerMinute, () => deps.clock.now()),
    accountFacts: directory ? rememberedAccountFacts(directory, () => deps.clock.now()) : null,
    environmentCheck: directory
      ? cachedEnvironmentCheck(() => directory.environmentCheck(), { now: () => deps.clock.now() })
      : null,
    writeCapability: directory ? () => directory.writeCapability() : null,
    metrics,
    listening: new Listening(deps.db, config.timezone),
    afterDutyChange: () => scheduler.tick(),
    selfService: null,
  };
  services.selfService = new SelfService(deps.db, directory, accountActions, services.sso, secrets !== null, {
    now: () => deps.clock.now(),
    settings: () => environment.get(),
    limits: { maxOpen: config.limits.maxOpenReports, perHour: config.limits.reportsPerHour },
    lifecycle: () => lifecycleContext(services),
    notices: selfServiceNotices({ channelLocale: config.defaultLocale, timezone: config.timezone }),
  });
  const retention = new Retention(deps.db, config.retentionDays * 86_400_000, (cutoff) =>
    profiles.forgetFetchedBefore(cutoff),
  );
  const checkpointer = new Checkpointer(deps.db, (error) => logger.warn({ err: error.message }, 'database checkpoint'));
  const scheduler = new Scheduler(
    deps.db,
    () => lifecycleContext(services),
    housekeeping({
      deps,
      health,
      outbox,
      retention,
      secrets,
      accountActions,
      dutyGroup,
      backups,
      sso: services.sso,
      directory,
    }),
    () => outbox.kick(),
    logger,
    deps.schedulerPollMs ?? 5000,
  );

  const router = registerListeners(bolt, services, logger);
  metrics.watchRequests(router);

  let server: Server | undefined;
  const starting = new AbortController();
  const closeServer = () =>
    new Promise<void>((resolve) => (server?.listening ? server.close(() => resolve()) : resolve()));

  /** auth.test with bounded retries, then (Socket Mode) the first connection, all within one deadline. */
  async function reachSlack(): Promise<void> {
    const until = deadline(deps.clock, policy.timeoutMs);
    const authTest = new URL('auth.test', apiBase(config.slack.apiUrl));
    await untilReached(
      () => bolt.init(),
      { what: 'auth.test', url: authTest, proxy: outbound.proxyFor(authTest), credential: 'SLACK_BOT_TOKEN' },
      {
        policy,
        clock: deps.clock,
        deadline: until,
        signal: starting.signal,
        logger,
        onProblem: (line) => connection.problem(line),
      },
    );
    if (socket) {
      await openSocketMode(() => bolt.start(), socket.receiver.client, {
        policy,
        deadline: until,
        signal: starting.signal,
        lastProblem: socket.lastUrlProblem,
        probe: (url) => probeConnection(url, outbound.proxyFor(url), policy.attemptTimeoutMs),
      });
    }
  }

  return {
    bolt,
    services,
    registered: router.registered(),
    idle: () => router.idle(),
    scheduler,
    slackConnection: connection,
    metrics,
    backups,
    async start(port = config.port) {
      const added = roster.bootstrap(config.adminSlackIds, deps.clock.now());
      if (added.length > 0) logger.info({ added }, 'admins added from ADMIN_SLACK_IDS');
      const interrupted = accountActions?.recoverInterrupted() ?? [];
      if (interrupted.length > 0)
        logger.warn(
          { actionIds: interrupted.map((a) => a.id) },
          'account actions interrupted by a restart: outcome unknown',
        );
      const handedOver = services.selfService?.recoverInterrupted() ?? [];
      if (handedOver.length > 0)
        logger.warn(
          { reportIds: handedOver.map((r) => r.id) },
          'self-service fixes interrupted by a restart: handed to the admins',
        );
      // Health (503 "starting") and the SSO callback answer from here on; Slack's requests wait until it is reached.
      server = createServer(httpEdge(routes, logger));
      server.on('clientError', answerClientError);
      // Longer than a reverse proxy's idle timeout (60 s on common load balancers): the proxy, not the app, ends an
      // idle connection, so it never sends a request on a socket the app is closing at that moment (a reset).
      server.keepAliveTimeout = KEEP_ALIVE_MS;
      server.headersTimeout = KEEP_ALIVE_MS + 1000;
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, () => {
          server!.off('error', reject);
          resolve();
        });
      });
      // After listening, a server error (e.g. too many open files) is logged; the server keeps accepting.
      server.on('error', (error) => logger.error({ err: error.message }, 'HTTP server error'));
      const boundPort = (server.address() as AddressInfo).port;
      logger.info(
        {
          mode: config.slack.mode,
          port: boundPort,
          ...(outbound.proxied ? { proxy: outbound.describe(config.proxy.noProxy) } : {}),
        },
        'starting: reaching Slack',
      );
      try {
        await reachSlack();
      } catch (error) {
        if (socket) {
          socket.stopRetrying();
          await bolt.stop().catch(() => undefined);
        }
        await closeServer();
        throw error;
      }
      connection.ready();
      if (directory)
        void directory.writeCapability().then((writes) => {
          health.directoryWrites = writes;
          logWriteCapability(logger, writes);
        });
      checkpointer.start();
      outbox.start();
      scheduler.start();
      logger.info({ mode: config.slack.mode, port: boundPort }, 'kintone-login is running');
      return boundPort;
    },
    async stop() {
      logger.info('shutting down: no new work; finishing what is in flight');
      const wasStarting = !connection.isReady;
      connection.stopping();
      socket?.stopRetrying();
      starting.abort(new StartupAborted());
      const closing = Promise.all([closeServer(), socket && !wasStarting ? bolt.stop() : undefined]).then(
        () => undefined,
      );
      server?.closeIdleConnections();
      scheduler.stop();
      await Promise.race([router.idle(), delay(SHUTDOWN_GRACE_MS)]);
      await Promise.race([dutyGroup?.settled(), delay(SHUTDOWN_GRACE_MS)]);
      await outbox.stop();
      await backups?.idle();
      await Promise.race([closing, delay(SHUTDOWN_GRACE_MS)]);
      await checkpointer.stop();
      slackClient.close();
      await outbound.close();
    },
  };
}

/** The Web API base URL with its trailing slash (auth.test is resolved against it). */
function apiBase(url: string | undefined): URL {
  const base = url ?? 'https://slack.com/api/';
  return new URL(base.endsWith('/') ? base : `${base}/`);
}

/** A message that can never be delivered reaches the admins by DM (an alert that fails itself is only logged). */
function alertAdminsOfFailure(deps: AppDeps, row: OutboxRow, error: string): void {
  if (row.role === 'alert') return;
  const t = translator(deps.config.defaultLocale);
  const text = t('admin.alert.delivery_failed', {
    error,
    report: row.reportId === null ? '—' : `#${row.reportId}`,
    channel: row.target ?? '—',
  });
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    for (const admin of new Roster(deps.db).list()) {
      enqueueDm(tx, {
        userId: admin.slackId,
        message: { text },
        now,
        role: 'alert',
        ...(row.reportId !== null ? { reportId: row.reportId } : {}),
      });
    }
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
