import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel, type Receiver } from '@slack/bolt';
import { getTypeAndConversation } from '@slack/bolt/dist/helpers.js';
import type { AppDeps } from './deps.js';
import { directoryFromConfig, type DirectoryService } from './directory/from-config.js';
import { cachedEnvironmentCheck } from './directory/environment-check.js';
import { WriteWatchedDirectory } from './directory/write-watch.js';
import { WriteRefusalStore } from './directory/write-refusal-store.js';
import { writesBlocked, type WriteCapability } from './directory/write-capability.js';
import { DiagnoseThrottle } from './diagnosis/diagnose-throttle.js';
import { rememberedAccountFacts } from './troubleshoot/account-facts.js';
import { bearerMatches, HealthState, healthReport } from './health.js';
import { answer, answerClientError, httpEdge, type EdgeRoute } from './http-edge.js';
import { AppMetrics } from './metrics/metrics.js';
import { ScheduledBackups } from './scheduled-backups.js';
import { SingleSignOn } from './identity/oidc.js';
import { handleOidcCallback, handleOidcConfirm } from './slack/oidc-callback.js';
import { AccountActions } from './account-actions/account-actions.js';
import { SecretStore } from './account-actions/secret-store.js';
import { SelfService } from './account-actions/self-service.js';
import { selfServiceNotices } from './slack/views/self-service.js';
import { purgeConfirmations } from './account-actions/confirmations.js';
import { Retention } from './reports/retention.js';
import { Scheduler } from './reports/scheduler.js';
import { postDailyIfDue } from './reports/daily-post.js';
import { dutyRoster } from './roster/covers.js';
import { onDutyNow } from './routing/duty.js';
import { DutyGroup } from './slack/duty-group.js';
import { dailyPostMessage } from './slack/views/daily-post.js';
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
import { guardSlackRequests } from './slack/request-guard.js';
import type { Registered } from './slack/dispatcher.js';
import { OutboxWorker } from './slack/outbox-worker.js';
import { lifecycleContext, type SlackServices } from './slack/services.js';
import { UserProfiles } from './slack/user-profiles.js';
import { SlackWebClient } from './slack/web-client.js';
import { SlackConnection } from './slack/connection-state.js';
import { Outbound } from './net/outbound.js';
import { probeConnection } from './net/probe.js';
import { socketMode, type SocketMode } from './slack/socket-mode.js';
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
/** How often /healthz's directory reachability is refreshed (a read of one login name). */
const DIRECTORY_PROBE_MS = 60_000;

