/** Sending prepared entries: split into calls, retry entries AWS rejected with a retryable code, keep order. */
import type { PutEventsRequestEntry, PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import { splitIntoCalls } from './entry-size.js';

/** Per-entry error codes worth retrying: the entry was fine, EventBridge was busy. */
export const RETRYABLE_ENTRY_CODES: ReadonlySet<string> = new Set(['ThrottlingException', 'InternalFailure', 'InternalException', 'ServiceUnavailable']);

/** How entries with a retryable code are retried. */
export interface EntryRetryPolicy {
  /** Retries after the first attempt (default 3). */
  maxRetries: number;
  /** First back-off; doubles each retry, with full jitter (default 100 ms). */
  baseDelayMs: number;
  /** Cap on one back-off (default 5 s). */
  maxDelayMs: number;
}

export const DEFAULT_ENTRY_RETRY: EntryRetryPolicy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 5000 };

/** One PutEvents call: entries in, one result per entry (same order) out. */
export type PutEventsCall = (entries: PutEventsRequestEntry[]) => Promise<PutEventsResultEntry[]>;

/** What sending produced, in request order, plus how many calls it took. */
export interface SendOutcome {
  results: PutEventsResultEntry[];
  calls: number;
  retriedEntries: number;
}

/** Sends every entry, retrying retryable per-entry failures with back-off; results stay in entry order. */
export async function sendEntries(
  entries: ReadonlyArray<{ entry: PutEventsRequestEntry; size: number }>,
  call: PutEventsCall,
  policy: EntryRetryPolicy = DEFAULT_ENTRY_RETRY,
  signal?: AbortSignal,
  random: () => number = Math.random,
): Promise<SendOutcome> {
  const results: PutEventsResultEntry[] = new Array(entries.length);
  let pending = entries.map((_, index) => index);
  let calls = 0;
  let retriedEntries = 0;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) {
      retriedEntries += pending.length;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      await sleep(Math.round(random() * ceiling), signal);
    }
    const retry: number[] = [];
    for (const batch of splitIntoCalls(pending.map((i) => entries[i]!.size))) {
      const indexes = batch.map((b) => pending[b]!);
      const answered = await call(indexes.map((i) => entries[i]!.entry));
      calls++;
      indexes.forEach((entryIndex, position) => {
        const result = answered[position] ?? { ErrorCode: 'MissingResult', ErrorMessage: 'EventBridge answered fewer entries than were sent.' };
        results[entryIndex] = result;
        if (result.ErrorCode && RETRYABLE_ENTRY_CODES.has(result.ErrorCode) && attempt < policy.maxRetries) retry.push(entryIndex);
      });
    }
    pending = retry;
  }
  return { results, calls, retriedEntries };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
