/**
 * The composition root: reads the workspace, opens storage, starts the embedded local AWS, builds the
 * engine, runner and HTTP app, listens, runs the after-startup flows, and shuts all of it down in order.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Engine } from '@flowbridge/runtime';
import type { DestinationStream } from 'pino';
import type { AfterStartupReport } from './after-startup.js';
import { SettingsStore } from './config/settings-store.js';
import { StartupHealth } from './startup-health.js';
import { WorkspaceRefactor } from './workspace/workspace-refactor.js';
import { createApp, type AppMount, type HttpApp, type Readiness } from './app.js';
import { isLoopback, type ServerConfig } from './config/server-config.js';
import { loadSettings, type WorkspaceSettings } from './config/settings.js';
import { DebugSessions } from './debug/debug-sessions.js';
import { createHostServices, createServerEngine } from './engine.js';
import { FlowCatalog } from './flows/flow-catalog.js';
import { EventBus } from './live/event-bus.js';
import { createLogger, type Logger } from './observability/logger.js';
import { createMetrics, type ServerMetrics } from './observability/metrics.js';
import { SecretMasker } from './observability/secret-masker.js';
import { LiveStreams } from './routes/stream.js';
import { registerStreamMetrics } from './live/stream-metrics.js';
import { FlowRunner } from './runs/flow-runner.js';
import { WorkerPool } from './runs/worker-pool.js';
import { createPostgresStorage } from './storage/postgres-storage.js';
import { createSqliteStorage } from './storage/sqlite-storage.js';
import type { Storage } from './storage/storage.js';
import { ConstantsStore } from './workspace/constants-store.js';
import { FlowStore } from './workspace/flow-store.js';
import { prepareWorkspace } from './workspace/workspace-layout.js';

/** What a module mounted into the server (the event endpoint) gets to work with. */
export interface ServerModuleContext {
  storage: Storage;
  runner: FlowRunner;
  catalog: FlowCatalog;
  constants: ConstantsStore;
  settings: WorkspaceSettings;
  metrics: ServerMetrics;
  bus: EventBus;
  logger: Logger;
}

/** A module the server mounts outside the admin guards; `stop` runs during shutdown, before storage closes. */
export interface ServerModule {
  mounts: AppMount[];
  /** Called once the server listens (e.g. to start a dispatcher). */
  start?(): Promise<void> | void;
  /** Stops accepting work and waits for work in progress (e.g. inbox writes). */
  stop?(): Promise<void>;
  /** Checks for `/readyz`: a name, whether it holds, and what an operator reads (e.g. a stalled dispatcher). */
  health?(): { name: string; ok: boolean; detail: string };
}

export type ServerModuleFactory = (context: ServerModuleContext) => ServerModule;

export interface StartServerOptions {
  config: ServerConfig;
  /** Defaults to every installed connector (`createServerEngine`). */
  engine?: Engine;
  /** Environment for constant overrides; `process.env` by default. */
  env?: NodeJS.ProcessEnv;
  /** Where log lines go (tests capture them); stdout by default. */
  logDestination?: DestinationStream;
  /** The editor build to serve; `null` serves none. */
  editorDir?: string | null;
  /** Modules mounted next to the admin API (the event endpoint). */
  modules?: readonly ServerModuleFactory[];
  /** Prometheus process metrics (off in tests that start many servers). */
  defaultMetrics?: boolean;
}

export interface RunningServer {
  /** e.g. `http://127.0.0.1:8080` */
  url: string;
  port: number;
  /** The embedded local AWS endpoint, when one was started. */
  localAwsUrl?: string;
  /** The Express application (tests walk its registered routes). */
  app: HttpApp['app'];
  storage: Storage;
  runner: FlowRunner;
  bus: EventBus;
  logger: Logger;
  /** Resolves when the after-startup flows have finished. */
  afterStartup: Promise<AfterStartupReport>;
  /** Graceful shutdown: stop accepting, finish runs and module work, close local AWS and storage. */
  close(): Promise<void>;
}

