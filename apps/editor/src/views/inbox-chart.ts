/**
 * The inbox view's activity chart: events accepted, dispatched (their callback finished) and dead per
 * minute over the last minutes, and the backlog still waiting, from the entries the view has loaded.
 */
import type { InboxEvent } from '../api/client';

export interface MinuteBucket {
  /** Start of the minute (ms since the epoch). */
  at: number;
  accepted: number;
  dispatched: number;
  dead: number;
}

export interface InboxActivity {
  minutes: MinuteBucket[];
  /** Entries waiting or being run now (pending + routed). */
  backlog: number;
}

const MINUTE = 60_000;

/** Buckets `events` into the `span` minutes up to `now` (oldest first). */
export function inboxActivity(events: readonly InboxEvent[], now: number, span = 30): InboxActivity {
  const last = Math.floor(now / MINUTE) * MINUTE;
  const first = last - (span - 1) * MINUTE;
  const minutes: MinuteBucket[] = Array.from({ length: span }, (_, i) => ({ at: first + i * MINUTE, accepted: 0, dispatched: 0, dead: 0 }));
  const bucket = (iso: string) => {
    const t = Date.parse(iso);
    if (!Number.isFinite(t) || t < first || t >= last + MINUTE) return undefined;
    return minutes[Math.floor((t - first) / MINUTE)];
  };
  let backlog = 0;
  for (const e of events) {
    const received = bucket(e.receivedAt);
    if (received) received.accepted++;
    if (e.status === 'done') {
      const done = bucket(e.updatedAt);
      if (done) done.dispatched++;
    } else if (e.status === 'dead') {
      const dead = bucket(e.updatedAt);
      if (dead) dead.dead++;
    } else if (e.status === 'pending' || e.status === 'routed') backlog++;
  }
  return { minutes, backlog };
}
