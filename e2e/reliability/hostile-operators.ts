/**
 * Hostile senders and operators: what a person with network or API access might try beyond malformed
 * input — readers of the live stream that never read, attempts to read secrets back (turning a secret
 * constant non-secret, deriving strings from a secret in a flow), links in the workspace, concurrent
 * renames, bodies nested deep or announced huge, and a weak admin token. Prints the counts: inputs
 * tried, 5xx, crashes, hangs, lost events, leaked secrets (all but the first must be zero).
 */
import { connect, type Socket } from 'node:net';
import { mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AWS_SECRET, chainFlow, ENDPOINT, node, reliabilityServer, sleep } from './fixtures.js';
import { capturedBodies, capturedOutput, createWorkspace, ServerProcess } from './server-process.js';

interface Counts {
  inputs: number;
  serverErrors: number;
  crashes: number;
  hangs: number;
  lostEvents: number;
  leakedSecrets: number;
  problems: string[];
  /** Resident memory growth while ten clients did not read the stream, in bytes. */
  streamGrowth?: number;
  /** Most bytes the server held at once for stream clients (its own figure, from /metrics). */
  streamPeak?: number;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/** Forms a flow can derive from the AWS secret; none may show anywhere. */
function derivedForms(secret: string): string[] {
  return [secret, secret.toUpperCase(), Buffer.from(secret).toString('base64'), Buffer.from(`k=${secret}`).toString('base64'), secret.slice(3, 33), [...secret].reverse().join('')];
}

export async function hostileOperators(): Promise<string> {
  const counts: Counts = { inputs: 0, serverErrors: 0, crashes: 0, hangs: 0, lostEvents: 0, leakedSecrets: 0, problems: [] };
  const server = await reliabilityServer();
  await server.start();
  /** One request with a deadline; a missing answer counts as a hang, a 5xx as a server error. */
  const call = async (path: string, init: RequestInit = {}): Promise<{ status: number; text: string }> => {
    counts.inputs++;
    try {
      const res = await server.request(path, { ...init, signal: AbortSignal.timeout(10_000) });
      if (res.status >= 500) {
        counts.serverErrors++;
        counts.problems.push(`${init.method ?? 'GET'} ${path} answered ${res.status}: ${res.text.slice(0, 160)}`);
      }
      return res;
    } catch (error) {
      counts.hangs++;
      counts.problems.push(`${init.method ?? 'GET'} ${path} got no answer: ${(error as Error).message}`);
      return { status: 0, text: '' };
    }
  };
  const expectStatus = (what: string, status: number, wanted: number[]) => {
    if (!wanted.includes(status)) counts.problems.push(`${what} answered ${status}, wanted ${wanted.join(' or ')}`);
  };

  try {
    await liveStreamReaders(server, call, counts);
    await secrets(server, call, expectStatus);
    await workspaceFiles(server, call, expectStatus, counts);
    await edgeLimits(server, call, expectStatus, counts);
    await weakAdminToken(counts);

    const health = await call('/healthz');
    if (health.status !== 200) counts.crashes++;
  } finally {
    await server.stop();
  }
  const output = capturedOutput.join('');
  const bodies = capturedBodies.join('\n');
  for (const form of derivedForms(AWS_SECRET)) {
    if (output.includes(form) || bodies.includes(form)) {
      counts.leakedSecrets++;
      counts.problems.push(`a form of the AWS secret (${form.length} characters) reached the output or an API body`);
    }
  }
  const line = `inputs tried ${counts.inputs}, 5xx ${counts.serverErrors}, crashes ${counts.crashes}, hangs ${counts.hangs}, lost events ${counts.lostEvents}, leaked secrets ${counts.leakedSecrets} (ten stuck stream readers: at most ${((counts.streamPeak ?? 0) / 1e6).toFixed(1)} MB held for them, resident memory grew ${((counts.streamGrowth ?? 0) / 1e6).toFixed(1)} MB)`;
  if (counts.serverErrors + counts.crashes + counts.hangs + counts.lostEvents + counts.leakedSecrets > 0 || counts.problems.length > 0) {
    throw new Error(`${line}\n${counts.problems.slice(0, 12).join('\n')}`);
  }
  return line;
}

type Call = (path: string, init?: RequestInit) => Promise<{ status: number; text: string }>;
type ExpectStatus = (what: string, status: number, wanted: number[]) => void;

/** Ten clients that never read while runs flood the stream, beside one that reads every message. */
async function liveStreamReaders(server: ServerProcess, call: Call, counts: Counts): Promise<void> {
  const name = 'HOST_Big';
  await call(`/api/flows/${name}`, { method: 'PUT', headers: JSON_HEADERS, body: chainFlow(name, [], [
      // A trace step shows up to 50 items of 2,000 characters: about 100 KB per live message.
      node('v', 'core.CreateVariable', 200, { variableName: 'Big', type: 'JSON', value: "$map([1..50], function($i) { $pad('', 2000, 'x') })" }),
    ]) });
  const port = Number(new URL(server.url).port);
  const stuck: Socket[] = [];
  for (let i = 0; i < 10; i++) {
    const socket = connect({ port, host: '127.0.0.1' }, () => {
      socket.write('GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      socket.pause();
    });
    socket.on('error', () => undefined);
    stuck.push(socket);
  }
  const reader = new AbortController();
  let finished = 0;
  const reading = (async () => {
    const res = await fetch(`${server.url}/api/stream`, { signal: reader.signal });
    const text = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await text.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.includes('event: run.finished') && block.includes(`"flow":"${name}"`)) finished++;
      }
    }
  })().catch(() => undefined);
  await sleep(300);
  const rssBefore = server.rssBytes();
  const runs = 200;
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < runs) {
        next++;
        await call(`/api/flows/${name}/runs`, { method: 'POST', headers: JSON_HEADERS, body: '{}' });
      }
    }),
  );
  const deadline = Date.now() + 10_000;
  while (finished < runs && Date.now() < deadline) await sleep(100);
  const grown = server.rssBytes() - rssBefore;
  const metrics = (await call('/metrics')).text;
  const peak = Number(/^flowbridge_live_buffered_bytes_peak (\d+)/m.exec(metrics)?.[1] ?? NaN);
  const dropped = Number(/^flowbridge_live_dropped_clients (\d+)/m.exec(metrics)?.[1] ?? NaN);
  reader.abort();
  await reading;
  for (const socket of stuck) socket.destroy();
  counts.lostEvents += runs - finished;
  counts.streamGrowth = grown;
  counts.streamPeak = peak;
  // 200 runs × 100 KB to ten stuck clients is about 200 MB when nothing bounds their buffers; the bound is 2 MB each.
  if (!(peak <= 10 * (2 * 1024 * 1024 + 256 * 1024))) counts.problems.push(`the server held ${(peak / 1e6).toFixed(0)} MB at once for ten clients that did not read the live stream`);
  if (dropped < 10) counts.problems.push(`only ${dropped} of the ten stuck stream readers were dropped`);
}

