import type { PutEventsRequestEntry, PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { entrySize, MAX_REQUEST_BYTES, splitIntoCalls } from '../src/put-events/entry-size.js';
import { sendEntries, type EntryRetryPolicy } from '../src/put-events/send-entries.js';

const fastRetry: EntryRetryPolicy = { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 2 };

describe('entry size', () => {
  it('counts Source, DetailType, Detail and Resources in UTF-8 bytes, plus 14 for Time', () => {
    const entry: PutEventsRequestEntry = { Source: 'ab', DetailType: 'é', Detail: '{}', Resources: ['r1', 'r22'] };
    expect(entrySize(entry)).toBe(2 + 2 + 2 + 5);
    expect(entrySize({ ...entry, Time: new Date() })).toBe(11 + 14);
    expect(entrySize({ ...entry, EventBusName: 'a-very-long-bus-name', TraceHeader: 'x' })).toBe(11);
  });
});

describe('splitting into calls', () => {
  it('puts 25 entries into calls of 10, 10 and 5, in order', () => {
    expect(splitIntoCalls(new Array(25).fill(100))).toEqual([
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      [10, 11, 12, 13, 14, 15, 16, 17, 18, 19],
      [20, 21, 22, 23, 24],
    ]);
  });

  it('starts a new call before the total reaches 256 KB', () => {
    const big = 100 * 1024;
    expect(splitIntoCalls([big, big, big, 10])).toEqual([[0, 1], [2, 3]]);
    expect(splitIntoCalls([MAX_REQUEST_BYTES - 1, 1])).toEqual([[0], [1]]);
  });

  it('keeps every index exactly once whatever the sizes', () => {
    const sizes = Array.from({ length: 57 }, (_, i) => ((i * 7919) % 90_000) + 1);
    const calls = splitIntoCalls(sizes);
    expect(calls.flat()).toEqual(sizes.map((_, i) => i));
    for (const call of calls) {
      expect(call.length).toBeLessThanOrEqual(10);
      expect(call.reduce((sum, i) => sum + sizes[i]!, 0)).toBeLessThan(MAX_REQUEST_BYTES);
    }
  });
});

describe('sending entries', () => {
  const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ entry: { Source: 's', DetailType: `t${i}`, Detail: '{}' }, size: 10 }));

  it('retries only the entries rejected with a retryable code, and keeps request order in the results', async () => {
    const seen: string[][] = [];
    let throttledOnce = false;
    const outcome = await sendEntries(
      entries(12),
      async (batch) => {
        seen.push(batch.map((e) => e.DetailType!));
        return batch.map((e): PutEventsResultEntry => {
          if (e.DetailType === 't3' && !throttledOnce) {
            throttledOnce = true;
            return { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' };
          }
          if (e.DetailType === 't11') return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
          return { EventId: `id-${e.DetailType}` };
        });
      },
      fastRetry,
    );
    expect(seen).toEqual([['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9'], ['t10', 't11'], ['t3']]);
    expect(outcome.calls).toBe(3);
    expect(outcome.retriedEntries).toBe(1);
    expect(outcome.results.map((r) => r.EventId ?? r.ErrorCode)).toEqual([
      'id-t0', 'id-t1', 'id-t2', 'id-t3', 'id-t4', 'id-t5', 'id-t6', 'id-t7', 'id-t8', 'id-t9', 'id-t10', 'MalformedDetail',
    ]);
  });

  it('gives up after the retry budget and reports the last error code', async () => {
    let calls = 0;
    const outcome = await sendEntries(
      entries(1),
      async (batch) => {
        calls++;
        return batch.map(() => ({ ErrorCode: 'InternalFailure', ErrorMessage: 'try later' }));
      },
      fastRetry,
    );
    expect(calls).toBe(4);
    expect(outcome.results[0]).toEqual({ ErrorCode: 'InternalFailure', ErrorMessage: 'try later' });
  });

  it('backs off longer on each retry', async () => {
    const delays: number[] = [];
    let last = Date.now();
    await sendEntries(
      entries(1),
      async (batch) => {
        const now = Date.now();
        delays.push(now - last);
        last = now;
        return batch.map(() => ({ ErrorCode: 'ThrottlingException' }));
      },
      { maxRetries: 3, baseDelayMs: 20, maxDelayMs: 1000 },
      undefined,
      () => 1,
    );
    // Full jitter with random() = 1 waits exactly the ceiling: 20, 40, 80 ms.
    expect(delays[1]).toBeGreaterThanOrEqual(18);
    expect(delays[2]).toBeGreaterThanOrEqual(38);
    expect(delays[3]).toBeGreaterThanOrEqual(78);
  });
});