/** Starts everything; throws `ConfigError` for a bad workspace before anything listens. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { config } = options;
  const env = options.env ?? process.env;
  // Local defaults of secret constants (e.g. local AWS's `test` key) only while nothing leaves this machine.
  const fullyLocal = config.aws.kind === 'embedded' && isLoopback(config.host);
  const constants = new ConstantsStore(config.workspaceDir, env, fullyLocal);
  const masker = new SecretMasker(() => constants.secretStrings(), () => constants.version);
  const logger = createLogger({ level: config.logLevel, masker, ...(options.logDestination ? { destination: options.logDestination } : {}) });

  const settings = await loadSettings(config.workspaceDir);
  await constants.load();
  await prepareWorkspace(config.workspaceDir, logger);

  const storage = await openStorage(config, logger);
  const closers: Array<() => Promise<void>> = [() => storage.close()];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch((error: unknown) => logger.error({ err: error }, 'shutdown step failed'));
  };
  try {
    const interrupted = await storage.runs.markInterrupted(new Date().toISOString());
    if (interrupted > 0) logger.warn({ runs: interrupted }, 'runs that were in progress when the server last stopped are marked interrupted');
    await applyRetention(storage, settings, logger);

    const localAwsUrl = await startEmbeddedAws(config, logger, closers);
    // The listening URL is known only after listen; the service reads it then instead of being changed later.
    let listeningUrl: string | undefined;
    const services = createHostServices({
      constants: { get: async (name) => constants.resolve(name)?.value },
      routing: storage.routing,
      registrations: storage.registrations,
      ...(localAwsUrl ? { awsEndpoint: localAwsUrl } : {}),
      appUrl: config.appUrl ?? {
        url: async () => {
          if (listeningUrl === undefined) throw new Error('The app URL is not known until the server listens; set APP_URL to use it earlier.');
          return listeningUrl;
        },
      },
    });

    const bus = new EventBus();
    const metrics = createMetrics(storage.inbox, { defaultMetrics: options.defaultMetrics ?? true });
    const catalog = new FlowCatalog(new FlowStore(config.workspaceDir), options.engine ?? createServerEngine(), constants);
    // Workers build the installed engine themselves; a custom engine (tests, embedders) cannot cross threads, so it runs here.
    const pool = options.engine || settings.workers.count === 0 ? undefined : new WorkerPool({ ...settings.workers, workers: settings.workers.count, services, logger });
    pool?.warm(settings.limits.heapMb);
    const debuggerOff =
      config.mode === 'production'
        ? 'The debugger is off in production mode (FLOWBRIDGE_MODE=production); debug in a development workspace.'
        : settings.debugger.enabled
          ? undefined
          : 'The debugger is turned off in settings.json (debugger.enabled: false).';
    const debugSessions: DebugSessions = new DebugSessions({ settings: settings.debugger, bus, masker, logger, run: (flow, parameters, start) => runner.run(flow, parameters, start) });
    const runner: FlowRunner = new FlowRunner({
      catalog,
      storage,
      bus,
      metrics,
      constants,
      masker,
      logger,
      services,
      limits: settings.limits,
      ...(pool ? { pool } : {}),
      ...(debuggerOff === undefined ? { armedDebugger: (flow: string, eventId: string | undefined) => debugSessions.takeArmed(flow, eventId) } : {}),
    });
    for (const { flow, message } of await catalog.loadErrors()) logger.warn({ flow, problem: message }, 'flow file not loaded; it is skipped until fixed');
    const streams = new LiveStreams();
    registerStreamMetrics(metrics.registry, streams);
    const context: ServerModuleContext = { storage, runner, catalog, constants, settings, metrics, bus, logger };
    const modules = (options.modules ?? []).map((factory) => factory(context));

    const settingsStore = new SettingsStore(config.workspaceDir, settings);
    const startupHealth = new StartupHealth(settings, runner, storage, catalog, logger);
    // A saved flow may fix (or break) an after-startup flow: health follows without a restart.
    catalog.store.onChange(() => startupHealth.changed());
    const refactor = new WorkspaceRefactor(config.workspaceDir, catalog, settingsStore, constants, storage.routing);
    const readiness = async (): Promise<Readiness> => {
      const checks: Record<string, string> = {};
      try {
        await storage.ping();
        checks.storage = 'ok';
      } catch (error) {
        checks.storage = `failing: ${(error as Error).message}`;
      }
      // Flows that cannot be loaded are skipped, not fatal: reported here, the server stays ready.
      const loadErrors = await catalog.loadErrors().catch((error: unknown) => [{ flow: '*', message: (error as Error).message }]);
      checks.flows = loadErrors.length === 0 ? 'ok' : `${loadErrors.length} not loaded: ${loadErrors.map((e) => `${e.flow} (${e.message})`).join('; ')}`;
      const afterStartupDone = startupHealth.last();
      if (!afterStartupDone) checks.afterStartup = 'running';
      else if (afterStartupDone.ok) checks.afterStartup = 'ok';
      else checks.afterStartup = `failed: ${afterStartupDone.results.map((r) => `${r.flow} ${r.status}${r.message ? ` (${r.message})` : ''}`).join('; ')}`;
      let modulesOk = true;
      for (const module of modules) {
        const health = module.health?.();
        if (!health) continue;
        checks[health.name] = health.detail;
        modulesOk &&= health.ok;
      }
      return { ready: checks.storage === 'ok' && checks.afterStartup === 'ok' && modulesOk, checks };
    };

    const { app, listener } = createApp({
      catalog,
      runner,
      storage,
      constants,
      bus,
      metrics,
      logger,
      streams,
      allowedHosts: config.allowedHosts,
      ...(config.adminToken ? { adminToken: config.adminToken } : {}),
      readiness,
      refactor,
      settings: settingsStore,
      health: startupHealth,
      debug: { sessions: debugSessions, ...(debuggerOff !== undefined ? { off: debuggerOff } : {}) },
      ...(options.editorDir !== undefined ? { editorDir: options.editorDir } : {}),
      mounts: modules.flatMap((m) => m.mounts),
      version: await packageVersion(),
      ...(config.mode ? { mode: config.mode } : {}),
    });
    const server = await listen(listener, config.port, config.host);
    const responses = trackResponses(server);
    const port = (server.address() as AddressInfo).port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    listeningUrl = url;

    const retention = setInterval(() => void applyRetention(storage, settings, logger), 60 * 60 * 1000);
    retention.unref();
    for (const module of modules) await module.start?.();
    // The event endpoints mounted (none when turned off), for npm start's ready block and for operators.
    const eventEndpoints = modules.flatMap((m) => m.mounts.flatMap((mount) => Object.values(mount.routes ?? {}).map((route) => route.path)));
    logger.info({ url, workspace: config.workspaceDir, storage: storage.description, localAws: localAwsUrl ?? config.aws.kind, eventEndpoints }, `Flowbridge is running at ${url}/`);

    const afterStartup = startupHealth.rerun();

    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        logger.info('shutting down: no new requests; finishing runs in progress');
        clearInterval(retention);
        // Paused runs are let go first: the dispatcher and the drain below wait for them.
        debugSessions.close();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        streams.closeAll();
        for (const module of modules) await module.stop?.().catch((error: unknown) => logger.error({ err: error }, 'a module failed to stop'));
        startupHealth.stop();
        await afterStartup.catch(() => undefined);
        await startupHealth.settled();
        await runner.drain();
        // Responses of the runs just finished are still being written: let them go out, then cut idle keep-alives.
        await responses.settled(5_000);
        server.closeAllConnections();
        await stopped;
        await closeAll();
        logger.info('stopped');
        logger.flush();
      })());

    return { url, port, ...(localAwsUrl ? { localAwsUrl } : {}), app, storage, runner, bus, logger, afterStartup, close };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** PostgreSQL when `DATABASE_URL` is set (several instances may share it), else the embedded SQLite file. */
