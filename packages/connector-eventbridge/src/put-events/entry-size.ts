/** PutEvents size accounting, as EventBridge documents it (eb-putevent-size). */
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';

/** A request's entries must total less than 256 KB. */
export const MAX_REQUEST_BYTES = 256 * 1024;
/** At most 10 entries per PutEvents call. */
export const MAX_ENTRIES_PER_CALL = 10;

/** The size AWS counts for an entry: UTF-8 bytes of Source, DetailType, Detail and Resources, plus 14 when Time is set. */
export function entrySize(entry: PutEventsRequestEntry): number {
  let size = entry.Time ? 14 : 0;
  if (entry.Source) size += Buffer.byteLength(entry.Source, 'utf8');
  if (entry.DetailType) size += Buffer.byteLength(entry.DetailType, 'utf8');
  if (entry.Detail) size += Buffer.byteLength(entry.Detail, 'utf8');
  for (const resource of entry.Resources ?? []) size += Buffer.byteLength(resource, 'utf8');
  return size;
}

/**
 * Splits entries, in order, into calls of at most `maxEntries` entries totalling less than `maxBytes`;
 * answers the entry indexes of each call. Every single size must already be below `maxBytes`.
 */
export function splitIntoCalls(sizes: ReadonlyArray<number>, maxEntries = MAX_ENTRIES_PER_CALL, maxBytes = MAX_REQUEST_BYTES): number[][] {
  const calls: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  sizes.forEach((size, index) => {
    if (current.length === maxEntries || (current.length > 0 && bytes + size >= maxBytes)) {
      calls.push(current);
      current = [];
      bytes = 0;
    }
    current.push(index);
    bytes += size;
  });
  if (current.length > 0) calls.push(current);
  return calls;
}
