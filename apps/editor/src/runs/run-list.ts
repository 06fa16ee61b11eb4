/**
 * The Runs dock's list: the open flow's runs, newest first, filtered by status and trigger, each with
 * what started it in words (manual, an event of a type, after start-up) and how long it took.
 */
import type { RunRecord } from '../api/client';

export type StatusFilter = '' | RunRecord['status'];
export type TriggerFilter = '' | RunRecord['trigger'];

export interface RunFilters {
  status: StatusFilter;
  trigger: TriggerFilter;
}

/** The flow's runs, newest first (by start time; the store's order mixes live and loaded runs). */
export function flowRuns(runs: readonly RunRecord[], flow: string): RunRecord[] {
  return runs.filter((r) => r.flow === flow).sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt) || (a.id < b.id ? 1 : -1));
}

/** The runs passing the filters, in the same order. */
export function filterRuns(runs: readonly RunRecord[], filters: RunFilters): RunRecord[] {
  return runs.filter((r) => (!filters.status || r.status === filters.status) && (!filters.trigger || r.trigger === filters.trigger));
}

/** The `detail-type` of the event a callback run handled, read from its parameters when it has them. */
export function eventTypeOf(run: Pick<RunRecord, 'parameters'>): string | undefined {
  for (const value of Object.values(run.parameters ?? {})) {
    const event = (value as { event?: Record<string, unknown> } | null)?.event;
    const type = event?.['detail-type'];
    if (typeof type === 'string') return type;
  }
  return undefined;
}

/** What started a run, in words: "manual", "event OrderPlaced", "after start-up". */
export function triggerLabel(run: Pick<RunRecord, 'trigger' | 'parameters'>, eventType?: string): string {
  if (run.trigger === 'manual') return 'manual';
  if (run.trigger === 'startup') return 'after start-up';
  const type = eventType ?? eventTypeOf(run);
  return type ? `event ${type}` : 'event';
}

/** A duration as people read it: "85 ms", "1.2 s", "3 min 5 s"; "running" while it is. */
export function durationLabel(run: Pick<RunRecord, 'startedAt' | 'endedAt' | 'status'>): string {
  if (!run.endedAt) return run.status === 'running' ? 'running' : '—';
  const ms = Date.parse(run.endedAt) - Date.parse(run.startedAt);
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/**
 * The steps of a run laid out on its time axis: each step's offset from the run's start and its length,
 * as fractions of the whole (a step shorter than a pixel is still drawn, see RunDetail).
 */
export function timeline(run: Pick<RunRecord, 'startedAt' | 'endedAt' | 'trace'>): Array<{ start: number; length: number }> {
  if (run.trace.length === 0) return [];
  const t0 = Math.min(Date.parse(run.startedAt), ...run.trace.map((s) => Date.parse(s.startedAt)));
  const ends = run.trace.map((s) => Date.parse(s.startedAt) + s.durationMs);
  const t1 = Math.max(run.endedAt ? Date.parse(run.endedAt) : 0, ...ends);
  const span = Math.max(t1 - t0, 1);
  return run.trace.map((s) => ({ start: (Date.parse(s.startedAt) - t0) / span, length: s.durationMs / span }));
}
