/**
 * Behaviour every `Storage` implementation must have. A new implementation calls
 * `describeStorageContract('postgres', () => createPostgresStorage(...))` from its own test file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunRecord, Storage } from '../src/storage/storage.js';
import { UnknownCursorError } from '../src/storage/storage.js';

function run(id: string, flow: string, status: RunRecord['status'] = 'succeeded', endedAt = '2026-01-01T00:00:01.000Z'): RunRecord {
  return {
    id,
    flow,
    status,
    trigger: 'manual',
    startedAt: '2026-01-01T00:00:00.000Z',
    ...(status === 'running' ? {} : { endedAt }),
    logs: [{ time: '2026-01-01T00:00:00.500Z', level: 'info', nodeId: 'l', message: `log of ${id}` }],
    trace: [],
  };
}

export function describeStorageContract(name: string, open: () => Promise<Storage> | Storage): void {
  describe(`${name} storage`, () => {
    let storage: Storage | undefined;
    const get = async () => (storage ??= await open());
    afterEach(async () => {
      await storage?.close();
      storage = undefined;
    });

    it('stores a run and finishes it, keeping the log and trace', async () => {
      const s = await get();
      await s.runs.insert(run('r1', 'A', 'running'));
      expect((await s.runs.get('r1'))?.status).toBe('running');
      await s.runs.update({ ...run('r1', 'A'), result: { total: 3 }, trace: [{ nodeId: 'e', kind: 'core.End', startedAt: 'x', endedAt: 'y', durationMs: 1 }] });
      const stored = await s.runs.get('r1');
      expect(stored).toMatchObject({ id: 'r1', status: 'succeeded', result: { total: 3 }, endedAt: '2026-01-01T00:00:01.000Z' });
      expect(stored?.logs[0]?.message).toBe('log of r1');
      expect(stored?.trace).toHaveLength(1);
      expect(await s.runs.get('nope')).toBeUndefined();
    });

    it('keeps what a run says about the trace it did not keep', async () => {
      const s = await get();
      await s.runs.insert(run('r2', 'A', 'running'));
      await s.runs.update({ ...run('r2', 'A'), traceTruncated: true, omittedSteps: 12, omittedLogLines: 3, trace: [{ nodeId: 'e', kind: 'core.End', startedAt: 'x', endedAt: 'y', durationMs: 1 }] });
      expect(await s.runs.get('r2')).toMatchObject({ traceTruncated: true, omittedSteps: 12, omittedLogLines: 3, trace: [{ nodeId: 'e' }] });
      await s.runs.insert(run('r3', 'A'));
      const plain = await s.runs.get('r3');
      expect(plain?.trace).toEqual([]);
      expect(plain).not.toHaveProperty('traceTruncated');
      await s.runs.insert(run('r4', 'A', 'running'));
      await s.runs.update({ ...run('r4', 'A'), traceCompact: true, trace: [{ nodeId: 'e', kind: 'core.End', startedAt: 'x', endedAt: 'y', durationMs: 1 }] });
      expect(await s.runs.get('r4')).toMatchObject({ traceCompact: true, trace: [{ nodeId: 'e', durationMs: 1 }] });
      expect(plain).not.toHaveProperty('traceCompact');
    });

    it('finds run ids by prefix (short ids) and inbox entries by event type', async () => {
      const s = await get();
      for (const id of ['abc12345-1', 'abc12345-2', 'abd00000-1']) await s.runs.insert(run(id, 'A'));
      expect(await s.runs.idsStartingWith('abc12345', 10)).toEqual(['abc12345-1', 'abc12345-2']);
      expect(await s.runs.idsStartingWith('abd', 10)).toEqual(['abd00000-1']);
      expect(await s.runs.idsStartingWith('abc12345', 1)).toHaveLength(1);
      expect(await s.runs.idsStartingWith('zzz', 10)).toEqual([]);
      await s.inbox.receive({ id: 'p1', detailType: 'OrderPlaced', source: 's', event: {} });
      await s.inbox.receive({ id: 's1', detailType: 'OrderShipped', source: 's', event: {} });
      expect((await s.inbox.list({ limit: 10, detailType: 'OrderShipped' })).map((e) => e.id)).toEqual(['s1']);
    });

    it('lists runs newest first, filtered, in pages that chain through next', async () => {
      const s = await get();
      for (let i = 1; i <= 5; i++) await s.runs.insert(run(`r${i}`, i % 2 ? 'Odd' : 'Even', i === 5 ? 'failed' : 'succeeded'));
      const first = await s.runs.list({ limit: 2 });
      expect(first.runs.map((r) => r.id)).toEqual(['r5', 'r4']);
      expect(first.next).toBe('r4');
      expect(first.runs[0]).not.toHaveProperty('logs');
      const second = await s.runs.list({ limit: 2, before: first.next! });
      expect(second.runs.map((r) => r.id)).toEqual(['r3', 'r2']);
      const last = await s.runs.list({ limit: 2, before: second.next! });
      expect(last.runs.map((r) => r.id)).toEqual(['r1']);
      expect(last.next).toBeUndefined();
      expect((await s.runs.list({ limit: 10, flow: 'Odd' })).runs.map((r) => r.id)).toEqual(['r5', 'r3', 'r1']);
      expect((await s.runs.list({ limit: 10, status: 'failed' })).runs.map((r) => r.id)).toEqual(['r5']);
      await expect(s.runs.list({ limit: 2, before: 'unknown' })).rejects.toBeInstanceOf(UnknownCursorError);
    });

    it('prunes by age and by count, never a running run', async () => {
      const s = await get();
      await s.runs.insert(run('old', 'A', 'succeeded', '2020-01-01T00:00:00.000Z'));
      await s.runs.insert(run('live', 'A', 'running'));
      for (let i = 0; i < 4; i++) await s.runs.insert(run(`new${i}`, 'A'));
      expect(await s.runs.prune({ endedBefore: '2025-01-01T00:00:00.000Z' })).toBe(1);
      expect(await s.runs.get('old')).toBeUndefined();
      expect(await s.runs.prune({ keep: 2 })).toBe(2);
      expect((await s.runs.list({ limit: 10 })).runs.map((r) => r.id)).toEqual(['new3', 'new2', 'live']);
    });

    it('marks runs left running as interrupted and finds runs by event id', async () => {
      const s = await get();
      await s.runs.insert({ ...run('cb', 'CB', 'running'), trigger: 'event', eventId: 'ev-1' });
      expect(await s.runs.markInterrupted('2026-01-02T00:00:00.000Z')).toBe(1);
      expect(await s.runs.get('cb')).toMatchObject({ status: 'interrupted', error: { kind: 'Interrupted' }, endedAt: '2026-01-02T00:00:00.000Z' });
      expect((await s.runs.forEvent('ev-1')).map((r) => r.id)).toEqual(['cb']);
      expect(await s.runs.forEvent('ev-2')).toEqual([]);
    });

    it('stores an event once: a redelivery is reported as a duplicate and changes nothing', async () => {
      const s = await get();
      const first = await s.inbox.receive({ id: 'ev-1', detailType: 'OrderPlaced', source: 'shop', event: { detail: { n: 1 } }, request: { headers: { a: 'b' } } });
      expect(first.duplicate).toBe(false);
      expect(first.entry).toMatchObject({ id: 'ev-1', status: 'pending', attempts: 0, event: { detail: { n: 1 } }, request: { headers: { a: 'b' } } });
      expect(first.entry).toEqual(await s.inbox.get('ev-1'));
      await s.inbox.transition('ev-1', ['pending'], { status: 'done' });
      const again = await s.inbox.receive({ id: 'ev-1', detailType: 'OrderPlaced', source: 'shop', event: { detail: { n: 2 } } });
      expect(again.duplicate).toBe(true);
      expect(again.entry).toMatchObject({ status: 'done', event: { detail: { n: 1 } } });
      const batch = await s.inbox.receiveMany([
        { id: 'ev-2', detailType: 'T', source: 's', event: {} },
        { id: 'ev-1', detailType: 'T', source: 's', event: {} },
        { id: 'ev-3', detailType: 'T', source: 's', event: { n: 3 } },
        { id: 'ev-3', detailType: 'T', source: 's', event: { n: 4 } },
      ]);
      expect(batch.map((b) => b.duplicate)).toEqual([false, true, false, true]);
      // The first of two with one id is the one stored; both answer it.
      expect(batch.slice(2).map((b) => b.entry.event)).toEqual([{ n: 3 }, { n: 3 }]);
      expect((await s.inbox.get('ev-3'))?.event).toEqual({ n: 3 });
      expect(batch[0]?.entry).toEqual(await s.inbox.get('ev-2'));
    });

    it('moves an entry only from the expected statuses (compare-and-set)', async () => {
      const s = await get();
      await s.inbox.receive({ id: 'ev', detailType: 'T', source: 's', event: {} });
      const claimed = await s.inbox.transition('ev', ['pending'], { status: 'routed', flow: 'CB', attempts: 1, runId: 'r1' });
      expect(claimed).toMatchObject({ status: 'routed', flow: 'CB', attempts: 1, runId: 'r1' });
      expect(await s.inbox.transition('ev', ['pending'], { status: 'routed' })).toBeUndefined();
      const failed = await s.inbox.transition('ev', ['routed'], { status: 'pending', error: 'boom', nextAttemptAt: '2999-01-01T00:00:00.000Z' });
      expect(failed).toMatchObject({ status: 'pending', error: 'boom', nextAttemptAt: '2999-01-01T00:00:00.000Z' });
      const claimAt = (now: string) => s.inbox.claim({ now, limit: 10, owner: 'o', leaseUntil: '2999-12-31T00:00:00.000Z' });
      expect(await claimAt('2026-01-01T00:00:00.000Z')).toEqual([]);
      expect((await claimAt('2999-01-01T00:00:00.000Z')).map((e) => e.id)).toEqual(['ev']);
      const cleared = await s.inbox.transition('ev', ['routed'], { status: 'done', error: null, nextAttemptAt: null });
      expect(cleared).not.toHaveProperty('error');
      expect(cleared).not.toHaveProperty('nextAttemptAt');
      expect(await s.inbox.transition('missing', ['pending'], { status: 'done' })).toBeUndefined();
    });

    it('lists the inbox newest first, by status, and counts every status', async () => {
      const s = await get();
      for (const id of ['a', 'b', 'c']) await s.inbox.receive({ id, detailType: 'T', source: 's', event: {} });
      await s.inbox.transition('b', ['pending'], { status: 'dead' });
      expect((await s.inbox.list({ limit: 10 })).map((e) => e.id)).toEqual(['c', 'b', 'a']);
      expect((await s.inbox.list({ limit: 10, status: 'dead' })).map((e) => e.id)).toEqual(['b']);
      expect(await s.inbox.counts()).toEqual({ pending: 2, routed: 0, unrouted: 0, done: 0, dead: 1 });
      const claimed = await s.inbox.claim({ now: '2999-01-01T00:00:00.000Z', limit: 10, owner: 'o', leaseUntil: '2999-12-31T00:00:00.000Z' });
      expect(claimed.map((e) => e.id)).toEqual(['a', 'c']);
    });

    it('deletes an entry unless its callback is running', async () => {
      const s = await get();
      for (const id of ['d1', 'd2']) await s.inbox.receive({ id, detailType: 'T', source: 's', event: {} });
      await s.inbox.claim({ now: '2999-01-01T00:00:00.000Z', limit: 1, owner: 'o', leaseUntil: '2999-12-31T00:00:00.000Z' });
      expect(await s.inbox.delete('d1')).toBe(false); // routed: a run is in progress
      expect(await s.inbox.delete('d2')).toBe(true);
      expect(await s.inbox.delete('d2')).toBe(false);
      expect(await s.inbox.get('d2')).toBeUndefined();
      expect((await s.inbox.get('d1'))?.status).toBe('routed');
    });

    it('claims due entries once, with a lease; an expired lease can be taken over, a live one cannot', async () => {
      const s = await get();
      for (const id of ['c1', 'c2', 'c3']) await s.inbox.receive({ id, detailType: 'T', source: 's', event: { id } });
      await s.inbox.transition('c3', ['pending'], { status: 'pending', nextAttemptAt: '2026-01-01T00:10:00.000Z' });
      const now = '2026-01-01T00:00:00.000Z';
      const first = await s.inbox.claim({ now, limit: 10, owner: 'A', leaseUntil: '2026-01-01T00:01:00.000Z' });
      expect(first.map((e) => e.id)).toEqual(['c1', 'c2']);
      expect(first[0]).toMatchObject({ status: 'routed', claimedBy: 'A', leaseUntil: '2026-01-01T00:01:00.000Z', attempts: 1 });
      // The claim reads each entry's binding in the same statement: none is bound to type T yet.
      expect(first.map((e) => e.boundFlow)).toEqual([null, null]);
      expect(await s.inbox.claim({ now, limit: 10, owner: 'B', leaseUntil: '2026-01-01T00:01:00.000Z' })).toEqual([]);

      await s.routing.put('T', 'CB_T');
      const later = '2026-01-01T00:02:00.000Z';
      const takeover = await s.inbox.claim({ now: later, limit: 1, owner: 'B', leaseUntil: '2026-01-01T00:03:00.000Z' });
      expect(takeover.map((e) => [e.id, e.claimedBy, e.attempts, e.boundFlow])).toEqual([['c1', 'B', 2, 'CB_T']]);
      expect(await s.inbox.release('c1', 'A', { status: 'done' })).toBeUndefined();
      const done = await s.inbox.release('c1', 'B', { status: 'done', runId: 'r-1', error: null });
      expect(done).toMatchObject({ status: 'done', runId: 'r-1' });
      expect(done?.claimedBy).toBeUndefined();
      expect(done?.leaseUntil).toBeUndefined();
    });

    it('settles a claimed entry and stores its finished run together; a stale owner stores the run but changes no entry', async () => {
      const s = await get();
      for (const id of ['s1', 's2', 's3']) await s.inbox.receive({ id, detailType: 'T', source: 's', event: { id } });
      const lease = { now: '2026-01-01T00:00:00.000Z', owner: 'A', leaseUntil: '2026-01-01T00:01:00.000Z' };
      await s.inbox.claim({ ...lease, limit: 3 });
      const finished = { ...run('settle-run-1', 'CB', 'succeeded'), trigger: 'event' as const, eventId: 's1', result: { ok: 1 } };
      const done = await s.inbox.settle('s1', 'A', { status: 'done', flow: 'CB', runId: finished.id, error: null, nextAttemptAt: null }, { record: finished, inserted: false });
      expect(done).toMatchObject({ id: 's1', status: 'done', flow: 'CB', runId: 'settle-run-1' });
      expect(done?.claimedBy).toBeUndefined();
      expect(await s.runs.get('settle-run-1')).toMatchObject({ status: 'succeeded', eventId: 's1', result: { ok: 1 } });
      expect(await s.runs.succeededForEvent('s1')).toBe('settle-run-1');

      // A run stored while running is updated, not inserted a second time.
      const running = { ...run('settle-run-2', 'CB', 'running'), trigger: 'event' as const, eventId: 's2' };
      await s.runs.insert(running);
      const failed = { ...running, status: 'failed' as const, endedAt: '2026-01-01T00:00:02.000Z', error: { kind: 'Boom', message: 'no' } };
      const retry = await s.inbox.settle('s2', 'A', { status: 'pending', flow: 'CB', runId: failed.id, error: 'Boom: no', nextAttemptAt: '2026-01-01T00:00:05.000Z' }, { record: failed, inserted: true });
      expect(retry).toMatchObject({ status: 'pending', error: 'Boom: no', nextAttemptAt: '2026-01-01T00:00:05.000Z', attempts: 1 });
      expect(await s.runs.get('settle-run-2')).toMatchObject({ status: 'failed', endedAt: '2026-01-01T00:00:02.000Z', error: { kind: 'Boom', message: 'no' } });
      expect((await s.runs.list({ limit: 10 })).runs.filter((r) => r.id === 'settle-run-2')).toHaveLength(1);

      const stale = { ...run('settle-run-3', 'CB', 'succeeded'), trigger: 'event' as const, eventId: 's3' };
      expect(await s.inbox.settle('s3', 'B', { status: 'done', runId: stale.id }, { record: stale, inserted: false })).toBeUndefined();
      expect((await s.inbox.get('s3'))).toMatchObject({ status: 'routed', claimedBy: 'A' });
      expect(await s.runs.get('settle-run-3')).toMatchObject({ status: 'succeeded' });
    });

    it('settles many entries at once, each with its own run; one that cannot be stored fails alone', async () => {
      const s = await get();
      const ids = Array.from({ length: 12 }, (_, i) => `m${String(i).padStart(2, '0')}`);
      await s.inbox.receiveMany(ids.map((id) => ({ id, detailType: 'T', source: 's', event: { id } })));
      await s.inbox.claim({ now: '2026-01-01T00:00:00.000Z', limit: 12, owner: 'A', leaseUntil: '2026-01-01T00:01:00.000Z' });
      // m01's run was stored while it ran; m02 belongs to another owner by now; m03's run is invalid.
      await s.runs.insert({ ...run('run-m01', 'CB', 'running'), trigger: 'event', eventId: 'm01' });
      const settles = ids.map((id, i) => {
        const status: RunRecord['status'] = i === 3 ? ('bogus' as RunRecord['status']) : i % 4 === 1 ? 'failed' : 'succeeded';
        const record: RunRecord = { ...run(`run-${id}`, 'CB', status), trigger: 'event', eventId: id, result: { i }, parameters: { quote: `"${id}"\\`, lone: 'half \ud800 a pair' } };
        const change = status === 'failed' ? { status: 'pending' as const, runId: record.id, error: `no ${id}`, nextAttemptAt: '2026-01-01T00:00:09.000Z' } : { status: 'done' as const, flow: 'CB', runId: record.id, error: null, nextAttemptAt: null };
        return s.inbox.settle(id, i === 2 ? 'B' : 'A', change, { record, inserted: i === 1 });
      });
      const outcomes = await Promise.allSettled(settles);
      expect(outcomes[3]?.status).toBe('rejected');
      expect(outcomes[2]).toEqual({ status: 'fulfilled', value: undefined });
      for (const [i, id] of ids.entries()) {
        if (i === 2 || i === 3) continue;
        const outcome = outcomes[i];
        expect(outcome?.status === 'fulfilled' ? outcome.value : outcome?.reason).toMatchObject({ id, status: i % 4 === 1 ? 'pending' : 'done', runId: `run-${id}` });
        expect(await s.runs.get(`run-${id}`)).toMatchObject({ eventId: id, status: i % 4 === 1 ? 'failed' : 'succeeded', result: { i }, ...(i === 1 ? {} : { parameters: { quote: `"${id}"\\`, lone: 'half \ud800 a pair' } }) });
      }
      expect(await s.inbox.get('m09')).toMatchObject({ status: 'pending', error: 'no m09', nextAttemptAt: '2026-01-01T00:00:09.000Z' });
      expect((await s.runs.list({ limit: 50 })).runs.filter((r) => r.id === 'run-m01')).toHaveLength(1);
      expect(await s.inbox.get('m02')).toMatchObject({ status: 'routed', claimedBy: 'A' });
      expect(await s.runs.get('run-m02')).toMatchObject({ status: 'succeeded' });
      expect(await s.inbox.get('m03')).toMatchObject({ status: 'routed', claimedBy: 'A' });
      expect(await s.runs.get('run-m03')).toBeUndefined();
    });

    it('claims fresh events, due retries and expired leases together, oldest first, up to the limit', async () => {
      const s = await get();
      for (const id of ['o1', 'o2', 'o3', 'o4', 'o5', 'o6']) await s.inbox.receive({ id, detailType: 'T', source: 's', event: {} });
      await s.inbox.claim({ now: '2026-01-01T00:00:00.000Z', limit: 2, owner: 'dead', leaseUntil: '2026-01-01T00:01:00.000Z' }); // o1, o2 leased
      await s.inbox.release('o2', 'dead', { status: 'pending', nextAttemptAt: '2026-01-01T00:00:30.000Z' }); // o2: a retry due at 00:00:30
      await s.inbox.transition('o4', ['pending'], { status: 'pending', nextAttemptAt: '2026-01-01T09:00:00.000Z' }); // o4: a retry not yet due
      await s.inbox.transition('o5', ['pending'], { status: 'done' });
      const now = '2026-01-01T00:02:00.000Z';
      const first = await s.inbox.claim({ now, limit: 3, owner: 'B', leaseUntil: '2026-01-01T00:05:00.000Z' });
      expect(first.map((e) => [e.id, e.attempts])).toEqual([
        ['o1', 2],
        ['o2', 2],
        ['o3', 1],
      ]);
      expect(first.every((e) => e.status === 'routed' && e.claimedBy === 'B' && e.leaseUntil === '2026-01-01T00:05:00.000Z')).toBe(true);
      expect((await s.inbox.claim({ now, limit: 3, owner: 'B', leaseUntil: '2026-01-01T00:05:00.000Z' })).map((e) => e.id)).toEqual(['o6']);
      expect(await s.inbox.claim({ now, limit: 0, owner: 'B', leaseUntil: '2026-01-01T00:05:00.000Z' })).toEqual([]);
    });

    it('concurrent claims never hand out the same entry', async () => {
      const s = await get();
      await s.inbox.receiveMany(Array.from({ length: 40 }, (_, i) => ({ id: `k${i}`, detailType: 'T', source: 's', event: {} })));
      const claims = await Promise.all(
        ['A', 'B', 'C', 'D'].map((owner) => s.inbox.claim({ now: '2026-01-01T00:00:00.000Z', limit: 15, owner, leaseUntil: '2026-01-01T00:05:00.000Z' })),
      );
      const ids = claims.flat().map((e) => e.id);
      expect(ids).toHaveLength(40);
      expect(new Set(ids).size).toBe(40);
    });

    it('releases every routed entry at single-instance start-up and finds the succeeded run of an event', async () => {
      const s = await get();
      await s.inbox.receive({ id: 'z1', detailType: 'T', source: 's', event: {} });
      await s.inbox.claim({ now: '2026-01-01T00:00:00.000Z', limit: 5, owner: 'A', leaseUntil: '2099-01-01T00:00:00.000Z' });
      expect(await s.inbox.releaseAll()).toBe(1);
      expect((await s.inbox.get('z1'))?.status).toBe('pending');
      await s.runs.insert({ ...run('ev-run-1', 'CB', 'failed'), trigger: 'event', eventId: 'z1' });
      expect(await s.runs.succeededForEvent('z1')).toBeUndefined();
      await s.runs.insert({ ...run('ev-run-2', 'CB', 'succeeded'), trigger: 'event', eventId: 'z1' });
      expect(await s.runs.succeededForEvent('z1')).toBe('ev-run-2');
    });

    it('keeps one callback flow per event type, registrations and key/values', async () => {
      const s = await get();
      await s.routing.put('OrderPlaced', 'CB_One');
      await s.routing.put('OrderPlaced', 'CB_Two');
      await s.routing.put('Refund', 'CB_Refund');
      expect(await s.routing.get('OrderPlaced')).toBe('CB_Two');
      expect(await s.routing.list()).toEqual([
        { eventType: 'OrderPlaced', flow: 'CB_Two' },
        { eventType: 'Refund', flow: 'CB_Refund' },
      ]);
      expect(await s.routing.delete('Refund')).toBe(true);
      expect(await s.routing.delete('Refund')).toBe(false);
      expect(await s.routing.get('Refund')).toBeUndefined();

      const record = { key: 'us-east-1/app', connectionArn: 'arn:aws:events:us-east-1:0:connection/app', apiKeyFingerprint: 'fp' };
      await s.registrations.put(record);
      await s.registrations.put({ ...record, apiKeyFingerprint: 'fp2' });
      expect(await s.registrations.get('us-east-1/app')).toEqual({ ...record, apiKeyFingerprint: 'fp2' });
      expect(await s.registrations.list()).toHaveLength(1);

      await s.keyValues.put('k', { a: [1, 2] });
      expect(await s.keyValues.get('k')).toEqual({ a: [1, 2] });
      expect(await s.keyValues.get('absent')).toBeUndefined();
      await s.ping();
    });
  });
}
