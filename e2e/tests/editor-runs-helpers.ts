/** Helpers for the editor runs/inbox scenarios: the event endpoint's key, a routing binding, and events. */
import { randomBytes, randomUUID } from 'node:crypto';
import { expect, type APIRequestContext } from '@playwright/test';
import { end, putFlow, start, uniqueName, type TestNode } from './editor-helpers.js';

export const ENDPOINT = '/rest/EventBridge/v1/event';
/** Made up per test run; set as the secret the endpoint checks, never written to a file. */
const API_KEY = `e2e-key-${randomBytes(12).toString('hex')}`;

/** Sets the endpoint's API key constant (the e2e workspace starts without one). */
export async function setApiKey(request: APIRequestContext): Promise<void> {
  const res = await request.put('/api/constants/EventBridge.APIKey', { data: { value: API_KEY, secret: true } });
  expect(res.ok(), await res.text()).toBe(true);
}

/** Saves a callback flow (one HttpRequest parameter) whose body is `nodes` between Start and an End (or Error End). */
export async function putCallbackFlow(request: APIRequestContext, name: string, nodes: TestNode[], last: TestNode = end(200 * (nodes.length + 1), 0)): Promise<void> {
  const all = [start(), ...nodes, last];
  await putFlow(
    request,
    name,
    all,
    all.slice(1).map((n, i) => ({ id: `e${i + 1}`, source: all[i]!.id, sourcePort: 'out', target: n.id })),
    { parameters: [{ name: 'Request', type: 'HttpRequest' }] },
  );
}

/** Routes events of `eventType` to `flow`, the way an app does it: by running a flow with Create Configuration. */
export async function bindEventType(request: APIRequestContext, eventType: string, flow: string): Promise<void> {
  const setup = uniqueName('ACT_E2E_Bind');
  await putFlow(
    request,
    setup,
    [start(), { id: 'bind', kind: 'eventbridge.CreateConfiguration', position: { x: 200, y: 0 }, config: { eventType: `'${eventType}'`, callbackFlow: flow } }, end(400, 0)],
    [
      { id: 'e1', source: 'start', sourcePort: 'out', target: 'bind' },
      { id: 'e2', source: 'bind', sourcePort: 'out', target: 'end' },
    ],
  );
  const res = await request.post(`/api/flows/${setup}/runs`, { data: { parameters: {} } });
  expect(res.ok(), await res.text()).toBe(true);
  expect((await res.json()).status).toBe('succeeded');
}

/** An EventBridge event as the API destination delivers it. */
export function eventOf(detailType: string, source: string, detail: Record<string, unknown>): Record<string, unknown> {
  return { version: '0', id: randomUUID(), 'detail-type': detailType, source, account: '000000000000', time: new Date().toISOString(), region: 'us-east-1', resources: [], detail };
}

/** POSTs an event to the endpoint with the key, as EventBridge would; answers the event. */
export async function sendEvent(request: APIRequestContext, event: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await request.post(ENDPOINT, { headers: { 'x-api-key': API_KEY }, data: event });
  expect(res.status(), await res.text()).toBe(202);
  return event;
}
