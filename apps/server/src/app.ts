/**
 * The Express application: probes, mounted modules (the event endpoint), the guarded admin API, the
 * editor build, and JSON errors for everything else. It only wires; behaviour lives in what it is given.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { existsSync } from 'node:fs';
import type { RequestListener } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FlowCatalog } from './flows/flow-catalog.js';
import { answeredOversizedBody, API_BODY_LIMIT_BYTES, refuseOversizedBody, verifyJsonDepth } from './http/body-limits.js';
import { openApiDocument, type RouteSpec } from '@flowbridge/api-schema';
import { apiRoute } from './http/api-route.js';
import { HttpError, sendError } from './http/http-error.js';
import { UnsafeWorkspaceFileError, WorkspaceWriteError } from './workspace/workspace-errors.js';
import { ConfigError } from './config/config-error.js';
import { contextOf, requestContext } from './http/request-context.js';
import { directRoutesFirst, type DirectRoute } from './http/direct-routes.js';
import { readOnlyWorkspace } from './http/read-only-workspace.js';
import { securityHeaders } from './http/security-headers.js';
import { bearerToken, hostCheck, jsonOnlyStateChanges } from './http/security.js';
import type { EventBus } from './live/event-bus.js';
import type { Logger } from './observability/logger.js';
import type { ServerMetrics } from './observability/metrics.js';
import { constantsRouter } from './routes/constants.js';
import { expressionsRouter } from './routes/expressions.js';
import { defaultGuideDir, guideRouter } from './guide/guide-router.js';
import { debugRouter, type DebugRouterOptions } from './routes/debug.js';
import { flowsRouter } from './routes/flows.js';
import { inboxRouter } from './routes/inbox.js';
import { runsRouter } from './routes/runs.js';
import { workspaceRouter } from './routes/workspace.js';
import type { SettingsStore } from './config/settings-store.js';
import type { StartupHealth } from './startup-health.js';
import type { WorkspaceRefactor } from './workspace/workspace-refactor.js';
import type { LiveStreams } from './routes/stream.js';
import type { FlowRunner } from './runs/flow-runner.js';
import type { Storage } from './storage/storage.js';
import { InvalidConstantNameError, type ConstantsStore } from './workspace/constants-store.js';
import { InvalidFlowNameError, PreconditionFailedError } from './workspace/flow-store.js';

/** A handler mounted outside the admin guards (no Host check, no admin token, no JSON-only rule), e.g. the event endpoint. */
export interface AppMount {
  /** Path prefix, e.g. `/rest/Vendor/v1`. Must not start with `/api`. */
  path: string;
  handler: RequestHandler;
  /** Largest request body it takes; a longer declared `Content-Length` is refused before it is read. Default: the /api limit. */
  bodyLimitBytes?: number;
  /** The routes it answers, by operation id, for `/api/openapi.json` (their paths are not in the fixed route table). */
  routes?: Readonly<Record<string, RouteSpec>>;
  /**
   * Its busiest route, answered ahead of Express when method and path match exactly (the handler must
   * also be what `handler` runs for that route, which still answers every other spelling of the path).
   */
  direct?: Omit<DirectRoute, 'bodyLimitBytes'>;
}

/** The Express application, and the listener that serves it: direct routes first, then the application. */
export interface HttpApp {
  app: express.Express;
  listener: RequestListener;
}

/** What `/readyz` reports. */
export interface Readiness {
  ready: boolean;
  checks: Record<string, string>;
}

export interface AppOptions {
  catalog: FlowCatalog;
  runner: FlowRunner;
  storage: Storage;
  constants: ConstantsStore;
  bus: EventBus;
  metrics: ServerMetrics;
  logger: Logger;
  streams: LiveStreams;
  /** Host names the admin surface answers to. */
  allowedHosts: readonly string[];
  /** When set, every `/api` request and `/metrics` need `Authorization: Bearer <adminToken>`. */
  adminToken?: string;
  readiness: () => Promise<Readiness>;
  /** Reference-aware renames and deletes. */
  refactor: WorkspaceRefactor;
  settings: SettingsStore;
  /** After-startup flows' health, shown by the editor. */
  health: StartupHealth;
  /** Folder of the built editor; defaults to the `@flowbridge/editor` package's `dist`; `null` serves none. */
  editorDir?: string | null;
  mounts?: readonly AppMount[];
  version?: string;
  /** The debugger's sessions, and why it is off when it is (its routes then answer 403). */
  debug?: Omit<DebugRouterOptions, 'catalog'>;
  /** `production`: flows and constants are read-only (403), and `/api/info` tells the editor so. */
  mode?: 'development' | 'production';
}

