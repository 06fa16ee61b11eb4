/**
 * A diagnostic run of the real server (`dist/main.js`) under the endpoint bench's load, then until
 * its backlog drained, printing one JSON line: accepted events/s, the server process's CPU per
 * accepted event during the load and in all (callbacks included), the run hosts' CPU per event, how
 * many callbacks finished during the load, the callbacks ratio, and the whole machine's busy cores and
 * steal time during the load (a run with steal, or with other work on the machine, is not comparable).
 * With `--express` it measures the bare Express baseline instead. It answers "where does the time
 * go" between two builds; `npm run bench` holds the figures the targets are judged by.
 *
 *   npx tsx bench/load-and-drain.ts [--express] [--seconds 10]
 * Environment: DISPATCH_CONCURRENCY (eventEndpoint.dispatchConcurrency), WORKERS (the `workers`
 * settings as JSON), CPU_PROF=<dir> (a V8 CPU profile of the server, written when it stops).
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchWorkspace, eventBody, listeningUrl } from './endpoint-workload.js';

const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const ENDPOINT = '/rest/EventBridge/v1/event';
const express = process.argv.includes('--express');
const secondsAt = process.argv.indexOf('--seconds');
const SECONDS = secondsAt > 0 ? Number(process.argv[secondsAt + 1]) : 10;
const TICKS = 100; // USER_HZ: what /proc counts CPU time in
const apiKey = `bench-${randomBytes(16).toString('hex')}`;

/** utime + stime of `/proc/<pid>/stat` in seconds, with the parent pid. */
function stat(pid: string | number): { ppid: number; seconds: number } | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return { ppid: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / TICKS };
  } catch {
    return undefined;
  }
}

/** CPU seconds of the direct children of `pid` (the run hosts). */
function childrenSeconds(pid: number): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    const s = /^\d+$/.test(entry) ? stat(entry) : undefined;
    if (s?.ppid === pid) total += s.seconds;
  }
  return total;
}

/** The machine's busy and stolen CPU seconds so far (all cores), from /proc/stat. */
function machine(): { busy: number; steal: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return { busy: (f[0]! + f[1]! + f[2]! + f[5]! + f[6]!) / TICKS, steal: (f[7] ?? 0) / TICKS };
}

const concurrency = process.env.DISPATCH_CONCURRENCY ? { dispatchConcurrency: Number(process.env.DISPATCH_CONCURRENCY) } : {};
const { workspace: dir, dataDir } = await benchWorkspace({ eventEndpoint: concurrency, ...(process.env.WORKERS ? { workers: JSON.parse(process.env.WORKERS) as unknown } : {}) });
const args = express ? ['--import', 'tsx', 'bench/endpoint-target.ts', 'express'] : [...(process.env.CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CPU_PROF}`] : []), 'dist/main.js'];
const child = spawn(process.execPath, args, {
  cwd: SERVER_DIR,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', FLOWBRIDGE_WORKSPACE: dir, FLOWBRIDGE_DATA_DIR: dataDir, LOCAL_AWS_PORT: 'off', FLOWBRIDGE_EVENTBRIDGE_APIKEY: apiKey },
});
const url = await listeningUrl(child, 'server', 30_000);
const load = (seconds: number) =>
  autocannon({ url, connections: 50, duration: seconds, requests: [{ method: 'POST', path: ENDPOINT, headers: { 'content-type': 'application/json', 'x-api-key': apiKey }, setupRequest: (r) => ({ ...r, body: eventBody() }) }] });
const waiting = async () => {
  const text = await (await fetch(`${url}/metrics`)).text();
  return [...text.matchAll(/^flowbridge_inbox_events\{status="(pending|routed)"\} (\d+)$/gm)].reduce((n, m) => n + Number(m[2]), 0);
};
const drain = async () => {
  const started = performance.now();
  while ((await waiting()) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
  return (performance.now() - started) / 1000;
};
const self = () => stat(child.pid!)!.seconds;

try {
  await load(2); // warm-up: JIT, SQLite page cache, run hosts
  if (!express) await drain();
  const [cpu0, hosts0, machine0] = [self(), childrenSeconds(child.pid!), machine()];
  const result = await load(SECONDS);
  const [cpu1, machine1] = [self(), machine()];
  const accepted = result['2xx'];
  const perEvent = (seconds: number) => Math.round((seconds * 1e6) / accepted);
  const during = { accepted_per_s: Math.round(accepted / SECONDS), cpu_us_per_event: perEvent(cpu1 - cpu0), non_2xx: result.non2xx, machine_busy_cores: +((machine1.busy - machine0.busy) / SECONDS).toFixed(2), steal_s: +(machine1.steal - machine0.steal).toFixed(2) };
  if (express) console.log(JSON.stringify({ variant: 'express', ...during }));
  else {
    const left = await waiting();
    const drainSeconds = await drain();
    console.log(
      JSON.stringify({
        variant: 'inbox',
        ...during,
        finished_during_load: accepted - left,
        drain_s: +drainSeconds.toFixed(1),
        callbacks_ratio: +(SECONDS / (SECONDS + drainSeconds)).toFixed(2),
        cpu_us_per_event_with_callback: perEvent(self() - cpu0),
        run_hosts_cpu_us_per_event: perEvent(childrenSeconds(child.pid!) - hosts0),
      }),
    );
  }
} finally {
  child.kill('SIGINT');
  await new Promise((resolve) => child.once('exit', resolve));
  await rm(dir, { recursive: true, force: true });
}
