/**
 * Load: events at a fixed rate for 90 s while the server's resident memory and V8 heap are sampled
 * every second. A least-squares slope over the last 60 s must show no clear growth. The first 30 s are
 * warm-up: V8 grows its heap and the allocator its arenas to their working size there (a 4-minute run
 * on a quiet machine plateaued at about 160 MB resident after 30 s; on a loaded one the climb takes
 * longer, because garbage collection is starved along with everything else).
 * By hand: SOAK_SECONDS=240 for a longer run, SOAK_TRACE=1 for the memory every 10 s on stderr.
 */
import { eventBody, inboxDrained, reliabilityServer, sendEvent, sleep } from './fixtures.js';
import type { ServerProcess } from './server-process.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 90);
const WARM_UP_SECONDS = 30;
const EVENTS_PER_SECOND = 100;
/**
 * Growth per minute beyond which a trend is "clear". The V8 heap is the leak signal (objects kept per
 * event); resident memory also holds SQLite's page cache and allocator arenas that fill up over the
 * first minutes, so it gets a wider bound.
 */
const MAX_HEAP_MB_PER_MINUTE = 3;
const MAX_RSS_MB_PER_MINUTE = 20;

/** Slope (per x unit) and r² of the least-squares line through the points. */
export function linearTrend(points: ReadonlyArray<readonly [number, number]>): { slope: number; r2: number } {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { slope, r2: sxx === 0 || syy === 0 ? 0 : (sxy * sxy) / (sxx * syy) };
}

/** V8 heap used and total, and memory outside the heap held by JS objects (Buffers), in bytes. */
async function processMemory(server: ServerProcess): Promise<{ heapUsed: number; heapTotal: number; external: number }> {
  const text = (await server.request('/metrics')).text;
  const gauge = (name: string) => Number(new RegExp(`^(?:\\w+_)?${name} (\\S+)`, 'm').exec(text)?.[1] ?? Number.NaN);
  return { heapUsed: gauge('nodejs_heap_size_used_bytes'), heapTotal: gauge('nodejs_heap_size_total_bytes'), external: gauge('nodejs_external_memory_bytes') };
}

/** Shared with the security check, which reuses the soaked server. */
export let soakedServer: ServerProcess | undefined;

export async function memorySoak(): Promise<string> {
  const server = await reliabilityServer();
  await server.start();
  soakedServer = server;
  const rss: Array<[number, number]> = [];
  const heap: Array<[number, number]> = [];
  const heapTotal: Array<[number, number]> = [];
  const external: Array<[number, number]> = [];
  let sent = 0;
  let refused = 0;
  const inFlight: Array<Promise<void>> = [];
  const started = Date.now();
  for (let second = 0; second < SECONDS; second++) {
    const tick = started + second * 1000;
    // Spread each second's events evenly across it (a fixed arrival rate, not a closed loop).
    for (let k = 0; k < EVENTS_PER_SECOND; k++) {
      await sleep(Math.max(0, tick + (k * 1000) / EVENTS_PER_SECOND - Date.now()));
      const n = sent++;
      inFlight.push(
        sendEvent(server, eventBody(`soak-${n}`, n)).then((status) => {
          if (status < 200 || status >= 300) refused++;
        }),
      );
    }
    const minutes = (Date.now() - started) / 60_000;
    rss.push([minutes, server.rssBytes() / 1e6]);
    const memory = await processMemory(server);
    heap.push([minutes, memory.heapUsed / 1e6]);
    heapTotal.push([minutes, memory.heapTotal / 1e6]);
    external.push([minutes, memory.external / 1e6]);
  }
  await Promise.all(inFlight);
  if (process.env.SOAK_TRACE) for (let i = 0; i < rss.length; i += 10) process.stderr.write(`soak ${i}s rss ${rss[i]![1].toFixed(0)} heapUsed ${heap[i]![1].toFixed(0)} heapTotal ${heapTotal[i]![1].toFixed(0)}\n`);
  await inboxDrained(server, 60_000);
  const steady = (points: Array<[number, number]>) => points.filter(([m]) => m * 60 >= WARM_UP_SECONDS);
  const rssTrend = linearTrend(steady(rss));
  const heapTrend = linearTrend(steady(heap));
  const summary =
    `${sent} events at ${EVENTS_PER_SECOND}/s, ${refused} without 2xx; RSS ${rss[0]![1].toFixed(0)} → ${rss.at(-1)![1].toFixed(0)} MB, ` +
    `slope ${rssTrend.slope.toFixed(2)} MB/min (r² ${rssTrend.r2.toFixed(2)}); heap used slope ${heapTrend.slope.toFixed(2)} MB/min (r² ${heapTrend.r2.toFixed(2)}); ` +
    `heap total slope ${linearTrend(steady(heapTotal)).slope.toFixed(2)} MB/min; external slope ${linearTrend(steady(external)).slope.toFixed(2)} MB/min`;
  if (refused > 0) throw new Error(`${refused} events were refused under a steady load; ${summary}`);
  if (heapTrend.slope > MAX_HEAP_MB_PER_MINUTE && heapTrend.r2 > 0.5) throw new Error(`the heap grows: ${summary}`);
  if (rssTrend.slope > MAX_RSS_MB_PER_MINUTE && rssTrend.r2 > 0.5) throw new Error(`resident memory grows: ${summary}`);
  if (Number.isNaN(heapTrend.slope)) throw new Error(`the heap size could not be read from /metrics: ${summary}`);
  return summary;
}
