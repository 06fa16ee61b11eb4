import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adminDeadLetters, adminDeliveries, adminState } from './admin-view.js';
import { AwsServiceError } from './aws-error.js';
import { DeliveryDispatcher } from './delivery/delivery-dispatcher.js';
import { OAuthTokens } from './delivery/oauth-tokens.js';
import type { DeadLetter, DeliveryRecord } from './delivery/delivery-records.js';
import type { EventsContext } from './events/events-context.js';
import { handleEventsCall } from './events/events-service.js';
import { AccountRegions, isRegionName } from './events/account-regions.js';
import { RuleScheduler } from './events/scheduler.js';
import type { JsonObject } from './events/model.js';
import { connectionByArn } from './events/operations/connections.js';
import { route } from './events/operations/put-events.js';
import { readBody } from './http/read-body.js';
import { authFailureToServiceError } from './sigv4/auth-errors.js';
import { AuthFailure, authenticate } from './sigv4/authenticate.js';
import { parseAuthorization } from './sigv4/signature.js';
import { CredentialStore, type StaticCredential } from './sigv4/credential-store.js';
import { loadStateFile, saveStateFile } from './state-file.js';
import { handleStsAction, renderStsError } from './sts/sts-service.js';
import { QueueStore } from './sqs/queue-store.js';
import { SqsError } from './sqs/sqs-error.js';
import { handleSqsCall } from './sqs/sqs-service.js';

export interface LocalAwsOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Address to bind; default 127.0.0.1. */
  host?: string;
  /** Region of unsigned calls (acceptAnyCredentials) and of a migrated version 1 state file; default us-east-1. Signed requests use the region of their credential scope. */
  region?: string;
  /** Account of the configured keys (unless a key names its own) and of a migrated version 1 state file; default 000000000000. */
  accountId?: string;
  /** Long-term keys requests may be signed with; default test/test. */
  credentials?: StaticCredential[];
  /** Skip SigV4 verification entirely (LocalStack's behaviour). */
  acceptAnyCredentials?: boolean;
  /** Back-off base for delivery retries in ms; default 300 (AWS waits minutes). */
  retryBaseMs?: number;
  /** Longest back-off between two retries in ms; default 30000. */
  retryMaxDelayMs?: number;
  /** How long an API destination may take to answer, in ms; default 5000 as in AWS. */
  deliveryTimeoutMs?: number;
  /** JSON file to load state from at start and save it to after each change; memory only when omitted. */
  stateFile?: string;
  /** Receives one line per noteworthy event (deliveries, failures); silent when omitted. */
  logger?: (line: string) => void;
  /** How often scheduled rules are checked, in ms; default 1000. */
  scheduleTickMs?: number;
  /** The service's clock in epoch ms (session expiry, timestamps); tests move it forward. Default Date.now. */
  clock?: () => number;
}

export interface LocalAws {
  /** Base URL for SDK clients' `endpoint`, e.g. http://127.0.0.1:4566. */
  readonly url: string;
  readonly port: number;
  readonly region: string;
  readonly accountId: string;
  /** Stops listening, cancels pending deliveries and waits for them. */
  close(): Promise<void>;
  /** Every delivery attempt record, oldest first. */
  deliveries(): DeliveryRecord[];
  /** Deliveries that finally failed, oldest first. */
  deadLetters(): DeadLetter[];
  /** Resolves when no delivery is pending (handy after PutEvents in tests). */
  idle(): Promise<void>;
  /** The admin view of buses, rules, targets, connections (no secrets) and API destinations, per account and region. */
  state(): JsonObject;
}

