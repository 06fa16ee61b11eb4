import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { STSClient } from '@aws-sdk/client-sts';
import { startLocalAws, type LocalAws, type LocalAwsOptions } from '../src/index.js';

export const REGION = 'us-east-1';
export const ACCOUNT = '000000000000';
/** The role API destination targets must name (EventBridge invokes them through it). */
export const INVOKE_ROLE = 'arn:aws:iam::000000000000:role/EventBridgeInvokeApiDestination';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** An EventBridge SDK client aimed at the local service; no SDK retries so each call is one request. */
export function eventBridge(aws: LocalAws, credentials: Credentials = { accessKeyId: 'test', secretAccessKey: 'test' }) {
  return new EventBridgeClient({ region: REGION, endpoint: aws.url, credentials, maxAttempts: 1 });
}

export function sts(aws: LocalAws, credentials: Credentials = { accessKeyId: 'test', secretAccessKey: 'test' }) {
  return new STSClient({ region: REGION, endpoint: aws.url, credentials, maxAttempts: 1 });
}

export async function startForTest(options: LocalAwsOptions = {}): Promise<LocalAws> {
  return startLocalAws({ port: 0, host: '127.0.0.1', retryBaseMs: 20, ...options });
}

/** One request the test endpoint received. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A local HTTP endpoint standing in for the app an API destination calls; answers from a script. */
export interface TestEndpoint {
  url: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/** Starts an endpoint answering the n-th request with `statuses[n]` (the last one repeats; default 200). */
export async function startEndpoint(statuses: number[] = [200], headers: Record<string, string> = {}): Promise<TestEndpoint> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      });
      const status = statuses[Math.min(received.length - 1, statuses.length - 1)] ?? 200;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Captures the error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata?: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** What `wireDestination` set up. */
export interface Wiring {
  ruleName: string;
  ruleArn: string;
  destinationArn: string;
  connectionArn: string;
}

let wiringCounter = 0;

/**
 * Creates connection → API destination → rule → target, the chain every delivery test needs.
 * `target` overrides target members (Input, RetryPolicy, ...).
 */
export async function wireDestination(
  aws: LocalAws,
  endpointUrl: string,
  options: {
    pattern?: object;
    target?: Partial<import('@aws-sdk/client-eventbridge').Target>;
    auth?: import('@aws-sdk/client-eventbridge').CreateConnectionRequest['AuthParameters'];
    authorizationType?: 'API_KEY' | 'BASIC';
    rateLimit?: number;
    method?: 'POST' | 'PUT' | 'GET';
  } = {},
): Promise<Wiring> {
  const {
    CreateConnectionCommand,
    CreateApiDestinationCommand,
    PutRuleCommand,
    PutTargetsCommand,
  } = await import('@aws-sdk/client-eventbridge');
  const n = ++wiringCounter;
  const eb = eventBridge(aws);
  const connection = await eb.send(
    new CreateConnectionCommand({
      Name: `conn-${n}`,
      AuthorizationType: options.authorizationType ?? 'API_KEY',
      AuthParameters: options.auth ?? { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'key-value-1' } },
    }),
  );
  const destination = await eb.send(
    new CreateApiDestinationCommand({
      Name: `dest-${n}`,
      ConnectionArn: connection.ConnectionArn,
      InvocationEndpoint: endpointUrl,
      HttpMethod: options.method ?? 'POST',
      ...(options.rateLimit ? { InvocationRateLimitPerSecond: options.rateLimit } : {}),
    }),
  );
  const ruleName = `rule-${n}`;
  const rule = await eb.send(
    new PutRuleCommand({ Name: ruleName, EventPattern: JSON.stringify(options.pattern ?? { source: [`test.source.${n}`] }) }),
  );
  await eb.send(
    new PutTargetsCommand({
      Rule: ruleName,
      Targets: [{ Id: 'app', Arn: destination.ApiDestinationArn ?? '', RoleArn: INVOKE_ROLE, ...options.target }],
    }),
  );
  return {
    ruleName,
    ruleArn: rule.RuleArn ?? '',
    destinationArn: destination.ApiDestinationArn ?? '',
    connectionArn: connection.ConnectionArn ?? '',
  };
}

/** An SQS SDK client aimed at the local service (AWS JSON 1.0 on the same port). */
export function sqs(aws: LocalAws, region = REGION, credentials: Credentials = { accessKeyId: 'test', secretAccessKey: 'test' }) {
  return new SQSClient({ region, endpoint: aws.url, credentials, maxAttempts: 1 });
}
