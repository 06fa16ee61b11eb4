/**
 * Load: events at a fixed rate while the server's resident memory and V8 heap are sampled every second.
 * A least-squares slope over the 60 s after the warm-up must show no clear growth. The warm-up lasts
 * until V8 has sized its heap by full collections under this load (`steady-state.ts`): at least 30 s,
 * and on a server that promotes few objects to the old generation up to about 100 s, because until its
 * first full collections V8 lets promoted garbage pile up (a 200-s run of such a server: RSS 119 →
 * 213 MB in the first 85 s with no full collection, then 152–155 MB to the end). A warm-up never lasts
 * more than 150 s; the window is then measured anyway.
 * By hand: SOAK_SECONDS=180 for a longer measured window, SOAK_TRACE=1 for the memory every 10 s on stderr.
 */
import { eventBody, inboxDrained, reliabilityServer, sendEvent, sleep } from './fixtures.js';
import type { ServerProcess } from './server-process.js';
import { steadyFrom, type GcSample } from './steady-state.js';

const MEASURED_SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const MAX_WARM_UP_SECONDS = 150;
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

interface ProcessMemory {
  /** V8 heap used and committed, in bytes. */
  heapUsed: number;
  heapTotal: number;
  /** Memory outside the heap held by JS objects (Buffers), in bytes. */
  external: number;
  /** Committed size of V8's old generation, in bytes (for the trace). */
  oldSpace: number;
  /** Full (mark-compact) collections since the server started. */
  majorCollections: number;
}

/** The server's memory and collections, from its `/metrics`. */
async function processMemory(server: ServerProcess): Promise<ProcessMemory> {
  const text = (await server.request('/metrics')).text;
  const gauge = (name: string, labels = '') => Number(new RegExp(`^(?:\\w+_)?${name}${labels} (\\S+)`, 'm').exec(text)?.[1] ?? Number.NaN);
  const majors = gauge('nodejs_gc_duration_seconds_count', '\\{kind="major"\\}');
  return {
    heapUsed: gauge('nodejs_heap_size_used_bytes'),
    heapTotal: gauge('nodejs_heap_size_total_bytes'),
    external: gauge('nodejs_external_memory_bytes'),
    oldSpace: gauge('nodejs_heap_space_size_total_bytes', '\\{space="old"\\}'),
    // The histogram has no line for a kind before its first collection.
    majorCollections: Number.isNaN(majors) ? 0 : majors,
  };
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
  const collections: GcSample[] = [];
  let steady: number | undefined;
  let warmUpCapped = false;
  let sent = 0;
  let refused = 0;
  const inFlight: Array<Promise<void>> = [];
  const started = Date.now();
  for (let second = 0; steady === undefined || second < steady + MEASURED_SECONDS; second++) {
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
    collections.push({ second, majorCollections: memory.majorCollections });
    if (steady === undefined) {
      steady = steadyFrom(collections);
      if (steady === undefined && second + 1 >= MAX_WARM_UP_SECONDS) {
        steady = second + 1;
        warmUpCapped = true;
      }
    }
    if (process.env.SOAK_TRACE && second % 10 === 0) {
      process.stderr.write(
        `soak ${second}s rss ${rss.at(-1)![1].toFixed(0)} heapUsed ${(memory.heapUsed / 1e6).toFixed(0)} heapTotal ${(memory.heapTotal / 1e6).toFixed(0)} ` +
          `old ${(memory.oldSpace / 1e6).toFixed(0)} full collections ${memory.majorCollections}\n`,
      );
    }
  }
  await Promise.all(inFlight);
  await inboxDrained(server, 60_000);
  const from = steady ?? 0;
  const measured = <T>(points: T[]) => points.filter((_, second) => second >= from);
  const rssTrend = linearTrend(measured(rss));
  const heapTrend = linearTrend(measured(heap));
  const fullCollections = collections.at(-1)!.majorCollections - collections[0]!.majorCollections;
  const summary =
    `${sent} events at ${EVENTS_PER_SECOND}/s, ${refused} without 2xx; warm-up ${from} s${warmUpCapped ? ' (cut off: V8 made fewer than 2 full collections)' : ''}, ` +
    `${fullCollections} full collections in all; RSS ${rss[0]![1].toFixed(0)} → ${rss.at(-1)![1].toFixed(0)} MB, ` +
    `slope ${rssTrend.slope.toFixed(2)} MB/min (r² ${rssTrend.r2.toFixed(2)}); heap used slope ${heapTrend.slope.toFixed(2)} MB/min (r² ${heapTrend.r2.toFixed(2)}); ` +
    `heap total slope ${linearTrend(measured(heapTotal)).slope.toFixed(2)} MB/min; external slope ${linearTrend(measured(external)).slope.toFixed(2)} MB/min`;
  if (refused > 0) throw new Error(`${refused} events were refused under a steady load; ${summary}`);
  if (heapTrend.slope > MAX_HEAP_MB_PER_MINUTE && heapTrend.r2 > 0.5) throw new Error(`the heap grows: ${summary}`);
  if (rssTrend.slope > MAX_RSS_MB_PER_MINUTE && rssTrend.r2 > 0.5) throw new Error(`resident memory grows: ${summary}`);
  if (Number.isNaN(heapTrend.slope)) throw new Error(`the heap size could not be read from /metrics: ${summary}`);
  return summary;
}
