/**
 * The event endpoints installed connectors declare, and the one dispatcher behind them, mounted into the
 * server. Each connector's declaration says where its endpoint is, how a request is checked and how it
 * becomes an event that finds its flow; the inbox pipeline (group commit, dispatcher) lives in
 * `../event-pipeline`; this module binds them to Express, the storage, the flow runner, metrics and
 * live updates, and owns rate limits and key lockout for every endpoint alike.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Gauge } from 'prom-client';
import express, { Router } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { eventEndpointRoute } from '@flowbridge/api-schema';
import type { EventEndpointDeclaration } from '@flowbridge/runtime';
import type { AppMount } from '../app.js';
import { installedConnectors } from '../engine.js';
import { EventDispatcher, type CallbackHooks, type CallbackOutcome, type CallbackResult } from '../event-pipeline/dispatcher.js';
import { GroupCommit } from '../storage/group-commit.js';
import type { ServerModule, ServerModuleContext, ServerModuleFactory } from '../server.js';
import type { InboxEntry, InboxEntryState, NewInboxEvent, RunRecord } from '../storage/storage.js';
import { RateLimiter } from './rate-limiter.js';
import { answerJson } from '../http/json-answer.js';

/** Failed attempts per minute with one wrong key (by its fingerprint) before that key is answered 429. */
export const FAILED_AUTH_PER_KEY_PER_MINUTE = 30;
/** Failed attempts per minute from everyone together before every wrong key is answered 429. */
export const FAILED_AUTH_GLOBAL_PER_MINUTE = 300;

/**
 * Identifies a presented key for lockout counting without keeping it: failures are counted per key
 * and not per client address, because cloud senders share their addresses with all their customers.
 */
function keyFingerprint(presented: string | undefined): string {
  return createHash('sha256').update(presented ?? '', 'utf8').digest('hex').slice(0, 16);
}
/**
 * A callback run is aborted this long before its claim lease ends (a tenth of the lease, at most a
 * minute), so a live instance has always finished and released before another may take over.
 */
export function runTimeoutMs(leaseMs: number): number {
  return leaseMs - Math.min(60_000, Math.ceil(leaseMs / 10));
}

type Received = { entry: InboxEntry; duplicate: boolean };

/** The endpoints every installed connector declares. */
export function installedEndpoints(): EventEndpointDeclaration[] {
  return installedConnectors.flatMap((connector) => connector.endpoints);
}

/** Builds the event endpoint module from the server's context, mounting the installed connectors' endpoints. */
export function eventEndpointModule(context: ServerModuleContext): ServerModule {
  return createEventEndpointModule(installedEndpoints())(context);
}

/** A module factory mounting `endpoints` (tests mount made-up ones); every endpoint feeds the one inbox and dispatcher. */
export function createEventEndpointModule(endpoints: ReadonlyArray<EventEndpointDeclaration>): ServerModuleFactory {
  const paths = new Set<string>();
  for (const endpoint of endpoints) {
    if (paths.has(endpoint.path)) throw new Error(`Two installed connectors declare the event endpoint ${endpoint.path}; give each its own path.`);
    paths.add(endpoint.path);
  }
  return (context) => mountEndpoints(endpoints, context);
}

