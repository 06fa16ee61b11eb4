/**
 * Crash safety: 5,000 events stream into the endpoint while the server is SIGKILLed at random moments
 * and restarted on the same data; every event without a 2xx is sent again, as EventBridge retries.
 * Then: each event has exactly one succeeded callback run, none has two, and nothing is left pending.
 */
import { join } from 'node:path';
import { createSqliteStorage } from '@flowbridge/server/dist/storage/sqlite-storage.js';
import { eventBody, inboxCount, inboxDrained, reliabilityServer, sendEvent, sleep } from './fixtures.js';

const EVENTS = 5_000;
const SENDERS = 25;
const KILLS = 8;

export async function crashSafety(): Promise<string> {
  const server = await reliabilityServer();
  await server.start();
  const ids = Array.from({ length: EVENTS }, (_, i) => `crash-${i}`);
  const queue = ids.map((_, i) => i);
  const acknowledged = new Set<number>();
  let resent = 0;
  let duplicates = 0;
  let restarting: Promise<unknown> | undefined;

  const sender = async () => {
    while (acknowledged.size < EVENTS) {
      const i = queue.shift();
      if (i === undefined) {
        await sleep(20);
        continue;
      }
      if (restarting) await restarting;
      const status = await sendEvent(server, eventBody(ids[i]!, i));
      if (status >= 200 && status < 300) {
        acknowledged.add(i);
        if (status === 200) duplicates++;
      } else {
        // No 2xx (refused, reset, 503): EventBridge would retry it later.
        resent++;
        queue.push(i);
        if (status === 0 || status >= 500) await sleep(50);
        else throw new Error(`event ${ids[i]} was refused with ${status}, which EventBridge would not retry`);
      }
    }
  };

  let kills = 0;
  const killer = async () => {
    while (kills < KILLS && acknowledged.size < EVENTS) {
      await sleep(300 + Math.random() * 1_500);
      if (acknowledged.size >= EVENTS) break;
      let release!: () => void;
      restarting = new Promise<void>((resolve) => (release = resolve));
      await server.kill();
      kills++;
      // Senders already in flight see the connection die; new ones wait for the restart.
      release();
      restarting = server.start();
      await restarting;
      restarting = undefined;
    }
  };

  const deadline = setTimeout(() => queue.splice(0), 150_000);
  await Promise.all([killer(), ...Array.from({ length: SENDERS }, sender)]);
  clearTimeout(deadline);
  if (acknowledged.size < EVENTS) throw new Error(`only ${acknowledged.size} of ${EVENTS} events were acknowledged within 150 s`);

  await inboxDrained(server, 120_000);
  const dead = await inboxCount(server, 'dead');
  await server.stop();

  const storage = createSqliteStorage(join(server.dirs.dataDir, 'flowbridge.db'));
  try {
    const problems: string[] = [];
    let interrupted = 0;
    for (const id of ids) {
      const runs = await storage.runs.forEvent(id);
      const succeeded = runs.filter((r) => r.status === 'succeeded').length;
      interrupted += runs.length - succeeded;
      if (succeeded !== 1) problems.push(`${id}: ${succeeded} succeeded runs (${runs.map((r) => r.status).join(', ') || 'none'})`);
    }
    for (const status of ['pending', 'routed'] as const) {
      const left = await storage.inbox.list({ status, limit: 10 });
      if (left.length > 0) problems.push(`${left.length}+ inbox entries still ${status}: ${left.map((e) => e.id).join(', ')}`);
    }
    if (dead > 0) problems.push(`${dead} events ended dead`);
    if (problems.length > 0) throw new Error(`${problems.length} problems, first: ${problems.slice(0, 5).join('; ')}`);
    return `${EVENTS} events, ${kills} SIGKILLs, ${resent} re-sends, ${duplicates} answered "duplicate", ${interrupted} interrupted runs retried; every event has exactly one succeeded run`;
  } finally {
    await storage.close();
  }
}
