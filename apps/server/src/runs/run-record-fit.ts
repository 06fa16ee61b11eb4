/**
 * Fits a finished run's record to the byte budget before it is stored. The runtime already bounds the
 * trace and log (`maxTraceBytes`); the result a flow returns is not bounded there (the caller gets it
 * whole), so a record can still be too big to store — or even to serialise (`RangeError: Invalid
 * string length`). Such a record is cut, never thrown: a run must always end in storage.
 */
import type { LogLine } from '@flowbridge/runtime';
import type { RunRecord } from '../storage/storage.js';

/** The size of `value` as JSON, or undefined when it is too big to serialise at all. */
export function jsonSize(value: unknown): number | undefined {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return undefined;
  }
}

/**
 * `record` if its JSON fits in `maxBytes`; otherwise a copy without its result, then without its trace,
 * then without its log (in that order, until it fits), with a warning line saying what was dropped.
 */
export function fitRecord(record: RunRecord, maxBytes: number): RunRecord {
  const size = jsonSize(record);
  if (size !== undefined && size <= maxBytes) return record;
  const said = size === undefined ? 'too big to serialise' : `${size} bytes`;
  const note = (dropped: string): LogLine => ({
    time: record.endedAt ?? new Date().toISOString(),
    level: 'warning',
    nodeId: '',
    message: `The run record was ${said}, over the ${maxBytes}-byte limit (maxTraceBytes); ${dropped} not stored. Return or log less, or raise maxTraceBytes.`,
  });
  const { result: _result, ...withoutResult } = record;
  const attempts: RunRecord[] = [
    { ...withoutResult, logs: [...record.logs, note('its result was')] },
    { ...withoutResult, trace: [], logs: [...record.logs, note('its result and trace were')] },
    { ...withoutResult, trace: [], logs: [note('its result, trace and log were')] },
  ];
  for (const attempt of attempts) {
    const fits = jsonSize(attempt);
    if (fits !== undefined && fits <= maxBytes) return attempt;
  }
  // Only the parameters or the error can be this big now; keep the record's identity and outcome.
  const { parameters: _parameters, error, ...rest } = attempts[2]!;
  return { ...rest, trace: [], ...(error ? { error: { kind: error.kind, message: error.message.slice(0, 2000) } } : {}) };
}
