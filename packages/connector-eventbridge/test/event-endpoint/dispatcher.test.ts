import { describe, expect, it } from 'vitest';
import { EventDispatcher, type CallbackOutcome, type DispatchableEntry } from '../../src/event-endpoint/index.js';
import { MemoryInbox } from './memory-inbox.js';

function setup(options: { fail?: (entry: DispatchableEntry, attempt: number) => boolean; routes?: Record<string, string> } = {}) {
  const inbox = new MemoryInbox();
  const runs: Array<{ flow: string; eventId: string; succeeded: boolean }> = [];
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const routes = options.routes ?? { OrderPlaced: 'CB_OrderPlaced' };
  const dispatcher = new EventDispatcher({
    inbox,
    routeFor: async (type) => routes[type],
    runCallback: async (flow, entry): Promise<CallbackOutcome> => {
      const attempt = runs.filter((r) => r.eventId === entry.id).length + 1;
      const succeeded = !(options.fail?.(entry, attempt) ?? false);
      runs.push({ flow, eventId: entry.id, succeeded });
      return { runId: `run-${runs.length}`, succeeded, ...(succeeded ? {} : { error: 'boom' }) };
    },
    succeededRunFor: async (eventId) => {
      const index = runs.findIndex((r) => r.eventId === eventId && r.succeeded);
      return index >= 0 ? `run-${index + 1}` : undefined;
    },
    policy: { maxAttempts: 3, backoffMs: 1000 },
    now: () => new Date(clock),
    owner: 'instance-a',
    leaseMs: 60_000,
    singleInstance: true,
  });
  return { inbox, runs, dispatcher, advance: (ms: number) => (clock += ms) };
}

