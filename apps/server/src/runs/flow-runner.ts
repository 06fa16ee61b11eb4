/**
 * Starts runs of workspace flows: compiles through the flow catalog, executes with the runtime, and
 * feeds storage, live events and metrics as the run goes. Every trigger (API, event endpoint,
 * after-startup) goes through here, so they all get the same history, masking and accounting.
 */
import { randomUUID } from 'node:crypto';
import type { Problem } from '@flowbridge/flow-model';
import { run, type RunOptions, type RunResult } from '@flowbridge/runtime';
import type { FlowCatalog } from '../flows/flow-catalog.js';
import type { EventBus } from '../live/event-bus.js';
import type { Logger } from '../observability/logger.js';
import type { ServerMetrics } from '../observability/metrics.js';
import type { SecretMasker } from '../observability/secret-masker.js';
import type { RunRecord, RunSummary, RunTrigger, Storage } from '../storage/storage.js';
import type { ConstantsStore } from '../workspace/constants-store.js';

export interface FlowRunnerOptions {
  catalog: FlowCatalog;
  storage: Storage;
  bus: EventBus;
  metrics: ServerMetrics;
  constants: ConstantsStore;
  masker: SecretMasker;
  logger: Logger;
  /** Host services activities reach through `ctx.service(name)` (AWS endpoint, routing store...). */
  services: Readonly<Record<string, unknown>>;
}

export interface StartOptions {
  trigger: RunTrigger;
  /** The inbox event a callback run handles. */
  eventId?: string;
  signal?: AbortSignal;
}

/** Why a run could not start; each maps to one HTTP answer. */
export type RunRefusal =
  | { reason: 'FlowNotFound'; message: string }
  | { reason: 'FlowHasProblems'; message: string; problems: Problem[] }
  | { reason: 'ShuttingDown'; message: string };

export type RunOutcome = { ok: true; record: RunRecord } | ({ ok: false } & RunRefusal);

/** Runs flows and records them. */
export class FlowRunner {
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Aborted when shutdown's grace period is over: runs still going end as Cancelled, and are stored. */
  private readonly shutdown = new AbortController();
  private draining = false;

  constructor(private readonly options: FlowRunnerOptions) {}

  /** Runs `flow` to completion and returns its stored record, or why it could not start. */
  async run(flow: string, parameters: Record<string, unknown>, start: StartOptions): Promise<RunOutcome> {
    if (this.draining) return { ok: false, reason: 'ShuttingDown', message: 'The server is shutting down and starts no new runs; try again when it is back.' };
    const task = this.execute(flow, parameters, start);
    this.inFlight.add(task);
    try {
      return await task;
    } finally {
      this.inFlight.delete(task);
    }
  }

  /**
   * Refuses new runs and resolves when every run in progress has finished and been stored; runs still
   * going after `graceMs` are cancelled (they end as `Cancelled`, recorded like any failure).
   */
  async drain(graceMs = 20_000): Promise<void> {
    this.draining = true;
    const timer = setTimeout(() => this.shutdown.abort(), graceMs);
    timer.unref();
    try {
      while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** How many runs are in progress. */
  get activeRuns(): number {
    return this.inFlight.size;
  }

  private async execute(flow: string, parameters: Record<string, unknown>, start: StartOptions): Promise<RunOutcome> {
    const { storage, bus, metrics, masker, logger, constants } = this.options;
    // Event callbacks come in bursts: they may use a snapshot up to a second old; people get the files as they are now.
    const snapshot = await this.options.catalog.snapshot({ reuse: start.trigger === 'event' });
    const compiled = snapshot.compile(flow);
    if (!compiled) return { ok: false, reason: 'FlowNotFound', message: `There is no flow named "${flow}".` };
    if (!compiled.ok) return { ok: false, reason: 'FlowHasProblems', message: refusalMessage(flow, compiled.problems), problems: compiled.problems };

    const record: RunRecord = {
      id: randomUUID(),
      flow,
      status: 'running',
      trigger: start.trigger,
      startedAt: new Date().toISOString(),
      logs: [],
      trace: [],
      ...(start.eventId !== undefined ? { eventId: start.eventId } : {}),
      parameters: masker.mask(parameters),
    };
    await storage.runs.insert(record);
    metrics.runsStarted.inc({ flow, trigger: start.trigger });
    bus.publish('run.started', summaryOf(record));
    const log = logger.child({ runId: record.id, flow, trigger: start.trigger });
    log.info('run started');

    const runtimeOptions: RunOptions = {
      services: this.options.services,
      signal: start.signal ? AbortSignal.any([start.signal, this.shutdown.signal]) : this.shutdown.signal,
      onLog: (line) => bus.publish('run.log', { runId: record.id, flow, line: masker.mask(line) }),
      onStep: (step) => {
        metrics.stepDuration.observe({ kind: step.kind }, step.durationMs / 1000);
        bus.publish('run.step', { runId: record.id, flow, step: masker.mask(step) });
      },
      constants: (name) => constants.resolve(name),
      flows: (name) => snapshot.compiled(name),
    };
    let result: RunResult;
    try {
      result = await run(compiled.flow, parameters, runtimeOptions);
    } catch (error) {
      // The runtime promises never to throw; if it does, the run still ends as a recorded failure.
      log.error({ err: error }, 'the runtime threw');
      result = { status: 'failed', error: { kind: 'InternalError', message: `The runtime failed unexpectedly: ${(error as Error).message}` }, logs: [], trace: [] };
    }
    const finished: RunRecord = masker.mask({
      ...record,
      status: result.status,
      endedAt: new Date().toISOString(),
      ...(result.result !== undefined ? { result: result.result } : {}),
      ...(result.error ? { error: result.error } : {}),
      logs: result.logs,
      trace: result.trace,
    });
    await storage.runs.update(finished);
    const seconds = (Date.parse(finished.endedAt!) - Date.parse(finished.startedAt)) / 1000;
    metrics.runsFinished.inc({ flow, status: finished.status });
    metrics.runDuration.observe({ flow, status: finished.status }, seconds);
    bus.publish('run.finished', summaryOf(finished));
    if (finished.status === 'failed') log.warn({ error: finished.error, durationMs: Math.round(seconds * 1000) }, 'run failed');
    else log.info({ durationMs: Math.round(seconds * 1000) }, 'run succeeded');
    return { ok: true, record: finished };
  }
}

/** A record without its log, trace and result. */
export function summaryOf(record: RunRecord): RunSummary {
  const { logs: _logs, trace: _trace, result: _result, parameters: _parameters, ...summary } = record;
  return record.endedAt ? { ...summary, durationMs: Date.parse(record.endedAt) - Date.parse(record.startedAt) } : summary;
}

/** "Flow X cannot run: node Y: problem (and N more)", naming the first error's node. */
function refusalMessage(flow: string, problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error');
  const first = errors[0] ?? problems[0];
  if (!first) return `Flow "${flow}" has problems and cannot run; fix them first.`;
  const where = first.nodeId ? `node "${first.nodeId}"` : first.edgeId ? `edge "${first.edgeId}"` : 'the flow';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
  // Problem messages end with their own full stop; do not add a second one.
  const message = first.message.replace(/\.$/, '');
  return `Flow "${flow}" has problems and cannot run: ${where}: ${message}${more}. Fix them in the editor first.`;
}
