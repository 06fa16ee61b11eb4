/** The workspace every reliability server runs: a callback flow, secret constants, generous limits. */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createSqliteStorage } from '@flowbridge/server/dist/storage/sqlite-storage.js';
import { createWorkspace, ServerProcess } from './server-process.js';

/** Random per suite run, so a leak is a real leak and not a coincidence with a fixed string. */
export const API_KEY = `rel-key-${randomBytes(18).toString('hex')}`;
export const AWS_SECRET = `rel-aws-secret-${randomBytes(18).toString('hex')}`;
export const ENDPOINT = '/rest/EventBridge/v1/event';
export const CALLBACK_FLOW = 'CB_Reliable';

const node = (id: string, kind: string, x: number, config: Record<string, unknown>) => ({ id, kind, position: { x, y: 0 }, config });
const edge = (from: string, to: string) => ({ id: `${from}-${to}`, source: from, sourcePort: 'out', target: to });

/** Start → nodes → End, as a flow document text. */
export function chainFlow(name: string, parameters: Array<{ name: string; type: string }>, nodes: ReturnType<typeof node>[]): string {
  const all = [node('s', 'core.Start', 0, {}), ...nodes, node('e', 'core.End', 1000, {})];
  return JSON.stringify({ formatVersion: 1, name, parameters, nodes: all, edges: all.slice(1).map((n, i) => edge(all[i]!.id, n.id)), annotations: [] });
}

export { node };

/** A server with the callback flow routed for `OrderPlaced`, not yet started. */
export async function reliabilityServer(settings: Record<string, unknown> = {}): Promise<ServerProcess> {
  const dirs = await createWorkspace({
    [`flows/${CALLBACK_FLOW}.json`]: chainFlow(CALLBACK_FLOW, [{ name: 'HttpRequest', type: 'HttpRequest' }], [
      node('l', 'core.LogMessage', 200, { level: 'info', message: 'order {{ $HttpRequest.event.detail.n }}' }),
    ]),
    'flows/SEC_Credentials.json': chainFlow('SEC_Credentials', [], [
      node('c', 'aws.GetStaticCredentials', 200, { accessKeyId: 'AWS.AccessKeyId', secretAccessKey: 'AWS.SecretAccessKey', outputVariable: 'Credentials' }),
      node('l', 'core.LogMessage', 400, { level: 'info', message: 'credentials {{ $string($Credentials) }}' }),
    ]),
    'constants.json': JSON.stringify({
      'EventBridge.APIKey': { secret: true },
      'AWS.AccessKeyId': { value: 'AKIDRELIABILITY' },
      'AWS.SecretAccessKey': { secret: true },
      'AWS.Region': { value: 'us-east-1' },
    }),
    'settings.json': JSON.stringify({ eventEndpoint: { rateLimitPerMinute: 1_000_000, retryDelayMs: 100, ...settings } }),
  });
  const storage = createSqliteStorage(join(dirs.dataDir, 'flowbridge.db'));
  await storage.routing.put('OrderPlaced', CALLBACK_FLOW);
  await storage.close();
  return new ServerProcess(dirs, { FLOWBRIDGE_EVENTBRIDGE_APIKEY: API_KEY, FLOWBRIDGE_AWS_SECRETACCESSKEY: AWS_SECRET });
}

/** An API destination body for event `id`. */
export function eventBody(id: string, n: number): string {
  return JSON.stringify({ version: '0', id, 'detail-type': 'OrderPlaced', source: 'com.example.shop', account: '000000000000', time: new Date().toISOString(), region: 'us-east-1', resources: [], detail: { n } });
}

/** POSTs an event; resolves with the status, or 0 when the server did not answer (down, killed, reset). */
export async function sendEvent(server: ServerProcess, body: string, apiKey = API_KEY): Promise<number> {
  try {
    const res = await fetch(`${server.url}${ENDPOINT}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': apiKey }, body, signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** How many inbox entries have `status` (up to 500). */
export async function inboxCount(server: ServerProcess, status: string): Promise<number> {
  const res = await server.request(`/api/inbox?status=${status}&limit=500`);
  if (res.status !== 200) throw new Error(`GET /api/inbox answered ${res.status}: ${res.text.slice(0, 200)}`);
  return (JSON.parse(res.text) as { events: unknown[] }).events.length;
}

/** Waits until no event is pending or being dispatched. */
export async function inboxDrained(server: ServerProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await inboxCount(server, 'pending')) + (await inboxCount(server, 'routed')) > 0) {
    if (Date.now() > deadline) throw new Error(`the inbox still had pending or routed events after ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
