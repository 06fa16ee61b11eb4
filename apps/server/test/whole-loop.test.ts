/**
 * The whole EventBridge loop through real HTTP everywhere: the after-startup flow registers the app
 * with the embedded local AWS (RegisterApp, CreateConfiguration, RouteEventsToApp), a flow's
 * PutEvents sends OrderPlaced, local EventBridge matches the rule and calls the API destination with
 * the key, the endpoint stores the event, and the callback flow runs once with its detail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventEndpointModule } from '../src/event-endpoint/event-endpoint-module.js';
import { body, startTestServer, type TestServer } from './support/test-server.js';

const API_KEY = 'whole-loop-api-key-5f1c';
const REGION = "'us-east-1'";

const node = (id: string, kind: string, x: number, config: Record<string, unknown> = {}) => ({ id, kind, position: { x, y: 0 }, config });
const chain = (ids: string[]) => ids.slice(1).map((target, i) => ({ id: `e${i}`, source: ids[i]!, sourcePort: 'out', target }));
const flow = (name: string, nodes: ReturnType<typeof node>[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ formatVersion: 1, name, parameters: [], nodes, edges: chain(nodes.map((n) => n.id)), annotations: [], ...extra });

const credentials = node('creds', 'aws.GetStaticCredentials', 100, { accessKeyId: 'AWS.AccessKeyId', secretAccessKey: 'AWS.SecretAccessKey', outputVariable: 'Credentials' });

const files = {
  'constants.json': JSON.stringify({
    'AWS.AccessKeyId': { value: 'test' },
    'AWS.SecretAccessKey': { secret: true },
    'EventBridge.APIKey': { secret: true },
  }),
  'secrets.json': JSON.stringify({ 'AWS.SecretAccessKey': 'test', 'EventBridge.APIKey': API_KEY }),
  'settings.json': JSON.stringify({ afterStartupFlows: ['ASU_System'] }),
  'flows/ASU_System.json': flow('ASU_System', [
    node('s', 'core.Start', 0),
    credentials,
    node('reg', 'eventbridge.RegisterApp', 200, { region: REGION, credentials: '$Credentials', name: "'flowbridge-app'", apiKey: 'EventBridge.APIKey', outputVariable: 'AppRegistration' }),
    node('cfg', 'eventbridge.CreateConfiguration', 300, { eventType: "'OrderPlaced'", callbackFlow: 'CB_OrderPlaced' }),
    node('rule', 'eventbridge.RouteEventsToApp', 400, {
      region: REGION,
      credentials: '$Credentials',
      eventBusName: "'default'",
      ruleName: "'flowbridge-app-events'",
      eventTypes: "['OrderPlaced']",
      apiDestination: '$AppRegistration.ApiDestinationArn',
      roleArn: "'arn:aws:iam::000000000000:role/flowbridge-events'",
      outputVariable: 'EventRoute',
    }),
    node('end', 'core.End', 500),
  ]),
  'flows/ACT_PutEvents.json': flow(
    'ACT_PutEvents',
    [
      node('s', 'core.Start', 0),
      credentials,
      node('put', 'eventbridge.PutEvents', 200, {
        region: REGION,
        credentials: '$Credentials',
        entries: [{ source: "'com.example.shop'", detailType: "'OrderPlaced'", detail: '{"orderId": $OrderId, "total": $Total}' }],
        outputVariable: 'Response',
      }),
      node('end', 'core.End', 300, { returnValue: '$Response' }),
    ],
    { parameters: [{ name: 'OrderId', type: 'String' }, { name: 'Total', type: 'Decimal' }], returnType: 'PutEventsResponse' },
  ),
  'flows/CB_OrderPlaced.json': flow(
    'CB_OrderPlaced',
    [node('s', 'core.Start', 0), node('log', 'core.LogMessage', 100, { level: 'info', message: 'received order {{ $HttpRequest.event.detail.orderId }} of {{ $HttpRequest.event.detail.total }}' }), node('end', 'core.End', 200)],
    { parameters: [{ name: 'HttpRequest', type: 'HttpRequest' }] },
  ),
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ files, config: { aws: { kind: 'embedded', port: 0 } }, modules: [eventEndpointModule] });
}, 30_000);
afterAll(() => server?.close());

async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('the whole EventBridge loop against the embedded local AWS', () => {
  it('the after-startup flow registers the app, binds the callback and routes the event type', async () => {
    const report = await server.afterStartup;
    expect(report.ok, JSON.stringify(report)).toBe(true);
    expect(await server.storage.routing.get('OrderPlaced')).toBe('CB_OrderPlaced');
  });

  it('an event sent with PutEvents reaches the callback flow once, with its detail', async () => {
    await server.afterStartup;
    const ran = await server.api('/api/flows/ACT_PutEvents/runs', { method: 'POST', json: { parameters: { OrderId: 'o-42', Total: 150.5 } } });
    const record = await body(ran);
    expect(record.status, JSON.stringify(record.error)).toBe('succeeded');
    expect(record.result.FailedEntryCount).toBe(0);
    const eventId: string = record.result.Entries[0].EventId;
    expect(eventId).toMatch(/^[0-9a-f-]{36}$/);

    const entry = await eventually('the callback to finish', async () => {
      const e = await server.storage.inbox.get(eventId);
      return e?.status === 'done' ? e : undefined;
    });
    const callback = await body(await server.api(`/api/runs/${entry.runId}`));
    expect(callback).toMatchObject({ flow: 'CB_OrderPlaced', status: 'succeeded', trigger: 'event', eventId });
    expect(callback.logs.map((l: { message: string }) => l.message)).toEqual(['received order o-42 of 150.5']);
    // Run in a worker: the succeeded callback comes back with a compact trace; the manual run keeps its full one.
    expect(callback.traceCompact).toBe(true);
    expect(callback.trace.length).toBeGreaterThan(1);
    expect(callback.trace.some((step: { inputs?: unknown; output?: unknown }) => step.inputs !== undefined || step.output !== undefined)).toBe(false);
    expect(record).not.toHaveProperty('traceCompact');
    expect(record.trace.some((step: { inputs?: unknown }) => step.inputs !== undefined)).toBe(true);

    // EventBridge delivers at least once: the same event again is acknowledged and runs nothing.
    const redelivery = await fetch(`${server.url}/rest/EventBridge/v1/event`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
      body: JSON.stringify(entry.event),
    });
    expect(redelivery.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    const runs = (await body(await server.api('/api/runs?flow=CB_OrderPlaced'))).runs as Array<{ eventId?: string }>;
    expect(runs.filter((r) => r.eventId === eventId)).toHaveLength(1);
  });

  it('no API response, run or log line shows the API key or the AWS secret key', async () => {
    const runs = await server.api('/api/runs?limit=50');
    const texts = [await runs.text(), server.logs.join('\n')];
    for (const { id } of (JSON.parse(texts[0]!) as { runs: Array<{ id: string }> }).runs) texts.push(await (await server.api(`/api/runs/${id}`)).text());
    for (const text of texts) expect(text).not.toContain(API_KEY);
  });
});