function mountEndpoints(endpoints: ReadonlyArray<EventEndpointDeclaration>, context: ServerModuleContext): ServerModule {
  const { storage, runner, catalog, constants, settings, metrics, bus, logger } = context;
  const options = settings.eventEndpoint;
  const leaseMs = options.claimLeaseSeconds * 1000;
  const log = logger.child({ component: 'event-endpoint' });
  const requests = new RateLimiter(options.rateLimitPerMinute);
  const failedByKey = new RateLimiter(FAILED_AUTH_PER_KEY_PER_MINUTE);
  const failedGlobally = new RateLimiter(FAILED_AUTH_GLOBAL_PER_MINUTE);
  // The workspace settings name the key's header and constant for every endpoint alike.
  const keyHeader = options.apiKeyHeader.toLowerCase();
  const expectedKey = () => {
    const value = constants.resolve(options.apiKeyConstant)?.value;
    return typeof value === 'string' ? value : undefined;
  };
  // body-parser reads only Node's request fields; its types ask for Express's.
  const readBody = express.raw({ type: () => true, limit: options.bodyLimitBytes }) as unknown as (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;
  const commit = new GroupCommit<NewInboxEvent, Received>((events) => storage.inbox.receiveMany(events));
  let accepting = true;

  const announce = (entry: InboxEntryState) => bus.publish('inbox.changed', { ids: [entry.id], status: entry.status });

  const owner = `${process.pid}-${randomUUID()}`;
  const dispatcher = new EventDispatcher({
    inbox: storage.inbox,
    owner,
    concurrency: options.dispatchConcurrency,
    leaseMs,
    singleInstance: !storage.shared,
    policy: { maxAttempts: options.maxAttempts, backoffMs: options.retryDelayMs, maxBackoffMs: 15 * 60_000 },
    routeFor: (eventType) => storage.routing.get(eventType),
    // The claim reads the same routing table in its statement.
    routesFromClaim: true,
    succeededRunFor: (eventId) => storage.runs.succeededForEvent(eventId),
    runCallback: async (flow, entry, hooks) => runCallback(flow, entry, hooks),
    onChange: announce,
    onError: (error) => log.error({ err: error }, 'the dispatcher failed; it keeps going'),
  });

  // The parameter types the endpoints hand their requests to; a bound flow takes one of them.
  const parameterTypes = new Set(endpoints.map((e) => e.callbackParameterType));
  const parameterTypesText = [...parameterTypes].join(' or ') || 'request';

  /** A callback run's outcome as the dispatcher reads it. */
  const outcomeOf = (record: RunRecord): CallbackOutcome => ({
    runId: record.id,
    succeeded: record.status === 'succeeded',
    ...(record.error ? { error: `${record.error.kind}: ${record.error.message}` } : {}),
  });

  async function runCallback(flow: string, entry: InboxEntry, hooks: CallbackHooks): Promise<CallbackResult> {
    const snapshot = await catalog.snapshot({ reuse: true });
    const parameter = snapshot.get(flow)?.document?.parameters.find((p) => parameterTypes.has(p.type));
    if (!parameter) {
      return { runId: '', succeeded: false, error: `The callback flow "${flow}" does not exist or has no ${parameterTypesText} parameter.` };
    }
    const receivedAt = entry.receivedAt;
    if (receivedAt) metrics.dispatchLatency.observe(Math.max(0, Date.now() - Date.parse(receivedAt)) / 1000);
    // The endpoint stored the callback's request value in two parts; the event is its `event` field.
    const request = { ...(entry.request as Record<string, unknown> | undefined), event: entry.event };
    // The finished run record and the entry's new status are written in one transaction.
    let settled: { entry: InboxEntryState | undefined } | undefined;
    const outcome = await runner.run(flow, { [parameter.name]: request }, {
      trigger: 'event',
      eventId: entry.id,
      timeoutMs: runTimeoutMs(leaseMs),
      onDebugged: hooks.releaseSlot,
      traceOnSuccess: options.callbackTrace,
      storeFinished: async (record, inserted) => {
        settled = { entry: await storage.inbox.settle(entry.id, owner, hooks.changeFor(outcomeOf(record)), { record, inserted }) };
      },
    });
    if (!outcome.ok) return { runId: '', succeeded: false, error: outcome.message };
    return { ...outcomeOf(outcome.record), ...(settled ? { settled } : {}) };
  }

  const answer = (res: ServerResponse, status: number, body: Record<string, unknown>) => {
    metrics.eventEndpointRequests.inc({ code: String(status) });
    answerJson(res, status, body);
  };

  /**
   * One endpoint's request handler: the host's checks (rate limit, lockout, shutdown, body size) around
   * the connector's request check. It needs only Node's request and response: the app may call it ahead
   * of Express (see `http/direct-routes.ts`) as well as from the endpoint's router.
   */
  function endpointHandler(endpoint: EventEndpointDeclaration): (req: IncomingMessage, res: ServerResponse) => void {
    const { keyMatches } = endpoint.auth;
    const presentedKey = (req: IncomingMessage) => {
      const value = req.headers[keyHeader];
      return Array.isArray(value) ? value[0] : value;
    };
    const shuttingDown = { error: 'ShuttingDown', message: `The server is shutting down; ${endpoint.sender} will retry.` };
    const inboxUnavailable = { error: 'InboxUnavailable', message: `The event could not be stored; ${endpoint.sender} will retry.` };

    const received = async (req: IncomingMessage, res: ServerResponse, body: string) => {
      // The URL as received: in the endpoint's router `req.url` is only the part after the mount.
      const uri = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '';
      const checked = endpoint.check({ method: req.method ?? 'POST', uri, headers: req.headers, body }, { apiKey: expectedKey(), apiKeyHeader: keyHeader });
      if (!checked.ok) {
        if (checked.status === 401) {
          failedByKey.take(keyFingerprint(presentedKey(req)));
          failedGlobally.take('all');
        }
        return answer(res, checked.status, { error: checked.error, message: checked.message });
      }
      const { id } = checked;
      try {
        const stored = await commit.submit({ id, detailType: checked.type, source: checked.source, event: checked.event, request: checked.request });
        if (stored.duplicate) return answer(res, 200, { id, status: 'duplicate', message: 'This event was received before; it is not run again.' });
        answer(res, 202, { id, status: 'accepted' });
        bus.publish('inbox.changed', { ids: [id], status: 'pending' });
        dispatcher.poke();
      } catch (error) {
        log.error({ err: error, eventId: id }, 'storing an event in the inbox failed');
        // 5xx makes the sender retry: the event is not lost.
        answer(res, 503, inboxUnavailable);
      }
    };

    const unreadable = (res: ServerResponse, error: unknown) => {
      if (res.headersSent) return;
      const e = error as { type?: string; status?: number };
      if (e.type === 'entity.too.large') return answer(res, 413, { error: 'PayloadTooLarge', message: `The event is larger than ${options.bodyLimitBytes} bytes.` });
      if (e.type === 'request.aborted') return;
      log.error({ err: error }, 'the event endpoint failed');
      answer(res, typeof e.status === 'number' && e.status >= 400 && e.status < 500 ? e.status : 500, { error: 'BadRequest', message: 'The request could not be read.' });
    };

    return (req, res) => {
      const client = req.socket.remoteAddress ?? 'unknown';
      // A key that keeps failing is stopped before the body is read; the right key never is. Without a
      // failure in either window nothing can be locked out, and the key check (two hashes) is skipped.
      let lockedOut = false;
      if (failedByKey.anyCounted() || failedGlobally.anyCounted()) {
        const presented = presentedKey(req);
        lockedOut = !keyMatches(presented, expectedKey()) && (failedGlobally.exceeded('all') || failedByKey.exceeded(keyFingerprint(presented)));
      }
      const wait = lockedOut ? 60 : requests.take(client);
      if (wait > 0) {
        res.setHeader('Retry-After', String(wait));
        return answer(res, 429, { error: 'TooManyRequests', message: `Too many requests; retry after ${wait} s.` });
      }
      if (!accepting) return answer(res, 503, shuttingDown);
      readBody(req, res, (error) => {
        if (error !== undefined) return unreadable(res, error);
        const raw = (req as { body?: unknown }).body;
        received(req, res, Buffer.isBuffer(raw) ? raw.toString('utf8') : '').catch((failure: unknown) => unreadable(res, failure));
      });
    };
  }

  /** One endpoint's router (for every spelling of its path Express matches): its handler for POST, 405 for other methods. */
  function endpointRouter(route: string, handle: (req: IncomingMessage, res: ServerResponse) => void): Router {
    const router = Router();
    router.post(route, (req, res) => handle(req, res));
    router.all(route, (_req, res) => {
      res.setHeader('Allow', 'POST');
      answer(res, 405, { error: 'MethodNotAllowed', message: 'Send events with POST.' });
    });
    return router;
  }

  /** Mounts an endpoint under its parent path, so the router's own route is the last segment (`/rest/X/v1` + `/event`). */
  function mountOf(endpoint: EventEndpointDeclaration, index: number): AppMount {
    const cut = endpoint.path.lastIndexOf('/');
    const base = cut > 0 ? endpoint.path.slice(0, cut) : '/';
    // Operation ids must be unique in the document; paths are, senders need not be.
    const sender = endpoint.sender.replace(/[^A-Za-z0-9]/g, '');
    const operationId = `eventEndpoint${sender}${endpoints.findIndex((e) => e.sender.replace(/[^A-Za-z0-9]/g, '') === sender) === index ? '' : index + 1}`;
    const route = eventEndpointRoute({
      path: endpoint.path,
      sender: endpoint.sender,
      ...endpoint.documentation,
      apiKeyHeader: keyHeader,
    });
    const handle = endpointHandler(endpoint);
    return {
      path: base,
      handler: endpointRouter(endpoint.path.slice(cut), handle),
      bodyLimitBytes: options.bodyLimitBytes,
      routes: { [operationId]: route },
      direct: { method: 'POST', path: endpoint.path, handle },
    };
  }

  new Gauge({
    name: 'flowbridge_dispatcher_stalled',
    help: '1 when the event dispatcher has failed every claim or release (or waited on one claim) for 30 s; /readyz says why',
    registers: [metrics.registry],
    collect() {
      this.set(options.enabled && !dispatcher.health().ok ? 1 : 0);
    },
  });
  new Gauge({
    name: 'flowbridge_dispatcher_last_progress_timestamp_seconds',
    help: 'When the event dispatcher last claimed from the inbox successfully (Unix time; 0 before the first claim)',
    registers: [metrics.registry],
    collect() {
      const at = dispatcher.health().lastProgressAt;
      this.set(at ? Date.parse(at) / 1000 : 0);
    },
  });

  // A replay (or anything else that makes entries pending) should be dispatched now, not at the next poll.
  const unsubscribe = bus.subscribe('inbox.changed', (change) => {
    if (change.status === 'pending') dispatcher.poke();
  });

  return {
    mounts: options.enabled ? endpoints.map((endpoint, index) => mountOf(endpoint, index)) : [],
    async start() {
      if (!options.enabled) return;
      await dispatcher.start();
      log.info({ paths: endpoints.map((e) => e.path), maxAttempts: options.maxAttempts }, 'event endpoints and dispatcher started');
    },
    health() {
      const health = dispatcher.health();
      return { name: 'dispatcher', ok: !options.enabled || health.ok, detail: options.enabled ? health.detail : 'off (eventEndpoint.enabled is false)' };
    },
    async stop() {
      accepting = false;
      unsubscribe();
      await commit.drained();
      await dispatcher.stop();
    },
  };
}