/** Where the editor build goes (it may not be built yet: the page is looked up per request). */
export function defaultEditorDir(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    return join(dirname(require.resolve('@flowbridge/editor/package.json')), 'dist');
  } catch {
    return undefined;
  }
}

/** Builds the application from its parts. */
export function createApp(options: AppOptions): HttpApp {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // What every request gets first, direct routes too.
  const front = [requestContext(options.logger, options.metrics), securityHeaders()];
  for (const middleware of front) app.use(middleware);

  // Probes: answered for any Host and without a token (load balancers and orchestrators call them by IP).
  apiRoute(app, '', 'healthz', (_input, res) => res.json({ status: 'ok' }));
  apiRoute(app, '', 'readyz', async (_input, res) => {
    const readiness = await options.readiness();
    res.status(readiness.ready ? 200 : 503).json({ status: readiness.ready ? 'ready' : 'not ready', checks: readiness.checks });
  });

  for (const mount of options.mounts ?? []) {
    if (mount.path.startsWith('/api')) throw new Error(`A mounted module may not use the admin path ${mount.path}`);
    const limit = mount.bodyLimitBytes ?? API_BODY_LIMIT_BYTES;
    const handler = mount.handler;
    // One layer rather than the size check and the handler as two: the router matches and strips the
    // mount path once per request instead of twice, on the event endpoint's hot path.
    const layer: RequestHandler = (req, res, next) => (answeredOversizedBody(req, res, limit) ? undefined : handler(req, res, next));
    // Whatever walks the app's router stack (route listings, the OpenAPI coverage test) still sees a mounted router's routes.
    if ('stack' in handler) Object.defineProperty(layer, 'stack', { get: () => handler.stack });
    app.use(mount.path, layer);
  }

  app.use(hostCheck(options.allowedHosts));
  const token = options.adminToken ? bearerToken(options.adminToken, { queryParameterFor: (req) => req.path === '/stream' && req.method === 'GET' }) : undefined;
  if (token) {
    app.use('/api', token);
    app.use('/metrics', token);
  }
  apiRoute(app, '', 'metrics', async (_input, res) => {
    res.setHeader('content-type', options.metrics.registry.contentType);
    res.send(await options.metrics.registry.metrics());
  });

  app.use('/api', jsonOnlyStateChanges());
  app.use('/api', refuseOversizedBody(API_BODY_LIMIT_BYTES));
  app.use('/api', express.json({ limit: API_BODY_LIMIT_BYTES, strict: false, verify: verifyJsonDepth }));
  apiRoute(app, '', 'health', (_input, res) => res.json({ status: 'ok' }));
  const openApi = openApiDocument(options.version ?? '0.0.0', Object.assign({}, ...(options.mounts ?? []).map((mount) => mount.routes ?? {})));
  apiRoute(app, '', 'openapi', (_input, res) => res.json(openApi));
  const mode = options.mode ?? 'development';
  apiRoute(app, '', 'info', (_input, res) => res.json({ mode, readOnly: mode === 'production', version: options.version ?? '0.0.0', storage: options.storage.shared ? 'shared' : 'embedded' }));
  if (mode === 'production') app.use('/api', readOnlyWorkspace());
  app.use('/api/flows', flowsRouter(options.catalog, options.runner, options.refactor));
  app.use('/api/runs', runsRouter(options.storage));
  app.use('/api/constants', constantsRouter(options.constants, options.refactor));
  app.use(workspaceRouter({ refactor: options.refactor, settings: options.settings, health: options.health, readOnly: mode === 'production' }));
  app.use('/api/inbox', inboxRouter(options.storage, options.bus));
  app.use('/api/expressions', expressionsRouter(options.runner));
  if (options.debug) app.use('/api/debug', debugRouter({ ...options.debug, catalog: options.catalog }));
  const stream = options.streams.handler(options.bus);
  apiRoute(app, '', 'stream', (_input, res, req) => stream(req, res));
  app.use('/api', (req, res) => sendError(res, 404, 'NotFound', `No API route ${req.method} ${pathOf(req)}; see /api/openapi.json.`));

  const guideDir = defaultGuideDir();
  if (guideDir) app.use('/guide', guideRouter(guideDir));

  const editorDir = options.editorDir === null ? undefined : (options.editorDir ?? defaultEditorDir());
  if (editorDir) {
    app.use(express.static(editorDir, { index: 'index.html' }));
    // The editor routes on the client; every other GET gets its page.
    app.get('/{*splat}', (_req, res) => {
      const page = join(editorDir, 'index.html');
      if (existsSync(page)) return res.sendFile(page);
      sendError(res, 404, 'EditorNotBuilt', `The editor is not built (no ${page}); run "npm start", or build it with "npx -y pnpm@12.4.2 --filter @flowbridge/editor build".`);
    });
  }
  app.use((req, res) => sendError(res, 404, 'NotFound', `Nothing at ${req.method} ${pathOf(req)}.`));
  app.use(errorHandler(options.logger));

  const direct = (options.mounts ?? []).flatMap((mount) => (mount.direct ? [{ ...mount.direct, bodyLimitBytes: mount.bodyLimitBytes ?? API_BODY_LIMIT_BYTES }] : []));
  const listener = directRoutesFirst(app, front, direct, (error) => options.logger.error({ err: error }, 'request failed'));
  return { app, listener };
}

