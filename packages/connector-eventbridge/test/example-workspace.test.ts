/**
 * The example workspace the server ships as its default (`<repo>/workspace`): every flow validates with
 * no problem against the full catalogue (core, AWS Authentication, EventBridge, the workspace's flow
 * signatures and constants), is saved in canonical form, and the EventBridge scenario works with the
 * shipped constants against local AWS: ASU_System registers the app and routes OrderPlaced,
 * ACT_PutEvents sends one, local EventBridge delivers it with the API key, and CB_OrderPlaced runs on it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { clearClientCache, createAwsAuthModule } from '@flowbridge/connector-aws-auth';
import { parseDocument, serializeFlow, signatureOf, validate, type Catalogue, type ConstantDefinition, type FlowDocument } from '@flowbridge/flow-model';
import { startLocalAws } from '@flowbridge/local-aws';
import { compile, coreRuntimeModule, createEngine, run, type CompiledFlow, type Engine, type ResolvedConstant, type RunResult } from '@flowbridge/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEventRequest } from '../src/event-endpoint/index.js';
import { createEventBridgeModule, MemoryAppRegistrationStore, MemoryEventRoutingStore } from '../src/index.js';

const WORKSPACE = fileURLToPath(new URL('../../../workspace/', import.meta.url));
const FLOWS_DIR = `${WORKSPACE}flows/`;

interface ConstantEntry {
  value?: unknown;
  secret?: boolean;
  localDefault?: unknown;
  type?: string;
}

const flowFiles = readdirSync(FLOWS_DIR).filter((file) => file.endsWith('.json')).sort();
const flowTexts = new Map(flowFiles.map((file) => [file, readFileSync(`${FLOWS_DIR}${file}`, 'utf8')]));
const constantEntries = JSON.parse(readFileSync(`${WORKSPACE}constants.json`, 'utf8')) as Record<string, ConstantEntry>;
const settings = JSON.parse(readFileSync(`${WORKSPACE}settings.json`, 'utf8')) as { afterStartupFlows?: string[] };

/** The flow documents of the workspace by name; a file that does not parse fails its own test below. */
function documents(): Map<string, FlowDocument> {
  const byName = new Map<string, FlowDocument>();
  for (const text of flowTexts.values()) {
    const parsed = parseDocument(JSON.parse(text));
    if (parsed.ok) byName.set(parsed.document.name, parsed.document);
  }
  return byName;
}

/** Constant definitions as the server derives them from constants.json (names, types, secrecy; never values). */
function constantDefinitions(): Map<string, ConstantDefinition> {
  return new Map(
    Object.entries(constantEntries).map(([name, entry]) => [name, { name, secret: entry.secret === true, ...(entry.type ? { type: entry.type } : {}) }]),
  );
}

/**
 * The shipped constant values, as a fully local server (embedded local AWS, loopback bind) resolves
 * them without secrets.json or environment overrides: values, and secret constants' local defaults.
 */
function shippedConstant(name: string): ResolvedConstant | undefined {
  const entry = constantEntries[name];
  if (!entry) return undefined;
  if (entry.secret) return entry.localDefault !== undefined ? { value: entry.localDefault, secret: true } : undefined;
  return entry.value !== undefined ? { value: entry.value, secret: false } : undefined;
}

function workspaceEngine(registrations = new MemoryAppRegistrationStore()): Engine {
  const engine = createEngine([coreRuntimeModule, createAwsAuthModule(), createEventBridgeModule({ registrations })]);
  const flows = new Map([...documents()].map(([name, document]) => [name, signatureOf(document)]));
  const catalogue: Catalogue = { ...engine.catalogue, flows, constants: constantDefinitions() };
  return { ...engine, catalogue };
}