/** A secret cannot be read back by turning it non-secret or by deriving strings from it in a flow. */
async function secrets(server: ServerProcess, call: Call, expectStatus: ExpectStatus): Promise<void> {
  const exposed = await call('/api/constants/AWS.SecretAccessKey', { method: 'PUT', headers: JSON_HEADERS, body: JSON.stringify({ value: 'visible', secret: false }) });
  expectStatus('turning the environment secret non-secret', exposed.status, [409]);
  await call('/api/constants');
  const name = 'HOST_Derive';
  const derived = ['$uppercase($C.secretAccessKey)', '$base64encode($C.secretAccessKey)', "$base64encode('k=' & $C.secretAccessKey)", '$substring($C.secretAccessKey, 3, 30)', "$join($reverse($split($C.secretAccessKey, '')), '')"];
  await call(`/api/flows/${name}`, {
    method: 'PUT',
    headers: JSON_HEADERS,
    body: chainFlow(name, [], [
      node('c', 'aws.GetStaticCredentials', 200, { accessKeyId: 'AWS.AccessKeyId', secretAccessKey: 'AWS.SecretAccessKey', outputVariable: 'C' }),
      ...derived.map((expression, i) => node(`l${i}`, 'core.LogMessage', 400 + i * 100, { level: 'info', message: `derived {{ ${expression} }}` })),
    ]),
  });
  const ran = await call(`/api/flows/${name}/runs`, { method: 'POST', headers: JSON_HEADERS, body: '{}' });
  expectStatus('the flow deriving strings from a secret', ran.status, [200]);
  const id = (JSON.parse(ran.text || '{}') as { id?: string }).id;
  if (id) await call(`/api/runs/${id}`);
}

