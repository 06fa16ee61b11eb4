import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFixture, type Fixture } from './local-aws-fixture.js';

/** A stand-in for the app's event endpoint, recording what EventBridge delivers. */
interface FakeApp {
  url: string;
  received: Array<{ path: string; headers: IncomingHttpHeaders; body: unknown }>;
  close(): Promise<void>;
}

async function startFakeApp(): Promise<FakeApp> {
  const received: FakeApp['received'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let f: Fixture;
let app: FakeApp;
beforeAll(async () => {
  app = await startFakeApp();
  f = await startFixture(app.url);
});
afterAll(async () => {
  await f.close();
  await app.close();
});
beforeEach(() => f.proxy.reset());

const writes = () => f.proxy.calls.filter((c) => /^(Create|Update|Put|Delete)/.test(c.operation)).map((c) => c.operation);
const ROLE = "'arn:aws:iam::000000000000:role/EventBridgeInvokeApiDestination'";

describe('Register App', () => {
  it('creates the connection and the API destination pointing at APP_URL/rest/EventBridge/v1/event', async () => {
    const out = await f.run('eventbridge.RegisterApp', { name: "'flowbridge-app'", description: "'Flowbridge'", apiKey: 'EventBridge.APIKey' });
    expect(out.path).toBe('out');
    expect(out.value).toMatchObject({ ConnectionChanged: true, ApiDestinationChanged: true, InvocationEndpoint: `${app.url}/rest/EventBridge/v1/event` });
    expect(out.value.ConnectionArn).toMatch(/:connection\/flowbridge-app\//);
    expect(out.value.ApiDestinationArn).toMatch(/:api-destination\/flowbridge-app\//);
    expect(writes()).toEqual(['CreateConnection', 'CreateApiDestination']);
    const connection = await f.run('eventbridge.DescribeConnection', { name: "'flowbridge-app'" });
    expect(connection.value).toMatchObject({ AuthorizationType: 'API_KEY', ApiKeyName: 'x-api-key' });
    const destination = await f.run('eventbridge.DescribeApiDestination', { name: "'flowbridge-app'" });
    expect(destination.value).toMatchObject({ HttpMethod: 'POST', ConnectionArn: out.value.ConnectionArn, InvocationEndpoint: `${app.url}/rest/EventBridge/v1/event` });
  });

  it('changes nothing when run a second time', async () => {
    const before = (await f.run('eventbridge.DescribeApiDestination', { name: "'flowbridge-app'" })).value;
    const connectionBefore = (await f.run('eventbridge.DescribeConnection', { name: "'flowbridge-app'" })).value;
    f.proxy.reset();
    const out = await f.run('eventbridge.RegisterApp', { name: "'flowbridge-app'", description: "'Flowbridge'", apiKey: 'EventBridge.APIKey' });
    expect(out.value).toMatchObject({ ConnectionChanged: false, ApiDestinationChanged: false, ConnectionArn: connectionBefore.ConnectionArn, ApiDestinationArn: before.ApiDestinationArn });
    expect(writes()).toEqual([]);
    expect((await f.run('eventbridge.DescribeApiDestination', { name: "'flowbridge-app'" })).value.LastModifiedTime).toBe(before.LastModifiedTime);
    expect((await f.run('eventbridge.DescribeConnection', { name: "'flowbridge-app'" })).value.LastModifiedTime).toBe(connectionBefore.LastModifiedTime);
  });

  it('updates the connection when the API key changed, and sends the new key', async () => {
    f.constants['EventBridge.APIKey'] = 'key-two-9876543210';
    const out = await f.run('eventbridge.RegisterApp', { name: "'flowbridge-app'", description: "'Flowbridge'", apiKey: 'EventBridge.APIKey' });
    expect(out.value).toMatchObject({ ConnectionChanged: true, ApiDestinationChanged: false });
    expect(writes()).toEqual(['UpdateConnection']);
    expect(JSON.parse(f.proxy.of('UpdateConnection')[0]!.body).AuthParameters.ApiKeyAuthParameters.ApiKeyValue).toBe('key-two-9876543210');
    f.proxy.reset();
    expect((await f.run('eventbridge.RegisterApp', { name: "'flowbridge-app'", description: "'Flowbridge'", apiKey: 'EventBridge.APIKey' })).value.ConnectionChanged).toBe(false);
    expect(writes()).toEqual([]);
  });

  it('updates the API destination when the app URL changed', async () => {
    const out = await f.run('eventbridge.RegisterApp', { name: "'flowbridge-app'", description: "'Flowbridge'", apiKey: 'EventBridge.APIKey' }, { services: { 'app.url': 'https://moved.example.com/' } });
    expect(out.value).toMatchObject({ ConnectionChanged: false, ApiDestinationChanged: true, InvocationEndpoint: 'https://moved.example.com/rest/EventBridge/v1/event' });
    expect(writes()).toEqual(['UpdateApiDestination']);
    // Put it back for the routing tests below.
    await f.run('eventbridge.RegisterApp', { name: "'flowbridge-app'", description: "'Flowbridge'", apiKey: 'EventBridge.APIKey' });
  });

  it('refuses to run without an API key value, naming the constant', async () => {
    f.constants['EventBridge.Unset'] = '';
    const out = await f.run('eventbridge.RegisterApp', { name: "'other-app'", apiKey: 'EventBridge.Unset' });
    expect(out.error).toMatchObject({ kind: 'InvalidInput', message: expect.stringContaining('"EventBridge.Unset" has no value') });
    expect(f.proxy.calls).toEqual([]);
  });

  it('fails clearly when the host provides no app URL', async () => {
    const out = await f.run('eventbridge.RegisterApp', { name: "'other-app'", apiKey: 'EventBridge.APIKey' }, { services: { 'app.url': undefined } });
    expect(out.error).toMatchObject({ kind: 'MissingService', message: expect.stringContaining('app.url') });
  });
});

describe('Route Events To App', () => {
  const route = { eventBusName: "'default'", ruleName: "'to-app'", eventTypes: "['OrderPlaced', 'OrderShipped']", apiDestination: "'flowbridge-app'", roleArn: ROLE };

  it('creates a rule for the event types with the API destination as its target', async () => {
    const out = await f.run('eventbridge.RouteEventsToApp', route);
    expect(out.path).toBe('out');
    expect(out.value).toMatchObject({ Changed: true, TargetId: 'flowbridge-app', EventPattern: '{"detail-type":["OrderPlaced","OrderShipped"]}' });
    expect(out.value.RuleArn).toMatch(/:rule\/to-app$/);
    expect(out.value.ApiDestinationArn).toMatch(/:api-destination\/flowbridge-app\//);
    expect(writes()).toEqual(['PutRule', 'PutTargets']);
  });

  it('changes nothing when run a second time, even with the event types in another order', async () => {
    const out = await f.run('eventbridge.RouteEventsToApp', { ...route, eventTypes: "['OrderShipped', 'OrderPlaced']" });
    expect(out.value.Changed).toBe(false);
    expect(writes()).toEqual([]);
  });

  it('rewrites only the rule when the event types change', async () => {
    const out = await f.run('eventbridge.RouteEventsToApp', { ...route, eventTypes: "['OrderPlaced']" });
    expect(out.value.Changed).toBe(true);
    expect(writes()).toEqual(['PutRule']);
  });

  it('delivers a published event of a routed type to the app with its API key', async () => {
    const before = app.received.length;
    await f.run('eventbridge.PutEvents', { entries: [{ source: "'com.example.orders'", detailType: "'OrderPlaced'", detail: '{"orderId": 7}' }, { source: "'com.example.orders'", detailType: "'Ignored'", detail: '{}' }] });
    const deadline = Date.now() + 5000;
    while (app.received.length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    const delivered = app.received.slice(before);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.path).toBe('/rest/EventBridge/v1/event');
    expect(delivered[0]!.headers['x-api-key']).toBe(f.constants['EventBridge.APIKey']);
    expect(delivered[0]!.body).toMatchObject({ 'detail-type': 'OrderPlaced', source: 'com.example.orders', detail: { orderId: 7 } });
  });

  it('catches an API destination that does not exist on the error edge', async () => {
    const out = await f.run('eventbridge.RouteEventsToApp', { ...route, ruleName: "'other'", apiDestination: "'not-registered'" });
    expect(out.error?.kind).toBe('ResourceNotFoundException');
  });

  it('refuses a role that is not an IAM role ARN and an empty list of event types before any call', async () => {
    expect((await f.run('eventbridge.RouteEventsToApp', { ...route, roleArn: "'admin'" })).error).toMatchObject({ kind: 'InvalidInput', message: expect.stringContaining('not an IAM role ARN') });
    expect((await f.run('eventbridge.RouteEventsToApp', { ...route, eventTypes: '[]' })).error).toMatchObject({ kind: 'InvalidInput', message: expect.stringContaining('at least one') });
    expect(f.proxy.calls).toEqual([]);
  });
});
