import { createServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DeauthorizeConnectionCommand,
  DescribeApiDestinationCommand,
  DescribeConnectionCommand,
  DisableRuleCommand,
  PutEventsCommand,
  PutTargetsCommand,
  UpdateConnectionCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import type { LocalAws } from '../src/index.js';
import { eventBridge, INVOKE_ROLE, startEndpoint, startForTest, wireDestination, type TestEndpoint } from './helpers.js';

let aws: LocalAws;
const endpoints: TestEndpoint[] = [];
beforeAll(async () => {
  aws = await startForTest({ retryBaseMs: 20 });
});
afterAll(async () => {
  await aws.close();
  await Promise.all(endpoints.map((e) => e.close()));
});

async function endpoint(statuses: number[] = [200], headers: Record<string, string> = {}): Promise<TestEndpoint> {
  const e = await startEndpoint(statuses, headers);
  endpoints.push(e);
  return e;
}

async function put(source: string, detail: object = { orderId: 'o-1' }): Promise<string> {
  const entry: PutEventsRequestEntry = { Source: source, DetailType: 'OrderPlaced', Detail: JSON.stringify(detail) };
  const out = await eventBridge(aws).send(new PutEventsCommand({ Entries: [entry] }));
  const id = out.Entries?.[0]?.EventId;
  if (!id) throw new Error(`PutEvents failed: ${JSON.stringify(out.Entries)}`);
  await aws.idle();
  return id;
}

describe('delivery to API destinations', () => {
  it("sends the connection's API key header and EventBridge's headers", async () => {
    const app = await endpoint();
    await wireDestination(aws, `${app.url}/rest/EventBridge/v1/event`, { pattern: { source: ['d.apikey'] } });
    await put('d.apikey');
    expect(app.received).toHaveLength(1);
    const request = app.received[0];
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/rest/EventBridge/v1/event');
    expect(request?.headers).toMatchObject({
      'x-api-key': 'key-value-1',
      'user-agent': 'Amazon/EventBridge/ApiDestinations',
      'content-type': 'application/json; charset=utf-8',
      range: 'bytes=0-1048575',
    });
  });

  it('sends Basic authorization for a BASIC connection', async () => {
    const app = await endpoint();
    await wireDestination(aws, app.url, {
      pattern: { source: ['d.basic'] },
      authorizationType: 'BASIC',
      auth: { BasicAuthParameters: { Username: 'flow', Password: 'pa ss!' } },
    });
    await put('d.basic');
    expect(app.received[0]?.headers.authorization).toBe(`Basic ${Buffer.from('flow:pa ss!').toString('base64')}`);
  });

  it('retries a 500 twice and then delivers', async () => {
    const app = await endpoint([500, 500, 200]);
    await wireDestination(aws, app.url, { pattern: { source: ['d.retry'] } });
    const eventId = await put('d.retry');
    expect(app.received).toHaveLength(3);
    const record = aws.deliveries().find((d) => d.eventId === eventId);
    expect(record?.status).toBe('delivered');
    expect(record?.attempts.map((a) => a.statusCode)).toEqual([500, 500, 200]);
    // exponential back-off: the second wait is longer than the first (base 20 ms, equal jitter)
    const [a, b, c] = app.received.map((r) => r.at);
    expect((b ?? 0) - (a ?? 0)).toBeGreaterThanOrEqual(10);
    expect((c ?? 0) - (b ?? 0)).toBeGreaterThanOrEqual(20);
    expect(aws.deadLetters().some((d) => d.eventId === eventId)).toBe(false);
  });

  it('retries 429 as throttling', async () => {
    const app = await endpoint([429, 200]);
    await wireDestination(aws, app.url, { pattern: { source: ['d.429'] } });
    const eventId = await put('d.429');
    expect(app.received).toHaveLength(2);
    expect(aws.deliveries().find((d) => d.eventId === eventId)?.status).toBe('delivered');
  });

  it('waits at least as long as Retry-After asks before retrying', async () => {
    const app = await endpoint([503, 200], { 'retry-after': '1' });
    await wireDestination(aws, app.url, { pattern: { source: ['d.retry-after'] } });
    await put('d.retry-after');
    expect(app.received).toHaveLength(2);
    expect((app.received[1]?.at ?? 0) - (app.received[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('does not retry a 400 and parks it as a dead letter', async () => {
    const app = await endpoint([400, 200]);
    const wiring = await wireDestination(aws, app.url, { pattern: { source: ['d.400'] } });
    const eventId = await put('d.400');
    expect(app.received).toHaveLength(1);
    const dead = aws.deadLetters().find((d) => d.eventId === eventId);
    expect(dead).toMatchObject({
      ruleArn: wiring.ruleArn,
      targetArn: wiring.destinationArn,
      targetId: 'app',
      errorCode: 'HTTP_CLIENT_ERROR',
      lastStatusCode: 400,
      retryAttempts: 0,
    });
    expect(dead?.exhaustedRetryCondition).toBeUndefined();
    expect(dead?.event.id).toBe(eventId);
    expect(aws.deliveries().find((d) => d.eventId === eventId)?.status).toBe('failed');
  });

  it('parks an event after MaximumRetryAttempts retries', async () => {
    const app = await endpoint([503]);
    await wireDestination(aws, app.url, {
      pattern: { source: ['d.exhaust'] },
      target: { RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 60 } },
    });
    const eventId = await put('d.exhaust');
    expect(app.received).toHaveLength(3);
    expect(aws.deadLetters().find((d) => d.eventId === eventId)).toMatchObject({
      errorCode: 'HTTP_SERVER_ERROR',
      exhaustedRetryCondition: 'MaximumRetryAttempts',
      retryAttempts: 2,
      lastStatusCode: 503,
    });
  });

  it('with MaximumRetryAttempts 0 tries exactly once', async () => {
    const app = await endpoint([500]);
    await wireDestination(aws, app.url, { pattern: { source: ['d.once'] }, target: { RetryPolicy: { MaximumRetryAttempts: 0 } } });
    const eventId = await put('d.once');
    expect(app.received).toHaveLength(1);
    expect(aws.deadLetters().find((d) => d.eventId === eventId)?.exhaustedRetryCondition).toBe('MaximumRetryAttempts');
  });

  it('treats a slow endpoint as a timeout and retries it', async () => {
    const slow = await startForTest({ retryBaseMs: 10, deliveryTimeoutMs: 150 });
    let calls = 0;
    const server = createServer((_req, res) => {
      calls++;
      setTimeout(() => res.end('{}'), 1000).unref();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      await wireDestination(slow, url, { pattern: { source: ['d.slow'] }, target: { RetryPolicy: { MaximumRetryAttempts: 1 } } });
      await eventBridge(slow).send(new PutEventsCommand({ Entries: [{ Source: 'd.slow', DetailType: 't', Detail: '{}' }] }));
      await slow.idle();
      expect(calls).toBe(2);
      expect(slow.deadLetters()[0]).toMatchObject({ errorCode: 'TIMEOUT', exhaustedRetryCondition: 'MaximumRetryAttempts' });
      expect(slow.deliveries()[0]?.attempts[0]?.error).toBe('No response within 150 ms.');
    } finally {
      await slow.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("keeps to the destination's rate limit", async () => {
    const app = await endpoint();
    await wireDestination(aws, app.url, { pattern: { source: ['d.rate'] }, rateLimit: 2 });
    const entries = Array.from({ length: 5 }, (_, i) => ({ Source: 'd.rate', DetailType: 't', Detail: JSON.stringify({ i }) }));
    await eventBridge(aws).send(new PutEventsCommand({ Entries: entries }));
    await aws.idle();
    expect(app.received).toHaveLength(5);
    // Times are the sender's (when each call left local AWS), not the arrivals: on a loaded machine the
    // first arrival can be late and shrink the measured gap. 2 per second: calls 3 and 5 wait for the
    // next one-second windows; without the limit all five leave within a few milliseconds.
    const times = aws
      .deliveries()
      .filter((d) => d.ruleName && d.attempts.length > 0 && d.body?.includes('d.rate'))
      .map((d) => d.attempts[0]?.startedAt ?? 0)
      .sort((x, y) => x - y);
    expect(times).toHaveLength(5);
    expect((times[2] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(900);
    expect((times[4] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(1900);
  });

  it('fills path, query and header parameters, the connection winning clashes', async () => {
    const app = await endpoint();
    await wireDestination(aws, `${app.url}/tenants/*/orders/*?fixed=1`, {
      pattern: { source: ['d.params'] },
      auth: {
        ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'k' },
        InvocationHttpParameters: {
          HeaderParameters: [{ Key: 'x-env', Value: 'from-connection' }],
          QueryStringParameters: [{ Key: 'region', Value: 'conn', IsValueSecret: true }],
        },
      },
      target: {
        HttpParameters: {
          PathParameterValues: ['acme', 'o 1'],
          HeaderParameters: { 'x-env': 'from-target', 'x-target-only': 'yes' },
          QueryStringParameters: { region: 'target', page: '2' },
        },
      },
    });
    const eventId = await put('d.params');
    const request = app.received[0];
    const url = new URL(request?.url ?? '', app.url);
    expect(url.pathname).toBe('/tenants/acme/orders/o%201');
    expect(Object.fromEntries(url.searchParams)).toEqual({ fixed: '1', region: 'conn', page: '2' });
    expect(request?.headers['x-env']).toBe('from-connection');
    expect(request?.headers['x-target-only']).toBe('yes');
    // a secret query value is masked in the delivery record
    expect(aws.deliveries().find((d) => d.eventId === eventId)?.url).toContain('region=***');
  });

  it('delivers nothing for a disabled rule or a non-matching event', async () => {
    const app = await endpoint();
    const wiring = await wireDestination(aws, app.url, { pattern: { source: ['d.match'], detail: { total: [{ numeric: ['>', 100] }] } } });
    await put('d.match', { total: 50 });
    expect(app.received).toHaveLength(0);
    await put('d.match', { total: 150 });
    expect(app.received).toHaveLength(1);
    await eventBridge(aws).send(new DisableRuleCommand({ Name: wiring.ruleName }));
    await put('d.match', { total: 150 });
    expect(app.received).toHaveLength(1);
  });

  it('parks events for a target that is not an API destination, or whose destination is gone', async () => {
    const app = await endpoint();
    const wiring = await wireDestination(aws, app.url, { pattern: { source: ['d.unsupported'] } });
    await eventBridge(aws).send(
      new PutTargetsCommand({ Rule: wiring.ruleName, Targets: [{ Id: 'app', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:handler' }] }),
    );
    const eventId = await put('d.unsupported');
    expect(aws.deadLetters().find((d) => d.eventId === eventId)?.errorCode).toBe('UNSUPPORTED_TARGET');

    await eventBridge(aws).send(
      new PutTargetsCommand({
        Rule: wiring.ruleName,
        Targets: [
          { Id: 'app', Arn: 'arn:aws:events:us-east-1:000000000000:api-destination/gone/00000000-0000-4000-8000-000000000000', RoleArn: INVOKE_ROLE },
        ],
      }),
    );
    const second = await put('d.unsupported');
    expect(aws.deadLetters().find((d) => d.eventId === second)?.errorCode).toBe('NO_RESOURCE');
  });

  it('a deauthorized connection makes its destination INACTIVE and parks events until it is updated', async () => {
    const app = await endpoint();
    const wiring = await wireDestination(aws, app.url, { pattern: { source: ['d.deauth'] } });
    const eb = eventBridge(aws);
    const connectionName = wiring.connectionArn.split('/')[1] ?? '';
    const deauthorized = await eb.send(new DeauthorizeConnectionCommand({ Name: connectionName }));
    expect(deauthorized.ConnectionState).toBe('DEAUTHORIZING');
    expect((await eb.send(new DescribeConnectionCommand({ Name: connectionName }))).ConnectionState).toBe('DEAUTHORIZED');
    const destinationName = wiring.destinationArn.split('/')[1] ?? '';
    expect((await eb.send(new DescribeApiDestinationCommand({ Name: destinationName }))).ApiDestinationState).toBe('INACTIVE');

    const parked = await put('d.deauth');
    expect(app.received).toHaveLength(0);
    expect(aws.deadLetters().find((d) => d.eventId === parked)?.errorCode).toBe('NO_PERMISSIONS');

    await eb.send(
      new UpdateConnectionCommand({
        Name: connectionName,
        AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'rotated-key' } },
      }),
    );
    await put('d.deauth');
    expect(app.received[0]?.headers['x-api-key']).toBe('rotated-key');
  });

  it('closing the service cancels deliveries waiting to retry', async () => {
    const closing = await startForTest({ retryBaseMs: 60_000 });
    const app = await endpoint([500]);
    await wireDestination(closing, app.url, { pattern: { source: ['d.close'] } });
    await eventBridge(closing).send(new PutEventsCommand({ Entries: [{ Source: 'd.close', DetailType: 't', Detail: '{}' }] }));
    while (app.received.length === 0) await new Promise((r) => setTimeout(r, 10));
    const started = Date.now();
    await closing.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(closing.deliveries()[0]?.status).toBe('cancelled');
  });

  it('delivers asynchronously: PutEvents answers before the endpoint does', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const server = createServer((_req, res) => {
      gate.then(() => res.end('{}'), () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await wireDestination(aws, `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { pattern: { source: ['d.async'] } });
      const out = await eventBridge(aws).send(new PutEventsCommand({ Entries: [{ Source: 'd.async', DetailType: 't', Detail: '{}' }] }));
      const record = aws.deliveries().find((d) => d.eventId === out.Entries?.[0]?.EventId);
      expect(record?.status).toBe('pending');
      release();
      await aws.idle();
      expect(aws.deliveries().find((d) => d.eventId === out.Entries?.[0]?.EventId)?.status).toBe('delivered');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('admin view', () => {
  it('shows state without secrets, deliveries and dead letters as JSON', async () => {
    const app = await endpoint([400]);
    await wireDestination(aws, app.url, {
      pattern: { source: ['d.admin'] },
      auth: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'admin-view-secret' } },
    });
    const eventId = await put('d.admin');

    const stateResponse = await fetch(`${aws.url}/_admin/state`);
    expect(stateResponse.status).toBe(200);
    const text = await stateResponse.text();
    expect(text).not.toContain('admin-view-secret');
    const state = JSON.parse(text) as { buses: Array<{ name: string }>; rules: Array<{ targets: unknown[] }>; connections: unknown[]; apiDestinations: unknown[] };
    expect(state.buses.map((b) => b.name)).toContain('default');
    expect(state.rules.length).toBeGreaterThan(0);
    expect(state.connections.length).toBeGreaterThan(0);
    expect(state.apiDestinations.length).toBeGreaterThan(0);

    const deliveries = (await (await fetch(`${aws.url}/_admin/deliveries`)).json()) as { deliveries: Array<{ eventId: string }> };
    expect(deliveries.deliveries.some((d) => d.eventId === eventId)).toBe(true);
    const dead = (await (await fetch(`${aws.url}/_admin/dead-letters`)).json()) as { deadLetters: Array<{ eventId: string }> };
    expect(dead.deadLetters.some((d) => d.eventId === eventId)).toBe(true);

    const unknown = await fetch(`${aws.url}/_admin/nothing`);
    expect(unknown.status).toBe(404);
    expect(await (await fetch(`${aws.url}/_admin/health`)).json()).toEqual({ status: 'ok', region: 'us-east-1', accountId: '000000000000' });
  });

  it('answers loopback callers only', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a?.family === 'IPv4' && !a.internal)?.address;
    // Without a non-loopback interface there is no other caller to refuse; the check then runs against loopback.
    const everywhere = await startForTest({ host: '0.0.0.0' });
    try {
      const response = await fetch(`http://${external ?? '127.0.0.1'}:${everywhere.port}/_admin/state`);
      expect(response.status).toBe(external ? 403 : 200);
    } finally {
      await everywhere.close();
    }
  });
});