describe('EventDispatcher', () => {
  it('runs the bound callback flow once per event and marks it done with its run', async () => {
    const { inbox, runs, dispatcher } = setup();
    inbox.add('e1', 'OrderPlaced');
    inbox.add('e2', 'OrderPlaced');
    await dispatcher.drain();
    await dispatcher.drain();
    expect(runs.map((r) => r.eventId).sort()).toEqual(['e1', 'e2']);
    expect(inbox.entries.get('e1')).toMatchObject({ status: 'done', runId: expect.stringMatching(/^run-/), attempts: 1 });
  });

  it('keeps an event of an unbound type as unrouted with a message saying how to fix it', async () => {
    const { inbox, runs, dispatcher } = setup();
    inbox.add('e1', 'Unknown');
    await dispatcher.drain();
    expect(runs).toEqual([]);
    expect(inbox.entries.get('e1')?.status).toBe('unrouted');
    expect(inbox.entries.get('e1')?.error).toMatch(/CreateConfiguration/);
  });

  it('retries a callback that fails twice, with back-off, and records one success', async () => {
    const { inbox, runs, dispatcher, advance } = setup({ fail: (_e, attempt) => attempt <= 2 });
    inbox.add('e1', 'OrderPlaced');
    await dispatcher.drain();
    expect(inbox.entries.get('e1')).toMatchObject({ status: 'pending', attempts: 1, error: 'boom' });
    await dispatcher.drain();
    expect(runs).toHaveLength(1); // not due yet: the back-off holds it
    advance(1000);
    await dispatcher.drain();
    expect(inbox.entries.get('e1')).toMatchObject({ status: 'pending', attempts: 2 });
    advance(1999);
    await dispatcher.drain();
    expect(runs).toHaveLength(2); // second back-off is 2 s
    advance(1);
    await dispatcher.drain();
    expect(inbox.entries.get('e1')).toMatchObject({ status: 'done', attempts: 3 });
    expect(runs.map((r) => r.succeeded)).toEqual([false, false, true]);
  });

  it('parks an event as dead after the last attempt, naming the flow and the error', async () => {
    const { inbox, runs, dispatcher, advance } = setup({ fail: () => true });
    inbox.add('e1', 'OrderPlaced');
    for (let i = 0; i < 5; i++) {
      await dispatcher.drain();
      advance(10_000);
    }
    expect(runs).toHaveLength(3);
    expect(inbox.entries.get('e1')?.status).toBe('dead');
    expect(inbox.entries.get('e1')?.error).toMatch(/CB_OrderPlaced.*3 time.*boom/);
  });

  it('after a crash, an event whose callback had succeeded is marked done, not run again', async () => {
    const { inbox, runs, dispatcher } = setup();
    inbox.add('e1', 'OrderPlaced');
    await dispatcher.drain();
    // The process died between the run and the inbox update: the entry is still routed by the dead owner.
    inbox.entries.set('e1', { ...inbox.entries.get('e1')!, status: 'routed', claimedBy: 'dead-instance', leaseUntil: '2099-01-01T00:00:00Z' });
    inbox.add('e2', 'OrderPlaced', 'routed', { claimedBy: 'dead-instance', leaseUntil: '2099-01-01T00:00:00Z', attempts: 1 });
    await dispatcher.recover();
    await dispatcher.drain();
    expect(inbox.entries.get('e1')?.status).toBe('done');
    expect(inbox.entries.get('e2')?.status).toBe('done');
    expect(runs.filter((r) => r.eventId === 'e1')).toHaveLength(1);
    expect(runs.filter((r) => r.eventId === 'e2')).toHaveLength(1);
  });

  it('with several instances, a claim of a dead instance is taken over only after its lease ends', async () => {
    const { inbox, runs, advance } = setup();
    const other = new EventDispatcher({
      inbox,
      routeFor: async () => 'CB_OrderPlaced',
      runCallback: async (flow, entry) => {
        runs.push({ flow, eventId: entry.id, succeeded: true });
        return { runId: `run-${runs.length}`, succeeded: true };
      },
      succeededRunFor: async () => undefined,
      owner: 'instance-b',
      now: () => new Date(Date.parse('2026-01-01T00:00:00Z')),
    });
    inbox.add('e1', 'OrderPlaced', 'routed', { claimedBy: 'dead-instance', leaseUntil: '2026-01-01T00:00:30Z', attempts: 1 });
    await other.recover(); // not single-instance: nothing is released early
    await other.drain();
    expect(runs).toHaveLength(0);
    advance(0);
    const later = new EventDispatcher({
      inbox,
      routeFor: async () => 'CB_OrderPlaced',
      runCallback: async (flow, entry) => {
        runs.push({ flow, eventId: entry.id, succeeded: true });
        return { runId: 'run-late', succeeded: true };
      },
      succeededRunFor: async () => undefined,
      owner: 'instance-b',
      now: () => new Date(Date.parse('2026-01-01T00:00:31Z')),
    });
    await later.drain();
    expect(runs.map((r) => r.eventId)).toEqual(['e1']);
    expect(inbox.entries.get('e1')).toMatchObject({ status: 'done', attempts: 2, runId: 'run-late' });
  });

  it('a stale owner cannot overwrite the outcome of the instance that took its entry over', async () => {
    const inbox = new MemoryInbox();
    inbox.add('e1', 'OrderPlaced', 'routed', { claimedBy: 'instance-b', leaseUntil: '2099-01-01T00:00:00Z', attempts: 2 });
    expect(await inbox.release('e1', 'instance-a', { status: 'dead' })).toBeUndefined();
    expect(inbox.entries.get('e1')?.status).toBe('routed');
  });

  it('claims no more entries than it has free workers, so no claim waits in a queue while its lease runs', async () => {
    const { inbox } = setup();
    let maxRouted = 0;
    const dispatcher = new EventDispatcher({
      inbox,
      routeFor: async () => 'CB',
      runCallback: async (_flow, entry) => {
        maxRouted = Math.max(maxRouted, [...inbox.entries.values()].filter((e) => e.status === 'routed').length);
        await new Promise((r) => setTimeout(r, 2 + (entry.id.length % 3)));
        return { runId: `r-${entry.id}`, succeeded: true };
      },
      succeededRunFor: async () => undefined,
      owner: 'only',
      concurrency: 3,
    });
    for (let i = 0; i < 30; i++) inbox.add(`q${i}`, 'OrderPlaced');
    await dispatcher.drain();
    expect([...inbox.entries.values()].every((e) => e.status === 'done')).toBe(true);
    expect(maxRouted).toBeLessThanOrEqual(3);
    expect(maxRouted).toBeGreaterThan(1);
  });

  it('two dispatchers on one inbox never run the same event twice', async () => {
    const a = setup();
    const runs: string[] = [];
    const make = () =>
      new EventDispatcher({
        inbox: a.inbox,
        routeFor: async () => 'CB',
        runCallback: async (_flow, entry) => {
          runs.push(entry.id);
          await new Promise((r) => setTimeout(r, 1));
          return { runId: `r-${entry.id}`, succeeded: true };
        },
        succeededRunFor: async () => undefined,
        owner: `instance-${Math.random()}`,
      });
    for (let i = 0; i < 50; i++) a.inbox.add(`e${i}`, 'OrderPlaced');
    await Promise.all([make().drain(), make().drain()]);
    expect(runs.sort()).toEqual([...new Set(runs)].sort());
    expect(runs).toHaveLength(50);
  });
});
