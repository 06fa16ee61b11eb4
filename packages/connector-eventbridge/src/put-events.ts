/** `eventbridge.PutEvents`: publishes the node's entries, however many, and reports each one's outcome. */
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { flag, isBlank } from '@flowbridge/connector-aws-auth';
import { FlowError, defineActivity, type DefinedActivity } from '@flowbridge/runtime';
import { eventBridgeFor } from './client.js';
import { entriesOfRequest, prepareEntries, type EntryInput } from './put-events/request-entries.js';
import { DEFAULT_ENTRY_RETRY, sendEntries, type EntryRetryPolicy } from './put-events/send-entries.js';
import { putEvents as definition } from './definitions/put-events.js';

/** A PutEventsResponse value, as flows see it. */
export interface PutEventsResponseValue {
  FailedEntryCount: number;
  Entries: Array<{ EventId?: string; ErrorCode?: string; ErrorMessage?: string }>;
}

/** The error kind when `failOnPartialFailure` is on and an entry was rejected. */
export const PARTIAL_FAILURE = 'PartialFailure';

/** Builds the activity with a per-entry retry policy (tests shorten the back-off). */
export function createPutEvents(retry: EntryRetryPolicy = DEFAULT_ENTRY_RETRY): DefinedActivity<typeof definition> {
  return defineActivity(definition, async (ctx) => {
    const eventBridge = await eventBridgeFor(ctx);
    const useRequest = !isBlank(ctx, 'request');
    const field = useRequest ? 'request' : 'entries';
    const inputs: EntryInput[] = useRequest
      ? entriesOfRequest(ctx, await ctx.value('request'))
      : rowsOf(await ctx.value('entries'));
    const prepared = prepareEntries(ctx, field, inputs);

    let sent = 0;
    const outcome = await sendEntries(
      prepared,
      async (entries) => {
        try {
          const answer = await eventBridge.call('PutEvents', (client, options) => client.send(new PutEventsCommand({ Entries: entries }), options));
          sent += entries.length;
          return answer.Entries ?? [];
        } catch (error) {
          // Earlier calls may have gone through; say so, since a retry of the whole activity would repeat them.
          if (error instanceof FlowError && sent > 0) {
            throw new FlowError(error.kind, `${error.message} (${sent} of ${prepared.length} entries had already been sent)`, error.activity, { ...(error.details as object), entriesSentBefore: sent });
          }
          throw error;
        }
      },
      retry,
      ctx.signal,
    );

    const response: PutEventsResponseValue = {
      FailedEntryCount: outcome.results.filter((r) => r.ErrorCode).length,
      Entries: outcome.results.map((r) => ({
        ...(r.EventId ? { EventId: r.EventId } : {}),
        ...(r.ErrorCode ? { ErrorCode: r.ErrorCode } : {}),
        ...(r.ErrorMessage ? { ErrorMessage: r.ErrorMessage } : {}),
      })),
    };
    ctx.log(
      response.FailedEntryCount > 0 ? 'warning' : 'info',
      `Put ${prepared.length} event(s) in ${outcome.calls} call(s)${outcome.retriedEntries ? `, ${outcome.retriedEntries} entry retries` : ''}; ${response.FailedEntryCount} failed.`,
    );
    if (response.FailedEntryCount > 0 && flag(ctx, 'failOnPartialFailure', false)) {
      const failed = response.Entries.flatMap((e, index) => (e.ErrorCode ? [{ entry: index + 1, ErrorCode: e.ErrorCode, ErrorMessage: e.ErrorMessage ?? '' }] : []));
      const codes = [...new Set(failed.map((f) => f.ErrorCode))].join(', ');
      throw new FlowError(
        PARTIAL_FAILURE,
        `${response.FailedEntryCount} of ${prepared.length} events were rejected (${codes}); the others were sent. See $latestError.details.failed for each entry.`,
        ctx.node.id,
        { FailedEntryCount: response.FailedEntryCount, failed, response },
      );
    }
    return { output: response };
  });
}

/** The evaluated Entries rows (the runtime evaluates each expression cell). */
function rowsOf(value: unknown): EntryInput[] {
  if (!Array.isArray(value)) return [];
  return value.map((row) => (typeof row === 'object' && row !== null ? (row as EntryInput) : {}));
}