/** The request's full path without the query (which may hold a token), shortened for messages. */
function pathOf(req: Request): string {
  return (req.originalUrl.split('?')[0] ?? '').slice(0, 200);
}

/** Turns anything thrown into `{error, message, details?}`; unknown errors are logged and answered 500. */
function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(error);
    if (error instanceof HttpError) return sendError(res, error.status, error.code, error.message, error.details);
    if (error instanceof InvalidFlowNameError) return sendError(res, 400, 'InvalidFlowName', error.message);
    if (error instanceof InvalidConstantNameError) return sendError(res, 400, 'InvalidConstantName', error.message);
    if (error instanceof UnsafeWorkspaceFileError) return sendError(res, 409, 'UnsafeWorkspaceFile', error.message);
    if (error instanceof WorkspaceWriteError) return sendError(res, 503, 'WorkspaceNotWritable', error.message);
    if (error instanceof ConfigError) return sendError(res, 503, 'WorkspaceFileInvalid', `${error.message}. Fix the file; nothing was changed.`);
    if (error instanceof PreconditionFailedError) {
      return sendError(res, 412, 'PreconditionFailed', error.message, error.currentEtag ? { currentEtag: error.currentEtag } : undefined);
    }
    const e = error as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.parse.failed') return sendError(res, 400, 'InvalidJson', `The request body is not valid JSON: ${e.message ?? ''}`);
    if (e.type === 'entity.too.large') return sendError(res, 413, 'PayloadTooLarge', 'The request body is larger than 5 MB.');
    if (e.type === 'entity.too.deep') return sendError(res, 400, 'InvalidJson', e.message ?? 'The JSON body is nested too deeply.');
    if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') return sendError(res, 415, 'UnsupportedMediaType', e.message ?? 'Unsupported body encoding.');
    if (error instanceof URIError) return sendError(res, 400, 'BadRequest', 'The URL is not validly percent-encoded.');
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) return sendError(res, e.status, 'BadRequest', e.message ?? 'Bad request.');
    const context = contextOf(req, logger);
    context.log.error({ err: error }, 'request failed');
    sendError(res, 500, 'InternalError', `The server failed to handle the request; its log has the details (request id ${context.id}).`);
  };
}
