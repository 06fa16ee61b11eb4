/** The event endpoint benches' workload: a workspace with a trivial callback flow, and the event they send. */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createSqliteStorage } from '../dist/storage/sqlite-storage.js';

/**
 * A workspace with a trivial callback flow for `OrderPlaced` events, routed in its database; `settings`
 * are merged into its settings.json (the per-client rate limit is lifted: one load generator on
 * loopback would otherwise be stopped by it).
 */
export async function benchWorkspace(settings: { eventEndpoint?: Record<string, unknown>; workers?: unknown } = {}): Promise<{ workspace: string; dataDir: string }> {
  const workspace = await mkdtemp(join(tmpdir(), 'fb-bench-endpoint-'));
  const dataDir = join(workspace, 'data');
  await mkdir(join(workspace, 'flows'), { recursive: true });
  await writeFile(
    join(workspace, 'flows', 'CB_BenchEvent.json'),
    JSON.stringify({
      formatVersion: 1,
      name: 'CB_BenchEvent',
      parameters: [{ name: 'HttpRequest', type: 'HttpRequest' }],
      nodes: [
        { id: 's', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} },
        { id: 'e', kind: 'core.End', position: { x: 200, y: 0 }, config: {} },
      ],
      edges: [{ id: 'a', source: 's', sourcePort: 'out', target: 'e' }],
      annotations: [],
    }),
  );
  await writeFile(join(workspace, 'constants.json'), JSON.stringify({ 'EventBridge.APIKey': { secret: true } }));
  await writeFile(join(workspace, 'settings.json'), JSON.stringify({ ...settings, eventEndpoint: { rateLimitPerMinute: 1_000_000, ...settings.eventEndpoint } }));
  await mkdir(dataDir, { recursive: true });
  const storage = createSqliteStorage(join(dataDir, 'flowbridge.db'));
  await storage.routing.put('OrderPlaced', 'CB_BenchEvent');
  await storage.close();
  return { workspace, dataDir };
}

let sequence = 0;
const runId = randomBytes(4).toString('hex');
/** A realistic API destination body (about 450 bytes) with a fresh event id. */
export function eventBody(): string {
  const id = `bench-${runId}-${++sequence}`;
  return JSON.stringify({
    version: '0',
    id,
    'detail-type': 'OrderPlaced',
    source: 'com.example.shop',
    account: '000000000000',
    time: '2026-01-01T00:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: { orderId: id, customer: 'c-1042', total: 150.25, currency: 'EUR', lines: [{ sku: 'A-1', qty: 2, price: 50 }, { sku: 'B-7', qty: 1, price: 50.25 }] },
  });
}

/**
 * The URL a started server (or bench target) prints once it listens. Its log is then drained as
 * bytes, as a terminal would: splitting and matching every line (the server logs each accepted event
 * at info) ran in the bench's process, beside the load generator, and slowed the load on the servers
 * that log but not on bare Express, which logs nothing.
 */
export async function listeningUrl(child: ChildProcess, name: string, timeoutMs: number): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  try {
    return await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the ${name} did not start within ${timeoutMs / 1000} s`)), timeoutMs);
      child.once('exit', (code) => reject(new Error(`the ${name} exited with code ${code} before listening`)));
      lines.on('line', (line) => {
        const match = /(?:running at|listening) (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
  } finally {
    lines.close();
    child.stdout!.on('data', () => undefined).resume();
  }
}
