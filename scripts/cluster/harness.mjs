// A local Flowbridge cluster for the cluster test and benchmark: server processes
// (`node apps/server/dist/main.js`) on loopback ports sharing one PostgreSQL schema, and a load
// generator that delivers events the way EventBridge's API destination does (retrying on failure).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MAIN = join(ROOT, 'apps', 'server', 'dist', 'main.js');
const ENDPOINT = '/rest/EventBridge/v1/event';
export const EVENT_TYPE = 'ClusterOrderPlaced';
export const CALLBACK_FLOW = 'CB_ClusterOrderPlaced';

/** The `pg` driver the server itself uses (the root package has no dependencies of its own). */
export const pg = createRequire(join(ROOT, 'apps', 'server', 'package.json'))('pg');

export const DATABASE_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Runs `work` with one connection to the database (search path: `schema`). */
export async function withDatabase(schema, work) {
  const client = new pg.Client({ connectionString: DATABASE_URL, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL at ${DATABASE_URL.replace(/:[^:@/]*@/, '@')} is not reachable (${error.message}); start it (127.0.0.1:5432, trust auth, database "test") or point PG_TEST_URL at one.`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh schema name; the servers create it on start-up. */
export function newSchema(prefix = 'fb_cluster') {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

export async function dropSchema(schema) {
  await withDatabase(undefined, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
}

/** A free loopback port (the OS picks it; it stays free unless something else grabs it meanwhile). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * A deployed production workspace: one callback flow for `EVENT_TYPE`, the API key constant, and a
 * short claim lease so that a killed instance's events are taken over within seconds.
 */
export async function clusterWorkspace({ leaseSeconds = 5 } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'fb-cluster-'));
  await mkdir(join(dir, 'flows'), { recursive: true });
  await writeFile(
    join(dir, 'flows', `${CALLBACK_FLOW}.json`),
    JSON.stringify({
      formatVersion: 1,
      name: CALLBACK_FLOW,
      parameters: [{ name: 'HttpRequest', type: 'HttpRequest' }],
      nodes: [
        { id: 's', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} },
        { id: 'e', kind: 'core.End', position: { x: 200, y: 0 }, config: {} },
      ],
      edges: [{ id: 'a', source: 's', sourcePort: 'out', target: 'e' }],
      annotations: [],
    }),
  );
  await writeFile(join(dir, 'constants.json'), JSON.stringify({ 'EventBridge.APIKey': { secret: true } }));
  await writeFile(
    join(dir, 'settings.json'),
    JSON.stringify({
      // One load generator on loopback is "one client": the per-client limit would throttle it.
      eventEndpoint: { rateLimitPerMinute: 1_000_000, claimLeaseSeconds: leaseSeconds, retryDelayMs: 200 },
      runs: { maxAgeDays: 0, maxRuns: 0 },
    }),
  );
  return { dir, apiKey: `cluster-${randomBytes(16).toString('hex')}`, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Binds `EVENT_TYPE` to the callback flow in the shared routing table (as CreateConfiguration does). */
export async function bindEventType(schema) {
  await withDatabase(schema, (c) =>
    c.query('INSERT INTO routing (event_type, flow, updated_at) VALUES ($1, $2, now()) ON CONFLICT (event_type) DO UPDATE SET flow = excluded.flow', [EVENT_TYPE, CALLBACK_FLOW]),
  );
}

/**
 * Starts one server process and waits until `/readyz` answers 200 (bounded). Its log goes to
 * `<workspace>/instance-<name>.log`.
 */
export async function startInstance({ name, port, schema, workspace, apiKey }) {
  const log = createWriteStream(join(workspace.dir, `instance-${name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `${DATABASE_URL}?schema=${schema}`,
      FLOWBRIDGE_MODE: 'production',
      FLOWBRIDGE_WORKSPACE: workspace.dir,
      FLOWBRIDGE_DATA_DIR: join(workspace.dir, `data-${name}`),
      LOCAL_AWS_PORT: 'off',
      FLOWBRIDGE_EVENTBRIDGE_APIKEY: apiKey,
      LOG_LEVEL: 'warn',
    },
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  let stopped;
  exited.then((how) => (stopped = how));
  for (;;) {
    if (stopped) throw new Error(`instance ${name} exited (${stopped.signal ?? stopped.code}) before it was ready; see ${join(workspace.dir, `instance-${name}.log`)}`);
    const status = await request(url, 'GET', '/readyz').then((r) => r.status, () => 0);
    if (status === 200) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`instance ${name} was not ready within 30 s; see ${join(workspace.dir, `instance-${name}.log`)}`);
    }
    await sleep(100);
  }
  return {
    name,
    port,
    url,
    child,
    exited,
    kill: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** One HTTP request over a keep-alive connection; resolves with status and body text. */
export function request(baseUrl, method, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const url = new URL(path, baseUrl);
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method, agent, headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } : headers, timeout: 15_000 },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

/** An API destination's request body for event `id`. */
export function eventBody(id) {
  return JSON.stringify({
    version: '0',
    id,
    'detail-type': EVENT_TYPE,
    source: 'com.example.shop',
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'us-east-1',
    resources: [],
    detail: { orderId: id, total: 150.25, lines: [{ sku: 'A-1', qty: 2 }] },
  });
}

/**
 * Delivers every body in `deliveries` ({id, body}) with `concurrency` requests in flight, each to the
 * next instance `target()` picks. Like EventBridge, a delivery that fails (connection refused or
 * reset, 5xx, 429) is retried, on another instance, until it is answered 202 (accepted) or 200
 * (duplicate). `onProgress(done)` is called after each answered delivery.
 */
export async function deliver(deliveries, { target, apiKey, concurrency = 32, onProgress = () => {}, deadlineMs = 120_000 }) {
  const stats = { accepted: 0, duplicate: 0, retried: 0, answered: 0 };
  const deadline = Date.now() + deadlineMs;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < deliveries.length; i = next++) {
      const { body } = deliveries[i];
      for (let attempt = 1; ; attempt++) {
        if (Date.now() > deadline) throw new Error(`deliveries did not finish within ${deadlineMs / 1000} s`);
        const instance = target(attempt);
        const answer = await request(instance.url, 'POST', ENDPOINT, body, { 'x-api-key': apiKey }).catch(() => ({ status: 0 }));
        if (answer.status === 202 || answer.status === 200) {
          stats[answer.status === 202 ? 'accepted' : 'duplicate']++;
          stats.answered++;
          onProgress(stats.answered);
          break;
        }
        if (answer.status >= 400 && answer.status < 500 && answer.status !== 429) {
          throw new Error(`instance ${instance.name} refused an event with ${answer.status}: ${answer.text}`);
        }
        stats.retried++;
        await sleep(Math.min(200, 10 * attempt));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return stats;
}

/** Inbox entries per status in `schema`. */
export async function inboxCounts(client) {
  const { rows } = await client.query('SELECT status, COUNT(*)::integer AS n FROM inbox GROUP BY status');
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Waits (bounded) until no entry is pending or routed; returns the counts at the end. */
export async function waitForDrain(schema, { timeoutMs = 120_000, expectDone } = {}) {
  return withDatabase(schema, async (client) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counts = await inboxCounts(client);
      const open = (counts.pending ?? 0) + (counts.routed ?? 0);
      if (open === 0 && (expectDone === undefined || (counts.done ?? 0) >= expectDone)) return counts;
      if (Date.now() > deadline) return { ...counts, timedOut: true };
      await sleep(100);
    }
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Fisher–Yates, in place. */
export function shuffle(items) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
