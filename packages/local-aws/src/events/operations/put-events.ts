import { randomUUID } from 'node:crypto';
import { validationError } from '../../aws-error.js';
import { busNameFromNameOrArn } from '../arns.js';
import type { EventsContext } from '../events-context.js';
import type { EventEnvelope, JsonObject, JsonValue } from '../model.js';
import { compileEventPattern, eventMatches } from '../pattern-matcher.js';
import { isJsonObject, RequestInput } from '../request-input.js';
import { isoSeconds } from '../../time-format.js';

/** AWS's PutEvents request limit: the summed entry sizes must stay under 256 KB. */
const MAX_REQUEST_BYTES = 256 * 1024;

/** Entry size as AWS counts it: Source + DetailType + Detail + Resources in UTF-8, plus 14 for a Time. */
function entrySize(entry: JsonObject): number {
  let size = 0;
  for (const member of ['Source', 'DetailType', 'Detail'] as const) {
    const v = entry[member];
    if (typeof v === 'string') size += Buffer.byteLength(v, 'utf8');
  }
  const resources = entry.Resources;
  if (Array.isArray(resources)) {
    for (const r of resources) if (typeof r === 'string') size += Buffer.byteLength(r, 'utf8');
  }
  if (entry.Time !== undefined && entry.Time !== null) size += 14;
  return size;
}

type EntryResult = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

function required(member: string): EntryResult {
  return {
    ErrorCode: 'InvalidArgument',
    ErrorMessage: `Parameter ${member} is not valid. Reason: ${member} is a required argument.`,
  };
}

/** Builds the envelope for one entry, or the per-entry error AWS reports for it. */
function buildEnvelope(
  entry: JsonObject,
  ctx: EventsContext,
): { envelope: EventEnvelope; busName: string } | { error: EntryResult } {
  const e = new RequestInput(entry);
  const source = e.string('Source');
  const detailType = e.string('DetailType');
  const detailText = e.string('Detail');
  if (!source) return { error: required('Source') };
  if (!detailType) return { error: required('DetailType') };
  if (!detailText) return { error: required('Detail') };
  let detail: unknown;
  try {
    detail = JSON.parse(detailText);
  } catch {
    detail = undefined;
  }
  if (!isJsonObject(detail)) return { error: { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' } };
  const time = e.number('Time');
  const resources = (e.array('Resources') ?? []).filter((r): r is string => typeof r === 'string');
  const envelope: EventEnvelope = {
    version: '0',
    id: randomUUID(),
    'detail-type': detailType,
    source,
    account: ctx.callerAccountId,
    time: isoSeconds(time !== undefined ? time * 1000 : ctx.now()),
    region: ctx.scope.region,
    resources,
    detail,
  };
  return { envelope, busName: busNameFromNameOrArn(e.string('EventBusName')) };
}

/** Hands an accepted event to every target of every enabled rule on its bus whose pattern matches. */
export function route(
  envelope: EventEnvelope,
  busName: string,
  ctx: Pick<EventsContext, 'state' | 'deliver'>,
  ingestedAt: number,
): void {
  if (!ctx.state.buses.has(busName)) return; // AWS accepts the entry and silently drops it
  for (const rule of ctx.state.rulesOn(busName)) {
    if (rule.state === 'DISABLED' || rule.eventPattern === undefined) continue;
    if (!eventMatches(compileEventPattern(rule.eventPattern), envelope)) continue;
    for (const target of rule.targets) ctx.deliver({ event: envelope, rule, target, ingestedAt });
  }
}

export function putEvents(input: RequestInput, ctx: EventsContext): JsonObject {
  const entries = input.array('Entries');

  const objects = (entries ?? []).map((raw: JsonValue) => (isJsonObject(raw) ? raw : {}));
  const total = objects.reduce((sum, entry) => sum + entrySize(entry), 0);
  if (total >= MAX_REQUEST_BYTES) throw validationError('Total size of the entries in the request is over the limit.');

  const ingestedAt = ctx.now();
  const results: EntryResult[] = [];
  for (const entry of objects) {
    const built = buildEnvelope(entry, ctx);
    if ('error' in built) {
      results.push(built.error);
      continue;
    }
    results.push({ EventId: built.envelope.id });
    route(built.envelope, built.busName, ctx, ingestedAt);
  }
  const failed = results.filter((r) => 'ErrorCode' in r).length;
  return { FailedEntryCount: failed, Entries: results as unknown as JsonValue[] };
}