async function probeDirectory(directory: DirectoryService): Promise<{ reachable: boolean; problem?: string }> {
  try {
    await directory.findByLoginName('kintone-login-health-probe');
    return { reachable: true };
  } catch (error) {
    return { reachable: false, problem: (error as { kind?: string }).kind ?? 'unexpected' };
  }
}

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
    { path: '/healthz', methods: { GET: serveHealth, HEAD: serveHealth } },
    { path: '/metrics', methods: { GET: serveMetrics } },
    { path: '/oidc/callback', methods: { GET: (req, res) => handleOidcCallback(services, req, res) } },
    // The person's confirmation of a sign-in: a POST only (a GET, e.g. a prefetch, links nobody).
    { path: '/oidc/confirm', methods: { POST: (req, res) => handleOidcConfirm(services, req, res) } },
  ];
  function serveHealth(req: IncomingMessage, res: ServerResponse): void {
    const { status, body } = healthReport(deps, health, {
      schedulerPollMs: deps.schedulerPollMs ?? 5000,
      detailed: bearerMatches(req.headers.authorization, config.healthToken),
    });
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  }

  /** Guarded like the details of /healthz: 401 without HEALTH_TOKEN's bearer, 404 when no token is configured. */
  async function serveMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!config.healthToken) return answer(req, res, 404);
    if (!bearerMatches(req.headers.authorization, config.healthToken))
      return answer(req, res, 401, { 'www-authenticate': 'Bearer' });
    const { contentType, body } = await metrics.scrape();
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
    res.end(body);
  }

  let receiver: Receiver;
  let httpReceiver: HTTPReceiver | undefined;
  let socket: SocketMode | undefined;
  if (config.slack.mode === 'http') {
    httpReceiver = new HTTPReceiver({
      signingSecret: config.slack.signingSecret ?? '',
      // Its request listener is reached only through guardSlackRequests below, which has checked the signature.
      signatureVerification: false,
      logger: slackLogger,
      // A listener that throws after Bolt parsed the request means the payload was not what it claimed: 400, not 500.
      processEventErrorHandler: async ({ error, response }) => {
        logger.warn({ err: (error as Error).message }, 'request could not be processed');
        if (!response.headersSent) {
          response.writeHead(400);
          response.end();
        }
        return true;
      },
    });
    receiver = httpReceiver;
    // Bolt routes by path again, so it only ever gets the normalised `/slack/events` from the edge.
    // Slack's requests wait until Slack was reached (auth.test): until then they get 503, like /healthz.
    const guarded = guardSlackRequests(httpReceiver.requestListener, {
      signingSecret: config.slack.signingSecret ?? '',
      logger,
    });
    routes.push({
      path: '/slack/events',
      methods: {
        POST: (req, res) => (connection.isReady ? guarded(req, res) : answer(req, res, 503, { 'retry-after': '5' })),
      },
    });
  } else {
    // No HTTP server of its own: the app's edge serves health and SSO, and listens before Slack is reached.
    socket = socketMode({
      appToken: config.slack.appToken ?? '',
      apiUrl: config.slack.apiUrl,
      outbound,
      logger: slackLogger,
      connection,
      clientPingTimeoutMs: deps.socketModeClientPingTimeoutMs,
    });
    receiver = socket.receiver;
  }

  // deferInitialization: the constructor would otherwise call auth.test, and building the app must not touch the network.
  // convoStore: false — Bolt's conversation store is a middleware on every request, and nothing here uses it.
  // Bolt's own client only calls auth.test (in init()): one try per call, start() does the bounded retries.
  const boltClientOptions = {
    ...clientOptions,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: policy.attemptTimeoutMs,
    ...(outbound.proxied ? { fetch: outbound.fetch } : {}),
  };
  const bolt = new App({
    token: config.slack.botToken,
    receiver,
    logger: slackLogger,
    logLevel: level,
    clientOptions: boltClientOptions,
    deferInitialization: true,
    convoStore: false,
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
  let lastDirectoryProbe = 0;
  const retention = new Retention(deps.db, config.retentionDays * 86_400_000, (cutoff) =>
    profiles.forgetFetchedBefore(cutoff),
  );
  const housekeeping = () => {
    const now = deps.clock.now();
    health.lastSchedulerPassAt = now;
    const erased = secrets?.sweep(now) ?? 0;
    if (erased > 0) logger.info({ erased }, 'expired sealed secrets erased');
    const expired = accountActions?.expireApprovals() ?? [];
    if (expired.length > 0) {
      logger.info({ actionIds: expired.map((a) => a.id) }, 'approval requests expired');
      outbox.kick();
    }
    purgeConfirmations(deps.db, now);
    try {
      const posted = postDailyIfDue(deps.db, {
        now,
        timezone: config.timezone,
        at: config.duty.dailyPostAt,
        supportChannelId: config.supportChannelId,
        message: (summary) => dailyPostMessage(summary, { locale: config.defaultLocale, timezone: config.timezone }),
      });
      if (posted) {
        logger.info('daily duty post queued');
        outbox.kick();
      }
    } catch (error) {
      logger.error({ err: (error as Error).message }, 'daily duty post failed; will retry');
    }
    dutyGroup?.kick();
    backups?.tick();
    services.sso?.purgeRequests();
    const swept = retention.maybeSweep(now);
    if (swept && swept.reports + swept.walks + swept.profiles + swept.identities + swept.auditRows > 0) {
      logger.info({ component: 'retention', ...swept }, 'personal data past RETENTION_DAYS erased');
    }
    if (directory && now - lastDirectoryProbe >= DIRECTORY_PROBE_MS) {
      lastDirectoryProbe = now;
      void probeDirectory(directory).then((result) => (health.directory = { ...result, checkedAt: deps.clock.now() }));
      void directory.writeCapability().then((writes) => (health.directoryWrites = writes));
    }
  };
  /** One start-up line: whether the credentials can change users, and the fix when they cannot. */
  const reportWriteCapability = (writes: WriteCapability) => {
    health.directoryWrites = writes;
    if (writes.verdict === 'not_administrator') {
      logger.warn(
        { writes },
        'cybozu.com credentials cannot change users: CYBOZU_LOGIN is not a cybozu.com common administrator (Administrators group); add it to Administrators or configure an administrator',
      );
    } else if (writesBlocked(writes)) {
      logger.warn(
        { writes },
        `cybozu.com credentials cannot change users: a change was refused (CB_NO02) and none has succeeded since; ${writeFix(writes.auth === 'token' ? 'token' : 'password')}`,
      );
    } else if (writes.verdict === 'scope_unknown') {
      logger.info(
        { writes },
        'cybozu.com API token: its scope cannot be read; password resets and resumes need "Read and Write" ("Dangerous Zone" for members of Administrators)',
      );
    } else if (writes.verdict === 'unknown') {
      logger.warn({ writes }, 'cybozu.com credentials: could not check whether they can change users');
    } else {
      logger.info({ writes }, 'cybozu.com credentials can change users (CYBOZU_LOGIN is a common administrator)');
    }
  };
  const checkpointer = new Checkpointer(deps.db, (error) => logger.warn({ err: error.message }, 'database checkpoint'));
  const scheduler = new Scheduler(
    deps.db,
    () => lifecycleContext(services),
    housekeeping,
    () => outbox.kick(),
    logger,
    deps.schedulerPollMs ?? 5000,
  );

  // Bolt leaves a request it cannot classify (garbage that was correctly signed) unanswered until its 3-second
  // timeout, then answers 404: answer it at once instead. Uses Bolt's own classifier.
  const processEvent = bolt.processEvent.bind(bolt);
  bolt.processEvent = async (event) => {
    if (getTypeAndConversation(event.body).type === undefined) {
      logger.debug('unclassifiable request acknowledged and ignored');
      await event.ack();
      return;
    }
    await processEvent(event);
  };
  bolt.error(async (error) => {
    logger.error({ err: error.message, code: (error as { code?: string }).code }, 'unhandled error in a listener');
  });
  const router = registerListeners(bolt, services, logger);

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
      if (directory) void directory.writeCapability().then((writes) => reportWriteCapability(writes));
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

/** What an operator does when cybozu.com refuses writes, for the auth method in use. */
function writeFix(auth: 'token' | 'password'): string {
  return auth === 'token'
    ? 'the API token needs the "Read and Write" scope ("Dangerous Zone" for members of Administrators); issue one and set CYBOZU_API_TOKEN'
    : 'CYBOZU_LOGIN must be a cybozu.com common administrator (Administrators group)';
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