async function openStorage(config: ServerConfig, logger: Logger): Promise<Storage> {
  if (config.databaseUrl === undefined) return createSqliteStorage(join(config.dataDir, 'flowbridge.db'));
  return createPostgresStorage(config.databaseUrl, {
    onPoolError: (error) => logger.warn({ err: error }, 'an idle PostgreSQL connection failed; the pool replaces it'),
  });
}

/** Deletes runs outside the retention settings; logs, never throws. */
async function applyRetention(storage: Storage, settings: WorkspaceSettings, logger: Logger): Promise<void> {
  const { maxAgeDays, maxRuns } = settings.runs;
  try {
    const deleted = await storage.runs.prune({
      ...(maxAgeDays > 0 ? { endedBefore: new Date(Date.now() - maxAgeDays * 86_400_000).toISOString() } : {}),
      ...(maxRuns > 0 ? { keep: maxRuns } : {}),
    });
    if (deleted > 0) logger.info({ deleted }, 'old runs removed by the retention settings');
  } catch (error) {
    logger.error({ err: error }, 'applying run retention failed');
  }
}

/** Starts `@flowbridge/local-aws` when configured to; a failure to start is logged, not fatal (flows that need AWS then fail with a clear error). */
async function startEmbeddedAws(config: ServerConfig, logger: Logger, closers: Array<() => Promise<void>>): Promise<string | undefined> {
  if (config.aws.kind === 'external') {
    logger.info({ variables: config.aws.variables }, 'using the AWS endpoint from the environment; the embedded local AWS is not started');
    return undefined;
  }
  if (config.aws.kind === 'off') return undefined;
  try {
    const { startLocalAws } = await import('@flowbridge/local-aws');
    const localAws = await startLocalAws({
      port: config.aws.port,
      host: '127.0.0.1',
      stateFile: join(config.dataDir, 'local-aws.json'),
      logger: (line) => logger.debug({ component: 'local-aws' }, line),
    });
    closers.push(() => localAws.close());
    logger.info({ url: localAws.url }, 'embedded local AWS (EventBridge + STS) is running');
    return localAws.url;
  } catch (error) {
    logger.warn(
      { err: error, port: config.aws.port },
      `the embedded local AWS could not start on port ${config.aws.port}; set LOCAL_AWS_PORT to a free port, LOCAL_AWS_PORT=off, or AWS_ENDPOINT_URL`,
    );
    return undefined;
  }
}

/** Counts responses in progress so shutdown can wait for them instead of guessing. */
function trackResponses(server: Server): { settled(timeoutMs: number): Promise<void> } {
  let active = 0;
  let waiters: Array<() => void> = [];
  server.on('request', (_req, res: ServerResponse) => {
    active++;
    res.once('close', () => {
      active--;
      if (active === 0) for (const wake of waiters.splice(0)) wake();
    });
  });
  return {
    settled: (timeoutMs) =>
      active === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            waiters.push(resolve);
            setTimeout(() => {
              waiters = waiters.filter((w) => w !== resolve);
              resolve();
            }, timeoutMs).unref();
          }),
  };
}

function listen(listener: RequestListener, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(listener);
    server.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}

async function packageVersion(): Promise<string> {
  try {
    const text = await readFile(new URL('../package.json', import.meta.url), 'utf8');
    return (JSON.parse(text) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