/** Largest request body read: an SQS batch may carry 1 MiB of messages, plus JSON quoting and escapes. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
const MAX_BUS_HOPS = 5;
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function send(res: ServerResponse, status: number, contentType: string, body: string, requestId: string): void {
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'x-amzn-RequestId': requestId,
  });
  res.end(body);
}

function sendJsonError(res: ServerResponse, error: AwsServiceError, requestId: string): void {
  res.setHeader('x-amzn-ErrorType', error.code);
  send(res, error.status, 'application/x-amz-json-1.1', JSON.stringify({ __type: error.code, message: error.message }), requestId);
}

/** Starts the local EventBridge + STS service and resolves once it listens. */
export async function startLocalAws(options: LocalAwsOptions = {}): Promise<LocalAws> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '000000000000';
  const now = options.clock ?? Date.now;
  const log = options.logger ?? ((): void => undefined);
  const store = new CredentialStore(options.credentials ?? [{ accessKeyId: 'test', secretAccessKey: 'test' }], accountId);
  const partitions = new AccountRegions(now);
  /** How many buses an event has crossed, so rules targeting each other cannot loop forever. */
  const forwardHops = new WeakMap<object, number>();
  let baseUrl = '';
  const queues = new QueueStore(() => baseUrl);
  let markClosing: () => void = () => undefined;
  const closing = new Promise<void>((resolve) => (markClosing = resolve));

  if (options.stateFile) {
    const file = loadStateFile(options.stateFile, { region, accountId });
    if (file) partitions.restore(file.partitions);
  }
  partitions.get({ region, accountId });

  const oauth = new OAuthTokens({ timeoutMs: options.deliveryTimeoutMs ?? 5000, now, log, changed: () => persist() });
  const dispatcher = new DeliveryDispatcher({
    oauth,
    lookup: (targetArn) => {
      // arn:aws:events:<region>:<account>:api-destination/<name>/<uuid>
      const [, , , arnRegion = '', arnAccount = '', resource = ''] = targetArn.split(':');
      const partition = partitions.find({ region: arnRegion, accountId: arnAccount });
      const destination = partition?.state.apiDestinations.get(resource.split('/')[1] ?? '');
      if (!partition || !destination) return undefined;
      return { destination, connection: connectionByArn({ state: partition.state }, destination.connectionArn) };
    },
    targets: {
      sendToQueue: (queueArn, body, attributes) => {
        const queue = queues.byArn(queueArn);
        if (!queue) return false;
        queue.send(body, attributes, now());
        return true;
      },
      forwardToBus: (busArn, event, ingestedAt) => {
        const hops = (forwardHops.get(event) ?? 0) + 1;
        if (hops > MAX_BUS_HOPS) {
          throw new Error(`Event ${event.id} crossed ${MAX_BUS_HOPS} event buses; the rules form a loop: stop one bus targeting the next.`);
        }
        // arn:aws:events:<region>:<account>:event-bus/<name>
        const [, , , arnRegion = '', arnAccount = '', resource = ''] = busArn.split(':');
        const partition = partitions.find({ region: arnRegion, accountId: arnAccount });
        const busName = resource.slice('event-bus/'.length);
        if (!partition?.state.buses.has(busName)) return false;
        const forwarded = { ...event };
        forwardHops.set(forwarded, hops);
        route(forwarded, busName, { state: partition.state, deliver: (request) => dispatcher.deliver(request) }, ingestedAt);
        return true;
      },
    },
    retryBaseMs: options.retryBaseMs ?? 300,
    retryMaxDelayMs: options.retryMaxDelayMs ?? 30_000,
    timeoutMs: options.deliveryTimeoutMs ?? 5000,
    now,
    log,
    historySize: 1000,
    maxConcurrentCalls: 64,
  });

  const scheduler = new RuleScheduler({ partitions: () => partitions.all(), now, deliver: (request) => dispatcher.deliver(request) });

  const persist = (): void => {
    if (options.stateFile) saveStateFile(options.stateFile, { version: 2, partitions: partitions.snapshot() });
  };

  /** The region a request works in: its SigV4 credential scope's, else the configured one. */
  function requestRegion(req: IncomingMessage): string {
    const authorization = req.headers.authorization;
    const signed = typeof authorization === 'string' ? parseAuthorization(authorization)?.region : undefined;
    if (signed === undefined) return region;
    if (!isRegionName(signed)) {
      throw new AwsServiceError(
        'UnrecognizedClientException',
        `The credential scope names region '${signed}', which is not a region name such as us-east-1: set the client's region.`,
      );
    }
    return signed;
  }

  function authenticateFor(req: IncomingMessage, body: Buffer, service: 'events' | 'sts' | 'sqs') {
    return authenticate(
      { method: req.method ?? 'POST', rawUrl: req.url ?? '/', headers: req.headers, body },
      { store, acceptAnyCredentials: options.acceptAnyCredentials === true, now, service },
    );
  }

  async function handleEvents(req: IncomingMessage, res: ServerResponse, body: Buffer, target: string, requestId: string): Promise<void> {
    try {
      const principal = await authenticateFor(req, body, 'events');
      let partition;
      try {
        partition = partitions.get({ region: requestRegion(req), accountId: principal.accountId });
      } catch (error) {
        if (error instanceof RangeError) throw new AwsServiceError('LimitExceededException', error.message);
        throw error;
      }
      const ctx: EventsContext = {
        state: partition.state,
        scope: partition.scope,
        now,
        callerAccountId: principal.accountId,
        deliver: (request) => dispatcher.deliver(request),
        log,
        authorizeConnection: (connection) => {
          oauth.invalidate(connection.arn);
          void oauth.token(connection);
        },
      };
      const { output, mutated } = handleEventsCall(target, body.toString('utf8'), ctx);
      if (mutated) persist();
      send(res, 200, 'application/x-amz-json-1.1', JSON.stringify(output), requestId);
    } catch (error) {
      if (error instanceof AuthFailure) return sendJsonError(res, authFailureToServiceError(error, 'json'), requestId);
      if (error instanceof AwsServiceError) return sendJsonError(res, error, requestId);
      log(`internal error in ${target}: ${(error as Error).stack ?? String(error)}`);
      sendJsonError(res, new AwsServiceError('InternalException', `Internal error in ${target}: ${(error as Error).message}`, 500), requestId);
    }
  }

  async function handleSts(req: IncomingMessage, res: ServerResponse, body: Buffer, requestId: string): Promise<void> {
    const query = (req.url ?? '/').split('?')[1] ?? '';
    const params = new URLSearchParams(req.method === 'GET' ? query : body.toString('utf8'));
    try {
      const principal = await authenticateFor(req, body, 'sts');
      send(res, 200, 'text/xml', handleStsAction(params, principal, { store, now, requestId }), requestId);
    } catch (error) {
      let serviceError: AwsServiceError;
      if (error instanceof AuthFailure) serviceError = authFailureToServiceError(error, 'query');
      else if (error instanceof AwsServiceError) serviceError = error;
      else {
        log(`internal error in STS: ${(error as Error).stack ?? String(error)}`);
        serviceError = new AwsServiceError('InternalFailure', `Internal error: ${(error as Error).message}`, 500);
      }
      send(res, serviceError.status, 'text/xml', renderStsError(serviceError, requestId), requestId);
    }
  }

  /** Answers an SQS error the way the query-compatible JSON 1.0 protocol does (see SqsError). */
  function sendSqsError(res: ServerResponse, error: AwsServiceError, requestId: string): void {
    const queryCode = error instanceof SqsError ? error.queryCode : error.code;
    res.setHeader('x-amzn-query-error', `${queryCode};${error.fault}`);
    const body = JSON.stringify({ __type: `com.amazonaws.sqs#${error.code}`, message: error.message });
    send(res, error.status, 'application/x-amz-json-1.0', body, requestId);
  }

  async function handleSqs(req: IncomingMessage, res: ServerResponse, body: Buffer, target: string, requestId: string): Promise<void> {
    try {
      const principal = await authenticateFor(req, body, 'sqs');
      const scope = { region: requestRegion(req), accountId: principal.accountId };
      const output = await handleSqsCall(target, body.toString('utf8'), { queues, scope, now, closing });
      send(res, 200, 'application/x-amz-json-1.0', JSON.stringify(output), requestId);
    } catch (error) {
      if (error instanceof AuthFailure) return sendSqsError(res, authFailureToServiceError(error, 'json'), requestId);
      if (error instanceof AwsServiceError) return sendSqsError(res, error, requestId);
      log(`internal error in ${target}: ${(error as Error).stack ?? String(error)}`);
      sendSqsError(res, new AwsServiceError('InternalError', `Internal error in ${target}: ${(error as Error).message}`, 500), requestId);
    }
  }

  function handleAdmin(req: IncomingMessage, res: ServerResponse, requestId: string): void {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) {
      return send(res, 403, 'application/json', JSON.stringify({ message: 'The admin view answers loopback callers only.' }), requestId);
    }
    const path = (req.url ?? '').split('?')[0];
    let body: JsonObject | undefined;
    if (req.method === 'GET' && path === '/_admin/health') body = { status: 'ok', region, accountId };
    else if (req.method === 'GET' && path === '/_admin/state') body = adminState(partitions, { region, accountId });
    else if (req.method === 'GET' && path === '/_admin/deliveries') body = adminDeliveries(dispatcher);
    else if (req.method === 'GET' && path === '/_admin/dead-letters') body = adminDeadLetters(dispatcher);
    if (!body) {
      const message = 'Unknown admin path: use GET /_admin/health, /_admin/state, /_admin/deliveries or /_admin/dead-letters.';
      return send(res, 404, 'application/json', JSON.stringify({ message }), requestId);
    }
    send(res, 200, 'application/json', JSON.stringify(body), requestId);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    if ((req.url ?? '').startsWith('/_admin/')) return handleAdmin(req, res, requestId);
    let body: Buffer;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch (error) {
      const e = error instanceof AwsServiceError ? error : new AwsServiceError('InternalException', String(error), 500);
      return sendJsonError(res, e, requestId);
    }
    const target = req.headers['x-amz-target'];
    if (typeof target === 'string' && target.startsWith('AmazonSQS.')) return handleSqs(req, res, body, target, requestId);
    if (typeof target === 'string' && target !== '') return handleEvents(req, res, body, target, requestId);
    const contentType = req.headers['content-type'] ?? '';
    if (contentType.startsWith('application/x-www-form-urlencoded') || (req.url ?? '').includes('Action=')) {
      return handleSts(req, res, body, requestId);
    }
    sendJsonError(
      res,
      new AwsServiceError(
        'UnknownOperationException',
        'Not an AWS call this service understands: send EventBridge calls with X-Amz-Target: AWSEvents.<Operation> or STS Query calls (Action=...).',
      ),
      requestId,
    );
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`request failed: ${String(error)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const schedulerTimer = setInterval(() => scheduler.tick(), options.scheduleTickMs ?? 1000);
  schedulerTimer.unref();
  const address = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const url = `http://${urlHost}:${address.port}`;
  baseUrl = url;
  log(`local AWS (EventBridge + SQS + STS) listening on ${url}, region ${region}, account ${accountId}`);

  return {
    url,
    port: address.port,
    region,
    accountId,
    deliveries: () => dispatcher.deliveries(),
    deadLetters: () => dispatcher.deadLetters(),
    idle: () => dispatcher.idle(),
    state: () => adminState(partitions, { region, accountId }),
    async close() {
      clearInterval(schedulerTimer);
      markClosing();
      queues.closeAll();
      await dispatcher.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