describe('the example workspace', () => {
  it('ships the EventBridge scenario flows', () => {
    expect([...documents().keys()]).toEqual(expect.arrayContaining(['ACT_PutEvents', 'ASU_System', 'CB_OrderPlaced']));
  });

  it.each(flowFiles)('%s is a flow document named like its file, saved in canonical form', (file) => {
    const text = flowTexts.get(file)!;
    const parsed = parseDocument(JSON.parse(text));
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
    if (!parsed.ok) return;
    expect(`${parsed.document.name}.json`).toBe(file);
    expect(text).toBe(serializeFlow(parsed.document));
  });

  it.each(flowFiles)('%s has no problems against the full catalogue, flow signatures and constants', (file) => {
    const parsed = parseDocument(JSON.parse(flowTexts.get(file)!));
    if (!parsed.ok) throw new Error(`${file} is not a flow document: ${JSON.stringify(parsed.problems)}`);
    expect(validate(parsed.document, workspaceEngine().catalogue)).toEqual([]);
  });

  it('the validation these flows pass does check callback bindings and constant types', () => {
    // Guards the test above against a catalogue that silently skips checks.
    const catalogue = workspaceEngine().catalogue;
    const asu = documents().get('ASU_System')!;
    const rebound: FlowDocument = {
      ...asu,
      nodes: asu.nodes.map((n) => (n.kind === 'eventbridge.CreateConfiguration' ? { ...n, config: { ...n.config, callbackFlow: 'ACT_PutEvents' } } : n)),
    };
    expect(validate(rebound, catalogue).map((p) => p.code)).toContain('callback-signature');
    const untypedRegion: Catalogue = { ...catalogue, constants: new Map([...constantDefinitions()].map(([name, c]) => [name, { name, secret: c.secret }])) };
    expect(validate(documents().get('ACT_PutEvents')!, untypedRegion).map((p) => p.code)).toContain('type-mismatch');
  });

  it('lists ASU_System as an after-startup flow, and every after-startup flow exists', () => {
    expect(settings.afterStartupFlows).toContain('ASU_System');
    for (const name of settings.afterStartupFlows ?? []) expect(documents().has(name), name).toBe(true);
  });

  it('keeps the API key and the AWS secret key secret, and gives every constant the flows use a (local) value', () => {
    expect(constantEntries['EventBridge.APIKey']?.secret).toBe(true);
    expect(constantEntries['AWS.SecretAccessKey']?.secret).toBe(true);
    for (const [name, entry] of Object.entries(constantEntries)) {
      if (entry.secret) expect(entry.value, name).toBeUndefined();
    }
    const used = new Set<string>();
    for (const text of flowTexts.values()) {
      for (const match of text.matchAll(/"((?:AWS|EventBridge)\.[A-Za-z]+)"|\$constant\('([^']+)'\)/g)) used.add(match[1] ?? match[2]!);
    }
    expect(used.size).toBeGreaterThan(0);
    for (const name of used) expect(shippedConstant(name), `constant ${name}`).toBeDefined();
  });
});

/** A stand-in for the app's event endpoint: records what local EventBridge's API destination sends. */
interface AppStandIn {
  url: string;
  received: Array<{ method: string; path: string; headers: IncomingHttpHeaders; body: string }>;
  close(): Promise<void>;
}

async function startAppStandIn(): Promise<AppStandIn> {
  const received: AppStandIn['received'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(202, { 'content-type': 'application/json' });
      res.end('{"status":"accepted"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function eventually<T>(what: string, check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the example scenario against local AWS, with the shipped constants', () => {
  let localAws: Awaited<ReturnType<typeof startLocalAws>>;
  let app: AppStandIn;
  const routing = new MemoryEventRoutingStore();
  let engine: Engine;
  let services: Record<string, unknown>;

  beforeAll(async () => {
    localAws = await startLocalAws({ host: '127.0.0.1', port: 0 });
    app = await startAppStandIn();
    engine = workspaceEngine();
    services = { 'aws.endpoint': localAws.url, 'app.url': app.url, 'eventbridge.routing': routing };
  });
  afterAll(async () => {
    clearClientCache();
    await app?.close();
    await localAws?.close();
  });

  function compiled(name: string): CompiledFlow {
    const result = compile(documents().get(name)!, engine);
    if (!result.ok) throw new Error(`${name} does not compile: ${JSON.stringify(result.problems)}`);
    return result.flow;
  }

  function runFlow(name: string, parameters: Record<string, unknown> = {}): Promise<RunResult> {
    return run(compiled(name), parameters, { services, constants: shippedConstant });
  }

  it('ASU_System registers the app, binds OrderPlaced to CB_OrderPlaced and routes it from the default bus', async () => {
    const result = await runFlow('ASU_System');
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('succeeded');
    expect(await routing.get('OrderPlaced')).toBe('CB_OrderPlaced');
    const route = result.trace.find((step) => step.nodeId === 'route')?.output as { RuleArn: string; EventPattern: string } | undefined;
    expect(route?.RuleArn).toMatch(/:rule\/flowbridge-app-events$/);
    expect(JSON.parse(route!.EventPattern)).toEqual({ 'detail-type': ['OrderPlaced'] });
    expect(result.logs.map((line) => line.message).join('\n')).toContain(`${app.url}/rest/EventBridge/v1/event`);
  });

  it('ASU_System run again (every server start) succeeds without changing anything', async () => {
    const result = await runFlow('ASU_System');
    expect(result.status).toBe('succeeded');
    const registration = result.trace.find((step) => step.nodeId === 'register')?.output as { ConnectionChanged: boolean; ApiDestinationChanged: boolean };
    expect(registration).toMatchObject({ ConnectionChanged: false, ApiDestinationChanged: false });
    expect(result.trace.find((step) => step.nodeId === 'route')?.output).toMatchObject({ Changed: false });
  });

  let eventId = '';

  it('ACT_PutEvents sends OrderPlaced and returns FailedEntryCount 0 with an EventId', async () => {
    const result = await runFlow('ACT_PutEvents', { OrderId: 'o-1001', Total: 150.5 });
    expect(result.error).toBeUndefined();
    const response = result.result as { FailedEntryCount: number; Entries: Array<{ EventId?: string }> };
    expect(response.FailedEntryCount).toBe(0);
    expect(response.Entries).toHaveLength(1);
    eventId = response.Entries[0]!.EventId ?? '';
    expect(eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('local EventBridge delivers that event to the app with the x-api-key header, and CB_OrderPlaced logs a large order', async () => {
    const delivery = await eventually('local EventBridge to call the app', () => app.received.find((r) => r.body.includes(eventId)));
    expect(delivery.method).toBe('POST');
    expect(delivery.path).toBe('/rest/EventBridge/v1/event');
    expect(delivery.headers['x-api-key']).toBe(shippedConstant('EventBridge.APIKey')?.value);

    // The endpoint's own check: the shipped key is accepted and the callback gets an HttpRequest without it.
    const checked = checkEventRequest(
      { method: delivery.method, uri: delivery.path, headers: delivery.headers, body: delivery.body },
      { apiKey: shippedConstant('EventBridge.APIKey')?.value as string },
    );
    if (!checked.ok) throw new Error(`the endpoint would refuse the delivery: ${checked.status} ${checked.message}`);
    expect(checked.event).toMatchObject({ id: eventId, 'detail-type': 'OrderPlaced', source: 'com.example.shop', detail: { orderId: 'o-1001', total: 150.5 } });
    expect(checked.request.headers['x-api-key']).toBeUndefined();

    const callback = await runFlow(await routing.get('OrderPlaced').then((flow) => flow ?? 'missing binding'), { HttpRequest: checked.request });
    expect(callback.error).toBeUndefined();
    expect(callback.logs.map((line) => [line.level, line.message])).toEqual([['warning', `Large order o-1001: total 150.5 (event ${eventId})`]]);
  });

  it('CB_OrderPlaced takes the other branch for an order of 100 or less', async () => {
    const event = { id: 'e-small', 'detail-type': 'OrderPlaced', source: 'com.example.shop', detail: { orderId: 'o-7', total: 100 } };
    const callback = await runFlow('CB_OrderPlaced', { HttpRequest: { method: 'POST', uri: '/rest/EventBridge/v1/event', headers: {}, content: JSON.stringify(event), event } });
    expect(callback.logs.map((line) => [line.level, line.message])).toEqual([['info', 'Order o-7: total 100 (event e-small)']]);
  });

  it('ACT_PutEvents takes its error path and fails, naming the cause, when EventBridge cannot be reached', async () => {
    const result = await run(compiled('ACT_PutEvents'), { OrderId: 'o-1', Total: 1 }, {
      services: { ...services, 'aws.endpoint': 'http://127.0.0.1:9' },
      constants: shippedConstant,
    });
    expect(result.status).toBe('failed');
    expect(result.logs.map((line) => line.message).join('\n')).toContain('OrderPlaced o-1 was not sent');
    expect(result.error).toMatchObject({
      kind: 'EndpointUnreachable',
      activity: 'put',
      details: { service: 'EventBridge', operation: 'PutEvents' },
    });
    expect(result.error?.message).toMatch(/could not reach http:\/\/127\.0\.0\.1:9 .*Is the endpoint right and running\?/);
  });
});
