/** Turning Entries rows or a PutEventsRequest into SDK request entries, refusing bad input before any call. */
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { describe, invalidInput } from '@flowbridge/connector-aws-auth';
import type { ActivityContext } from '@flowbridge/runtime';
import { EVENT_BUS_NAME } from '../definitions/names.js';
import { entrySize, MAX_REQUEST_BYTES } from './entry-size.js';

/** One entry as a flow gives it (row cells or RequestEntry members), before checking. */
export interface EntryInput {
  source?: unknown;
  detailType?: unknown;
  detail?: unknown;
  eventBusName?: unknown;
  resources?: unknown;
  time?: unknown;
  traceHeader?: unknown;
}

/** A checked entry ready to send, with its size as AWS counts it. */
export interface PreparedEntry {
  entry: PutEventsRequestEntry;
  size: number;
}

/** The entries of a PutEventsRequest value (`{Entries: RequestEntry[]}`), in the common input shape. */
export function entriesOfRequest(ctx: ActivityContext, request: unknown): EntryInput[] {
  const entries = typeof request === 'object' && request !== null ? (request as { Entries?: unknown }).Entries : undefined;
  if (!Array.isArray(entries)) {
    throw invalidInput(ctx, 'request', `Request must be a PutEventsRequest with an Entries list but is ${describe(request)}`);
  }
  return entries.map((e: unknown, index) => {
    if (typeof e !== 'object' || e === null || Array.isArray(e)) throw invalidInput(ctx, 'request', `Entry ${index + 1} must be a RequestEntry object but is ${describe(e)}`);
    const r = e as Record<string, unknown>;
    return { source: r.Source, detailType: r.DetailType, detail: r.Detail, eventBusName: r.EventBusName, resources: r.Resources, time: r.Time, traceHeader: r.TraceHeader };
  });
}

/** Checks and converts every entry; the first bad one fails the activity with the entry number and what to fix. */
export function prepareEntries(ctx: ActivityContext, field: string, inputs: ReadonlyArray<EntryInput>): PreparedEntry[] {
  if (inputs.length === 0) throw invalidInput(ctx, field, 'Put Events needs at least one entry; nothing was sent');
  return inputs.map((input, index) => {
    const entry = toRequestEntry(ctx, field, input, index + 1);
    const size = entrySize(entry);
    if (size >= MAX_REQUEST_BYTES) {
      throw invalidInput(ctx, field, `Entry ${index + 1} is ${size} bytes; EventBridge accepts less than ${MAX_REQUEST_BYTES} bytes (256 KB) per entry. Shrink its Detail or send a reference (e.g. an S3 key) instead; nothing was sent`, {
        field,
        entry: index + 1,
        size,
        limit: MAX_REQUEST_BYTES,
      });
    }
    return { entry, size };
  });
}

function toRequestEntry(ctx: ActivityContext, field: string, input: EntryInput, n: number): PutEventsRequestEntry {
  const entry: PutEventsRequestEntry = {};
  // Missing Source or DetailType is left to EventBridge, which rejects just that entry (InvalidArgument), as AWS does.
  const source = optionalText(ctx, field, input.source, n, 'Source');
  if (source !== undefined) entry.Source = source;
  const detailType = optionalText(ctx, field, input.detailType, n, 'Detail type');
  if (detailType !== undefined) entry.DetailType = detailType;
  entry.Detail = detailText(ctx, field, input.detail, n);
  const bus = optionalText(ctx, field, input.eventBusName, n, 'Event bus');
  if (bus !== undefined) {
    if (!EVENT_BUS_NAME.test(bus)) throw invalidInput(ctx, field, `Entry ${n}: "${bus}" is not an event bus name or ARN (letters, digits and / . - _); nothing was sent`, { field, entry: n });
    entry.EventBusName = bus;
  }
  if (input.resources !== undefined && input.resources !== null) {
    if (!Array.isArray(input.resources) || !input.resources.every((r) => typeof r === 'string')) {
      throw invalidInput(ctx, field, `Entry ${n}: Resources must be a list of ARNs (text) but is ${describe(input.resources)}; nothing was sent`, { field, entry: n });
    }
    if (input.resources.length > 0) entry.Resources = input.resources as string[];
  }
  if (input.time !== undefined && input.time !== null && input.time !== '') {
    const time = input.time instanceof Date ? input.time : typeof input.time === 'string' || typeof input.time === 'number' ? new Date(input.time) : undefined;
    if (!time || Number.isNaN(time.getTime())) {
      throw invalidInput(ctx, field, `Entry ${n}: Time must be a date-time such as 2026-01-31T12:00:00Z but is ${describe(input.time)}; nothing was sent`, { field, entry: n });
    }
    entry.Time = time;
  }
  const trace = optionalText(ctx, field, input.traceHeader, n, 'Trace header');
  if (trace !== undefined) entry.TraceHeader = trace;
  return entry;
}

function optionalText(ctx: ActivityContext, field: string, value: unknown, n: number, what: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalidInput(ctx, field, `Entry ${n}: ${what} must be text but is ${describe(value)}; nothing was sent`, { field, entry: n });
  return value;
}

/** Detail must be a JSON object: an object value, or text holding one (as Mendix passes it). */
function detailText(ctx: ActivityContext, field: string, detail: unknown, n: number): string {
  const notObject = (got: string) =>
    invalidInput(ctx, field, `Entry ${n}: Detail must be a JSON object such as {"orderId": 42} but is ${got}; nothing was sent`, { field, entry: n });
  if (detail === undefined || detail === null || detail === '') throw notObject(describe(detail));
  if (typeof detail === 'string') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(detail);
    } catch {
      throw notObject(`text that is not JSON (${describe(detail)})`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw notObject(`JSON text holding ${describe(parsed)}`);
    return detail;
  }
  if (typeof detail !== 'object' || Array.isArray(detail)) throw notObject(describe(detail));
  return JSON.stringify(detail);
}
