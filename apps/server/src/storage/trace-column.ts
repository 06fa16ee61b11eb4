/**
 * How a run's trace is kept in the `trace` column of both stores: the list of steps as before, or, when
 * the trace was cut to its budget or compacted, `{ steps, traceTruncated, omittedSteps,
 * omittedLogLines, traceCompact }`, so these are stored without a schema migration and old rows read
 * as they always did.
 */
import type { RunRecord } from './storage.js';

/** What a run record says about the part of its trace and log that was not kept. */
export type TraceCut = Pick<RunRecord, 'traceTruncated' | 'omittedSteps' | 'omittedLogLines' | 'traceCompact'>;

/** The column's JSON for a record. */
export function traceColumn(record: RunRecord): string {
  return JSON.stringify(traceValue(record));
}

/** The column's value for a record, before it is written as JSON. */
export function traceValue(record: RunRecord): unknown {
  const cut = traceCut(record);
  return Object.keys(cut).length === 0 ? record.trace : { steps: record.trace, ...cut };
}

/** The trace and its cut from the column's value (parsed JSON). */
export function fromTraceColumn(value: unknown): { trace: RunRecord['trace'] } & TraceCut {
  if (Array.isArray(value)) return { trace: value as RunRecord['trace'] };
  if (typeof value !== 'object' || value === null) return { trace: [] };
  const { steps, ...cut } = value as { steps?: RunRecord['trace'] } & TraceCut;
  return { trace: Array.isArray(steps) ? steps : [], ...traceCut(cut) };
}

/** The cut fields of a record that are set. */
export function traceCut(record: TraceCut): TraceCut {
  return {
    ...(record.traceTruncated ? { traceTruncated: true } : {}),
    ...(record.omittedSteps ? { omittedSteps: record.omittedSteps } : {}),
    ...(record.omittedLogLines ? { omittedLogLines: record.omittedLogLines } : {}),
    ...(record.traceCompact ? { traceCompact: true } : {}),
  };
}