/** Links in flows/ are never followed; ten concurrent renames of one flow leave one copy. */
async function workspaceFiles(server: ServerProcess, call: Call, expectStatus: ExpectStatus, counts: Counts): Promise<void> {
  const outside = await mkdtemp(join(tmpdir(), 'fb-rel-outside-'));
  const marker = `OUTSIDE-${Date.now()}`;
  await writeFile(join(outside, 'x.json'), `${marker} not json`);
  const flows = join(server.dirs.workspace, 'flows');
  await symlink(join(outside, 'x.json'), join(flows, 'HOST_Link.json'));
  const answers = [
    await call('/api/flows'),
    await call('/api/flows/HOST_Link'),
    await call('/api/flows/HOST_Link/runs', { method: 'POST', headers: JSON_HEADERS, body: '{}' }),
    await call('/api/flows/HOST_Link', { method: 'PUT', headers: JSON_HEADERS, body: chainFlow('HOST_Link', [], []) }),
    await call('/api/flows/HOST_Link', { method: 'DELETE' }),
  ];
  if (answers.some((a) => a.text.includes(marker))) counts.problems.push('a file outside the workspace showed through a link in flows/');
  expectStatus('saving over a link', answers[3]!.status, [409]);
  await rm(join(flows, 'HOST_Link.json'));
  await rm(outside, { recursive: true, force: true });

  await call('/api/flows/HOST_Rename', { method: 'PUT', headers: JSON_HEADERS, body: chainFlow('HOST_Rename', [], []) });
  const renames = await Promise.all(Array.from({ length: 10 }, (_, i) => call('/api/flows/HOST_Rename/rename', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ newName: `HOST_Renamed${i}` }) })));
  const copies = (await readdir(flows)).filter((f) => f.startsWith('HOST_Rename')).length;
  if (copies !== 1) counts.problems.push(`ten concurrent renames left ${copies} copies`);
  if (renames.filter((r) => r.status === 200).length !== 1) counts.problems.push(`ten concurrent renames: ${renames.map((r) => r.status).join(',')}`);
}

/** Deep JSON is a 400 and a huge announced body a 413, both at once. */
async function edgeLimits(server: ServerProcess, call: Call, expectStatus: ExpectStatus, counts: Counts): Promise<void> {
  const deep = `{"parameters":{"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`;
  expectStatus('a deeply nested run body', (await call('/api/flows/HOST_Big/runs', { method: 'POST', headers: JSON_HEADERS, body: deep })).status, [400]);
  expectStatus('a deeply nested constant', (await call('/api/constants/HOST.Deep', { method: 'PUT', headers: JSON_HEADERS, body: `{"value":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}` })).status, [400]);
  const port = Number(new URL(server.url).port);
  for (const path of ['/api/flows/HOST_X', ENDPOINT]) {
    counts.inputs++;
    const status = await new Promise<string>((resolve) => {
      const socket = connect({ port, host: '127.0.0.1' }, () => socket.write(`PUT ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 50000000000\r\n\r\n{`));
      const timer = setTimeout(() => {
        socket.destroy();
        resolve('hang');
      }, 3000);
      socket.on('data', (chunk) => {
        clearTimeout(timer);
        socket.destroy();
        resolve(chunk.toString('utf8').split('\r\n')[0]!);
      });
      socket.on('error', () => undefined);
    });
    if (status === 'hang') counts.hangs++;
    else if (!status.includes(' 413 ')) counts.problems.push(`a 50 GB Content-Length on ${path} answered "${status}"`);
  }
}

/** A repeated letter as the admin token stops the server at startup, saying what a good token is. */
async function weakAdminToken(counts: Counts): Promise<void> {
  counts.inputs++;
  const dirs = await createWorkspace({});
  const weak = new ServerProcess(dirs, { FLOWBRIDGE_ADMIN_TOKEN: 'aaaaaaaaaaaaaaaa' });
  try {
    await weak.start();
    counts.problems.push('a server with the admin token "aaaaaaaaaaaaaaaa" started');
    await weak.stop();
  } catch (error) {
    if (!/openssl rand -hex 32/.test(`${(error as Error).message} ${capturedOutput.slice(-5).join(' ')}`)) counts.problems.push(`the weak-token refusal did not say what a good token is: ${(error as Error).message.slice(0, 200)}`);
  }
}
