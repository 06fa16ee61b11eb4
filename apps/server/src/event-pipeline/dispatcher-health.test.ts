import { describe, expect, it } from 'vitest';
import { EventDispatcher, type DispatcherInbox } from './dispatcher.js';
import type { InboxEntry } from '../storage/storage.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');

/** A dispatcher over an inbox whose claim and release do what the test says, on a clock the test moves. */
function setup(inbox: Partial<DispatcherInbox>) {
  let clock = T0;
  const dispatcher = new EventDispatcher({
    inbox: { claim: async () => [], release: async () => undefined, releaseAll: async () => 0, ...inbox } as DispatcherInbox,
    owner: 'test',
    routeFor: async () => 'CB',
    runCallback: async () => ({ runId: 'r', succeeded: true }),
    succeededRunFor: async () => undefined,
    now: () => new Date(clock),
    onError: () => undefined,
  });
  return { dispatcher, advance: (ms: number) => (clock += ms) };
}

const entry = { id: 'e1', detailType: 'OrderPlaced', source: 's', status: 'routed', attempts: 1, event: {} } as unknown as InboxEntry;

describe('dispatcher health', () => {
  it('is ok, with the time of its last successful claim, while claims succeed', async () => {
    const { dispatcher } = setup({});
    await dispatcher.drain();
    expect(dispatcher.health()).toEqual({ ok: true, detail: 'ok', lastProgressAt: new Date(T0).toISOString() });
  });

  it('reports a stall naming the error once every claim has failed for longer than the stall time', async () => {
    const { dispatcher, advance } = setup({ claim: async () => Promise.reject(new Error('malformed row in inbox')) });
    await expect(dispatcher.drain()).rejects.toThrow('malformed row in inbox');
    expect(dispatcher.health().ok).toBe(true);
    advance(31_000);
    await expect(dispatcher.drain()).rejects.toThrow('malformed row in inbox');
    const health = dispatcher.health();
    expect(health.ok).toBe(false);
    expect(health.detail).toMatch(/^stalled: every claim has failed for 31 s; last error: malformed row in inbox$/);
  });

  it('recovers as soon as a claim succeeds again', async () => {
    let broken = true;
    const { dispatcher, advance } = setup({ claim: async () => (broken ? Promise.reject(new Error('down')) : []) });
    await dispatcher.drain().catch(() => undefined);
    advance(60_000);
    expect(dispatcher.health().ok).toBe(false);
    broken = false;
    await dispatcher.drain();
    expect(dispatcher.health()).toMatchObject({ ok: true, detail: 'ok' });
  });

  it('reports a stall when every release fails even though claims succeed', async () => {
    let given = false;
    const { dispatcher, advance } = setup({
      claim: async () => (given ? [] : ((given = true), [entry])),
      release: async () => Promise.reject(new Error('disk full')),
    });
    dispatcher.poke();
    await dispatcher.stop();
    advance(45_000);
    expect(dispatcher.health()).toMatchObject({ ok: false, detail: 'stalled: every release has failed for 45 s; last error: disk full' });
  });

  it('reports a claim that has waited on storage longer than the stall time', async () => {
    const { dispatcher, advance } = setup({ claim: () => new Promise<InboxEntry[]>(() => undefined) });
    dispatcher.poke();
    await Promise.resolve();
    advance(40_000);
    expect(dispatcher.health()).toMatchObject({ ok: false, detail: 'stalled: a claim has waited 40 s for the inbox storage' });
  });
});
