/**
 * The dispatcher's behaviour against a real storage: every `Storage` implementation's test file calls
 * `describeDispatcherContract` next to `describeStorageContract`, so claims, leases, releases and
 * parking are exercised on SQLite and PostgreSQL alike.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EventDispatcher, type CallbackOutcome, type DispatcherOptions } from '../src/event-pipeline/dispatcher.js';
import type { InboxEntry, InboxEntryState, Storage } from '../src/storage/storage.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');

export function describeDispatcherContract(name: string, open: () => Promise<Storage> | Storage): void {
  describe(`EventDispatcher on ${name} storage`, () => {
    let storage: Storage | undefined;
    afterEach(async () => {
      await storage?.close();
      storage = undefined;
    });

    async function setup(
      options: { fail?: (entry: InboxEntry, attempt: number) => boolean; routes?: Record<string, string> } & Partial<DispatcherOptions> = {},
    ) {
      const s = (storage = await open());
      const runs: Array<{ flow: string; eventId: string; succeeded: boolean }> = [];
      let clock = T0;
      const routes = options.routes ?? { OrderPlaced: 'CB_OrderPlaced' };
      const { fail, routes: _routes, ...overrides } = options;
      const dispatcher = new EventDispatcher({
        inbox: s.inbox,
        routeFor: async (type) => routes[type],
        runCallback: async (flow, entry): Promise<CallbackOutcome> => {
          const attempt = runs.filter((r) => r.eventId === entry.id).length + 1;
          const succeeded = !(fail?.(entry, attempt) ?? false);
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
        ...overrides,
      });
      const add = (id: string, detailType = 'OrderPlaced') =>
        s.inbox.receive({ id, detailType, source: 'test', event: { id }, receivedAt: new Date(T0).toISOString() });
      /** Leaves `id` claimed by an instance that died with its lease running until `leaseUntil`. */
      const claimByDeadInstance = async (id: string, leaseUntil: string) => {
        await add(id);
        const claimed = await s.inbox.claim({ now: new Date(clock).toISOString(), limit: 1, owner: 'dead-instance', leaseUntil });
        expect(claimed.map((e) => e.id)).toEqual([id]);
      };
      const entry = async (id: string) => s.inbox.get(id);
      return { s, runs, dispatcher, add, entry, claimByDeadInstance, advance: (ms: number) => (clock += ms) };
    }

    it('keeps dispatching other events while a callback that released its slot (paused in the debugger) waits', async () => {
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const { add, entry, dispatcher } = await setup({
        concurrency: 1,
        runCallback: async (_flow, e, { releaseSlot }) => {
          if (e.id === 'ev-held') {
            releaseSlot();
            await gate;
          }
          return { runId: `run-${e.id}`, succeeded: true };
        },
      });
      await add('ev-held');
      await dispatcher.start();
      await add('ev-next');
      dispatcher.poke();
      for (let i = 0; i < 200 && (await entry('ev-next'))?.status !== 'done'; i++) await new Promise((r) => setTimeout(r, 10));
      expect((await entry('ev-next'))?.status).toBe('done');
      expect((await entry('ev-held'))?.status).toBe('routed');
      open();
      await dispatcher.stop();
      expect(await entry('ev-held')).toMatchObject({ status: 'done', runId: 'run-ev-held' });
    });

    it('runs the bound callback flow once per event and marks it done with its run', async () => {
      const { runs, dispatcher, add, entry } = await setup();
      await add('e1');
      await add('e2');
      await dispatcher.drain();
      await dispatcher.drain();
      expect(runs.map((r) => r.eventId).sort()).toEqual(['e1', 'e2']);
      expect(await entry('e1')).toMatchObject({ status: 'done', runId: expect.stringMatching(/^run-/), attempts: 1 });
    });

    it('lets a callback that stores its run settle the entry in the same write, and releases nothing itself', async () => {
      const s = (storage = await open());
      const releases: string[] = [];
      const changes: InboxEntryState[] = [];
      const dispatcher = new EventDispatcher({
        inbox: { ...s.inbox, claim: (c) => s.inbox.claim(c), releaseAll: () => s.inbox.releaseAll(), release: async (id, owner, change) => (releases.push(id), s.inbox.release(id, owner, change)) },
        routeFor: async () => 'CB_OrderPlaced',
        runCallback: async (flow, entry, { changeFor }) => {
          const outcome = entry.id === 'bad' ? { runId: `run-${entry.id}`, succeeded: false, error: 'Boom: no' } : { runId: `run-${entry.id}`, succeeded: true };
          const record = { id: outcome.runId, flow, status: outcome.succeeded ? ('succeeded' as const) : ('failed' as const), trigger: 'event' as const, eventId: entry.id, startedAt: new Date(T0).toISOString(), endedAt: new Date(T0 + 5).toISOString(), logs: [], trace: [] };
          return { ...outcome, settled: { entry: await s.inbox.settle(entry.id, 'instance-a', changeFor(outcome), { record, inserted: false }) } };
        },
        succeededRunFor: async () => undefined,
        policy: { maxAttempts: 3, backoffMs: 1000 },
        now: () => new Date(T0),
        owner: 'instance-a',
        onChange: (e) => changes.push(e),
      });
      for (const id of ['good', 'bad']) await s.inbox.receive({ id, detailType: 'OrderPlaced', source: 'test', event: { id } });
      await dispatcher.drain();
      expect(releases).toEqual([]);
      expect(await s.inbox.get('good')).toMatchObject({ status: 'done', flow: 'CB_OrderPlaced', runId: 'run-good' });
      expect(await s.inbox.get('bad')).toMatchObject({ status: 'pending', runId: 'run-bad', error: 'Boom: no', nextAttemptAt: new Date(T0 + 1000).toISOString() });
      expect(await s.runs.succeededForEvent('good')).toBe('run-good');
      // Watchers hear of the settled status as they hear of a release.
      expect(changes.filter((e) => e.status !== 'routed').map((e) => [e.id, e.status]).sort()).toEqual([
        ['bad', 'pending'],
        ['good', 'done'],
      ]);
    });

    it('keeps an event of an unbound type as unrouted with a message saying how to fix it', async () => {
      const { runs, dispatcher, add, entry } = await setup();
      await add('e1', 'Unknown');
      await dispatcher.drain();
      expect(runs).toEqual([]);
      expect((await entry('e1'))?.status).toBe('unrouted');
      expect((await entry('e1'))?.error).toMatch(/CreateConfiguration/);
    });

    it('retries a callback that fails twice, with back-off, and records one success', async () => {
      const { runs, dispatcher, add, entry, advance } = await setup({ fail: (_e, attempt) => attempt <= 2 });
      await add('e1');
      await dispatcher.drain();
      expect(await entry('e1')).toMatchObject({ status: 'pending', attempts: 1, error: 'boom' });
      await dispatcher.drain();
      expect(runs).toHaveLength(1); // not due yet: the back-off holds it
      advance(1000);
      await dispatcher.drain();
      expect(await entry('e1')).toMatchObject({ status: 'pending', attempts: 2 });
      advance(1999);
      await dispatcher.drain();
      expect(runs).toHaveLength(2); // second back-off is 2 s
      advance(1);
      await dispatcher.drain();
      expect(await entry('e1')).toMatchObject({ status: 'done', attempts: 3 });
      expect(runs.map((r) => r.succeeded)).toEqual([false, false, true]);
    });

    it('parks an event as dead after the last attempt, naming the flow and the error', async () => {
      const { runs, dispatcher, add, entry, advance } = await setup({ fail: () => true });
      await add('e1');
      for (let i = 0; i < 5; i++) {
        await dispatcher.drain();
        advance(10_000);
      }
      expect(runs).toHaveLength(3);
      expect((await entry('e1'))?.status).toBe('dead');
      expect((await entry('e1'))?.error).toMatch(/CB_OrderPlaced.*3 time.*boom/);
    });

    it('parks a poison event whose routing lookup keeps throwing, and keeps dispatching the others', async () => {
      const { dispatcher, add, entry, advance, runs } = await setup({
        routeFor: async (type) => {
          if (type === 'Poison') throw new Error('routing table unreadable');
          return 'CB_OrderPlaced';
        },
      });
      await add('bad', 'Poison');
      await add('good');
      for (let i = 0; i < 5; i++) {
        await dispatcher.drain();
        advance(10_000);
      }
      expect(await entry('bad')).toMatchObject({ status: 'dead', attempts: 3 });
      expect((await entry('bad'))?.error).toMatch(/Parked after 3 attempt.*routing table unreadable.*replay/);
      expect(await entry('good')).toMatchObject({ status: 'done' });
      expect(runs.map((r) => r.eventId)).toEqual(['good']);
    });

    it('routes by the binding the claim read from the routing table, without asking routeFor, when told the claim reads it', async () => {
      const asked: string[] = [];
      const { s, dispatcher, add, entry, runs } = await setup({
        routesFromClaim: true,
        routeFor: async (type) => {
          asked.push(type);
          return 'CB_Wrong';
        },
      });
      await s.routing.put('OrderPlaced', 'CB_FromTable');
      await add('bound');
      await add('loose', 'NoBinding');
      await dispatcher.drain();
      expect(asked).toEqual([]);
      expect(runs.map((r) => [r.eventId, r.flow])).toEqual([['bound', 'CB_FromTable']]);
      expect(await entry('bound')).toMatchObject({ status: 'done' });
      expect(await entry('loose')).toMatchObject({ status: 'unrouted' });
      expect((await entry('loose'))?.error).toMatch(/NoBinding.*CreateConfiguration/);
    });

    it('after a crash, an event whose callback had succeeded is marked done, not run again', async () => {
      const { s, runs, dispatcher, add, entry } = await setup();
      await add('e1');
      await dispatcher.drain();
      // The process died between the run and the inbox update: the entry is still routed by the dead owner.
      await s.inbox.transition('e1', ['done'], { status: 'pending', nextAttemptAt: null });
      expect(await s.inbox.claim({ now: new Date(T0).toISOString(), limit: 1, owner: 'dead-instance', leaseUntil: '2099-01-01T00:00:00Z' })).toHaveLength(1);
      await dispatcher.recover();
      await dispatcher.drain();
      expect(await entry('e1')).toMatchObject({ status: 'done', runId: 'run-1' });
      expect(runs.filter((r) => r.eventId === 'e1')).toHaveLength(1);
    });

    it('with several instances, a claim of a dead instance is taken over only after its lease ends', async () => {
      const { s, runs, claimByDeadInstance, entry } = await setup();
      await claimByDeadInstance('e1', '2026-01-01T00:00:30.000Z');
      const instanceB = (at: string, runId: string) =>
        new EventDispatcher({
          inbox: s.inbox,
          routeFor: async () => 'CB_OrderPlaced',
          runCallback: async (flow, e) => {
            runs.push({ flow, eventId: e.id, succeeded: true });
            return { runId, succeeded: true };
          },
          succeededRunFor: async () => undefined,
          owner: 'instance-b',
          now: () => new Date(Date.parse(at)),
        });
      const early = instanceB('2026-01-01T00:00:00Z', 'run-early');
      await early.recover(); // not single-instance: nothing is released early
      await early.drain();
      expect(runs).toHaveLength(0);
      await instanceB('2026-01-01T00:00:31Z', 'run-late').drain();
      expect(runs.map((r) => r.eventId)).toEqual(['e1']);
      expect(await entry('e1')).toMatchObject({ status: 'done', attempts: 2, runId: 'run-late' });
    });

    it('a stale owner cannot overwrite the outcome of the instance that took its entry over', async () => {
      const { s, claimByDeadInstance, entry } = await setup();
      await claimByDeadInstance('e1', '2099-01-01T00:00:00Z');
      expect(await s.inbox.release('e1', 'instance-a', { status: 'dead' })).toBeUndefined();
      expect((await entry('e1'))?.status).toBe('routed');
    });

    it('claims no more entries than it has free workers, so no claim waits in a queue while its lease runs', async () => {
      let maxRouted = 0;
      let inProgress = 0;
      let mostInProgress = 0;
      const holder: { s?: Storage } = {};
      const { s, dispatcher, add } = await setup({
        routeFor: async () => 'CB',
        runCallback: async (_flow, e) => {
          mostInProgress = Math.max(mostInProgress, ++inProgress);
          maxRouted = Math.max(maxRouted, (await holder.s!.inbox.counts()).routed);
          await new Promise((r) => setTimeout(r, 2 + (e.id.length % 3)));
          inProgress--;
          return { runId: `r-${e.id}`, succeeded: true };
        },
        now: () => new Date(),
        concurrency: 3,
      });
      holder.s = s;
      for (let i = 0; i < 30; i++) await add(`q${i}`);
      await dispatcher.drain();
      expect(await s.inbox.counts()).toMatchObject({ done: 30, pending: 0, routed: 0 });
      expect(maxRouted).toBeLessThanOrEqual(3);
      // The free workers are used: several callbacks run at once. (Counted here, not from the inbox:
      // on a loaded machine a count may run after the other callbacks of its claim have ended.)
      expect(mostInProgress).toBe(3);
    });

    it('two dispatchers on one inbox never run the same event twice', async () => {
      const { s, add } = await setup();
      const runs: string[] = [];
      const make = (owner: string) =>
        new EventDispatcher({
          inbox: s.inbox,
          routeFor: async () => 'CB',
          runCallback: async (_flow, e) => {
            runs.push(e.id);
            await new Promise((r) => setTimeout(r, 1));
            return { runId: `r-${e.id}`, succeeded: true };
          },
          succeededRunFor: async () => undefined,
          owner,
        });
      for (let i = 0; i < 50; i++) await add(`e${i}`);
      await Promise.all([make('instance-x').drain(), make('instance-y').drain()]);
      expect(runs.sort()).toEqual([...new Set(runs)].sort());
      expect(runs).toHaveLength(50);
    });
  });
}
