/**
 * Starts runs of workspace flows: compiles through the flow catalog, executes with the runtime, and
 * feeds storage, live events and metrics as the run goes. Every trigger (API, event endpoint,
 * after-startup) goes through here, so they all get the same history, masking and accounting.
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { DEFAULT_RUN_LIMITS, effectiveLimits, nodeCaption, type FlowDocument, type Problem, type RunLimits } from '@flowbridge/flow-model';
import { DebugStepper, DEFAULT_LIMITS, compile, run, type ResolvedConstant, type RunOptions, type RunResult } from '@flowbridge/runtime';
import { boundedValue, PREVIEW_FLOW, previewDocument, type PreviewOutcome, type PreviewRequest } from './expression-preview.js';
import type { FlowCatalog, FlowSnapshot } from '../flows/flow-catalog.js';
import type { EventBus } from '../live/event-bus.js';
import type { Logger } from '../observability/logger.js';
import type { ServerMetrics } from '../observability/metrics.js';
import type { SecretMasker } from '../observability/secret-masker.js';
import type { RunRecord, RunSummary, RunTrigger, Storage } from '../storage/storage.js';
import type { ConstantsStore } from '../workspace/constants-store.js';
import { traceCut } from '../storage/trace-column.js';
import type { DebugAttachment } from './debug-attachment.js';
import { compactStep, compactTrace } from './compact-trace.js';
import { fitRecord } from './run-record-fit.js';
import { runSignal } from './run-signal.js';
import type { ConstantsData, JobLimits, WorkspaceData } from './run-protocol.js';
import type { WorkerPool } from './worker-pool.js';

/** A stored run record's limit: the trace and log take at most maxTraceBytes, the rest is for result, parameters and error. */
export const DEFAULT_MAX_RECORD_BYTES = 2 * DEFAULT_LIMITS.maxTraceBytes;

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
  /** Bytes (JSON) a stored run record may take; bigger ones are cut (result, then trace, then log). */
  maxRecordBytes?: number;
  /** The server's run limits (settings.json `limits`); a flow's own `limits` override them. */
  limits?: RunLimits;
  /** Runs execute in these workers with time and memory budgets; without it they run in this thread (custom engines, benches). */
  pool?: WorkerPool;
  /** The debugger armed for the next event-triggered run of `flow`, if any (taking it disarms the flow). */
  armedDebugger?: (flow: string, eventId: string | undefined) => DebugAttachment | undefined;
  /**
   * An event callback's `running` record is written only if the run lasts this long (ms; default 250);
   * one that ends sooner is written once, finished. The inbox entry's lease already covers a crash in
   * between, so the extra write (and its disk flush) bought nothing for short callbacks. 0 writes at once.
   */
  eventRunRecordDelayMs?: number;
}

/** When an event callback's `running` record is written, if the run has not ended by then. */
const EVENT_RUN_RECORD_DELAY_MS = 250;

export interface StartOptions {
  trigger: RunTrigger;
  /** The inbox event a callback run handles. */
  eventId?: string;
  signal?: AbortSignal;
  /** Cancels the run after this long (the event pipeline's guard against outliving its claim). */
  timeoutMs?: number;
  /** Runs the flow under this debugger. */
  debug?: DebugAttachment;
  /**
   * Called when the run goes under a debugger (given, or armed for an event): a caller that counts it
   * against a concurrency limit stops counting it, since it may stay paused for minutes.
   */
  onDebugged?: () => void;
  /**
   * What a succeeded run keeps of its trace (default `full`); `compact` drops step inputs and outputs
   * (`compact-trace.ts`). A failed run, or one under the debugger, always keeps the full trace.
   */
  traceOnSuccess?: 'compact' | 'full';
  /**
   * Stores the finished record in place of the runner (`inserted`: its `running` record is stored
   * already). The event pipeline stores it in the transaction that settles the event's inbox entry.
   */
  storeFinished?: (record: RunRecord, inserted: boolean) => Promise<void>;
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
  /** Workspace versions as the workers know them: a snapshot's flows are sent to each worker once. */
  private readonly versions = new WeakMap<FlowSnapshot, number>();
  private nextVersion = 0;

  constructor(private readonly options: FlowRunnerOptions) {
    // Every run in progress listens to it (`runSignal`): many at once are normal, not a leak.
    setMaxListeners(0, this.shutdown.signal);
  }

  /** Runs `flow` to completion and returns its stored record, or why it could not start. */
  async run(flow: string, parameters: Record<string, unknown>, start: StartOptions): Promise<RunOutcome> {
    if (this.draining) return { ok: false, reason: 'ShuttingDown', message: 'The server is shutting down and starts no new runs; try again when it is back.' };
    const task = this.execute(flow, parameters, start).catch((error: unknown) => {
      start.debug?.finished(undefined);
      throw error;
    });
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
    await this.options.pool?.close();
  }

  /**
   * Evaluates an expression against sample variables as a run would (see expression-preview.ts), under
   * the server's run limits or those of `flow`; the answer is masked and bounded, and nothing is stored.
   */
  async preview(request: PreviewRequest & { flow?: string }): Promise<PreviewOutcome> {
    const started = Date.now();
    const elapsed = () => Date.now() - started;
    if (this.draining) return { ok: false, error: { kind: 'ShuttingDown', message: 'The server is shutting down; try again when it is back.' }, durationMs: 0 };
    const snapshot = await this.options.catalog.snapshot({ reuse: true });
    const document = previewDocument(request);
    const compiled = compile(document, snapshot.engine);
    if (!compiled.ok) {
      const problem = compiled.problems.find((p) => p.severity === 'error') ?? compiled.problems[0];
      return { ok: false, error: { kind: 'InvalidExpression', message: problem?.message ?? 'The expression cannot be evaluated.' }, durationMs: elapsed() };
    }
    const own = request.flow ? snapshot.get(request.flow)?.document?.limits : undefined;
    const limits = effectiveLimits(this.options.limits ?? DEFAULT_RUN_LIMITS, own);
    const jobLimits: JobLimits = { timeoutMs: limits.runTimeMs, maxSteps: limits.maxSteps, maxCallDepth: limits.maxCallDepth, maxTraceSteps: limits.maxTraceSteps, maxTraceBytes: limits.maxTraceBytes };
    const { constants, pool, masker } = this.options;
    const ignore = (): void => undefined;
    const result: RunResult = pool
      ? await pool.run({
          runId: `preview-${randomUUID()}`,
          flow: PREVIEW_FLOW,
          document,
          parameters: request.variables,
          limits: jobLimits,
          heapMb: limits.heapMb,
          workspace: { version: this.versionOf(snapshot), data: () => workspaceData(snapshot, this.versionOf(snapshot)) },
          constants: { version: constants.version, data: () => constantsData(constants) },
          onStep: ignore,
          onLog: ignore,
          signal: this.shutdown.signal,
        })
      : await run(compiled.flow, request.variables, { ...jobLimits, services: this.options.services, signal: this.shutdown.signal, constants: (name) => constants.resolve(name), flows: (name) => snapshot.compiled(name) });
    if (result.status !== 'succeeded') {
      const error = masker.mask(result.error ?? { kind: 'Failed', message: 'The expression failed.' });
      return { ok: false, error: { kind: error.kind, message: error.message }, durationMs: elapsed() };
    }
    const value = request.template ? result.logs[0]?.message : result.result;
    return { ok: true, ...boundedValue(masker.mask(value)), durationMs: elapsed() };
  }

  /** How many runs are in progress. */
  get activeRuns(): number {
    return this.inFlight.size;
  }

  private versionOf(snapshot: FlowSnapshot): number {
    let version = this.versions.get(snapshot);
    if (version === undefined) {
      version = this.nextVersion++;
      this.versions.set(snapshot, version);
    }
    return version;
  }

  private async execute(flow: string, parameters: Record<string, unknown>, start: StartOptions): Promise<RunOutcome> {
    const { storage, bus, metrics, masker, logger, constants } = this.options;
    // Event callbacks come in bursts: they may use a snapshot up to a second old; people get the files as they are now.
    const snapshot = await this.options.catalog.snapshot({ reuse: start.trigger === 'event' });
    const compiled = snapshot.compile(flow);
    if (!compiled || !compiled.ok) start.debug?.finished(undefined);
    if (!compiled) return { ok: false, reason: 'FlowNotFound', message: `There is no flow named "${flow}".` };
    if (!compiled.ok) {
      const document = snapshot.get(flow)?.document;
      const caption = (nodeId: string) => {
        const node = document?.nodes.find((n) => n.id === nodeId);
        return node ? nodeCaption(node, snapshot.engine.catalogue.activities.get(node.kind)) : undefined;
      };
      return { ok: false, reason: 'FlowHasProblems', message: refusalMessage(flow, compiled.problems, caption), problems: compiled.problems };
    }
    const debug = start.debug ?? (start.trigger === 'event' ? this.options.armedDebugger?.(flow, start.eventId) : undefined);
    if (debug) start.onDebugged?.();

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
    // Written now, or for a short event callback once, when it ends (see eventRunRecordDelayMs).
    const recordDelayMs = start.trigger === 'event' && !debug ? (this.options.eventRunRecordDelayMs ?? EVENT_RUN_RECORD_DELAY_MS) : 0;
    let insertion: Promise<boolean> | undefined;
    let insertTimer: NodeJS.Timeout | undefined;
    if (recordDelayMs > 0) {
      insertTimer = setTimeout(() => {
        insertion = storage.runs.insert(record).then(
          () => true,
          (error: unknown) => {
            logger.error({ err: error, runId: record.id }, 'storing the running record failed; the finished one is stored when the run ends');
            return false;
          },
        );
      }, recordDelayMs);
    } else {
      try {
        await storage.runs.insert(record);
      } catch (error) {
        debug?.finished(undefined);
        throw error;
      }
      insertion = Promise.resolve(true);
    }
    debug?.started(record.id);
    metrics.runsStarted.inc({ flow, trigger: start.trigger });
    bus.publish('run.started', summaryOf(record));
    // The run's child logger is made only when the run writes a line: below info level, a run that
    // succeeds writes none.
    let runLogger: Logger | undefined;
    const log = (): Logger => (runLogger ??= logger.child({ runId: record.id, flow, trigger: start.trigger }));
    if (logger.isLevelEnabled('info')) log().info('run started');

    const limits = effectiveLimits(this.options.limits ?? DEFAULT_RUN_LIMITS, compiled.flow.document.limits);
    const jobLimits: JobLimits = { timeoutMs: limits.runTimeMs, maxSteps: limits.maxSteps, maxCallDepth: limits.maxCallDepth, maxTraceSteps: limits.maxTraceSteps, maxTraceBytes: limits.maxTraceBytes };
    const { signal, dispose: disposeSignal } = runSignal([this.shutdown.signal, start.signal], start.timeoutMs);
    // Someone debugging a callback wants to see its values afterwards, so a debugged run stays full.
    const compactOnSuccess = start.traceOnSuccess === 'compact' && !debug;
    const onLog: NonNullable<RunOptions['onLog']> = (line) => bus.publish('run.log', { runId: record.id, flow, line: masker.mask(line) });
    const onStep: NonNullable<RunOptions['onStep']> = (step) => {
      metrics.stepDuration.observe({ kind: step.kind }, step.durationMs / 1000);
      // A run that keeps a compact trace when it succeeds shows compact steps live too: what it will
      // keep, without masking and framing every step's input and output for the live stream. A
      // failed one's full record follows at its end.
      bus.publish('run.step', { runId: record.id, flow, step: masker.mask(compactOnSuccess ? compactStep(step) : step) });
    };
    let result: RunResult;
    const pool = this.options.pool;
    try {
      result = pool
        ? await pool.run({
            runId: record.id,
            flow,
            parameters,
            limits: jobLimits,
            heapMb: limits.heapMb,
            workspace: { version: this.versionOf(snapshot), data: () => workspaceData(snapshot, this.versionOf(snapshot)) },
            constants: { version: constants.version, data: () => constantsData(constants) },
            onStep,
            onLog,
            signal,
            ...(compactOnSuccess ? { compactTraceOnSuccess: true } : {}),
            ...(debug ? { debug: { options: debug.options, onEvent: (event) => debug.onEvent(event), connect: (send) => debug.connect(send) } } : {}),
          })
        : await run(compiled.flow, parameters, {
            ...jobLimits,
            services: this.options.services,
            signal,
            onLog,
            onStep,
            constants: (name) => constants.resolve(name),
            flows: (name) => snapshot.compiled(name),
            ...(debug ? { debug: localDebugger(debug) } : {}),
          });
    } catch (error) {
      // The runtime promises never to throw; if it does, the run still ends as a recorded failure.
      log().error({ err: error }, 'the runtime threw');
      result = { status: 'failed', error: { kind: 'InternalError', message: `The runtime failed unexpectedly: ${(error as Error).message}` }, logs: [], trace: [] };
    } finally {
      disposeSignal();
    }
    clearTimeout(insertTimer);
    // The finished record replaces the running one, or is the first one written.
    const wasInserted = insertion ? await insertion : false;
    const storeFinished = start.storeFinished;
    const store = storeFinished
      ? (done: RunRecord) => storeFinished(done, wasInserted)
      : (done: RunRecord) => (wasInserted ? storage.runs.update(done) : storage.runs.insert(done));
    const compacted = compactOnSuccess && result.status === 'succeeded';
    // The pool's workers compact before sending the result back; a run in this thread is compacted here.
    if (compacted && !pool) result = { ...result, trace: compactTrace(result.trace) };
    let finished: RunRecord = { ...record, status: result.status, endedAt: new Date().toISOString(), ...(result.error ? { error: result.error } : {}) };
    try {
      // The parameters were masked when the run started; only what the run produced is masked now.
      const { parameters: maskedParameters, ...ended } = finished;
      finished = fitRecord(
        {
          ...masker.mask({
            ...ended,
            ...(result.result !== undefined ? { result: result.result } : {}),
            logs: result.logs,
            trace: result.trace,
            ...traceCut(result),
            ...(compacted ? { traceCompact: true } : {}),
          }),
          ...(maskedParameters !== undefined ? { parameters: maskedParameters } : {}),
        },
        this.options.maxRecordBytes ?? 2 * limits.maxTraceBytes,
      );
      await store(finished);
    } catch (error) {
      // Whatever went wrong with the full record, the run must not stay `running`: store its outcome alone.
      log().error({ err: error }, 'storing the run record failed; storing its outcome without log, trace and result');
      finished = masker.mask({ ...finished, logs: [], trace: [] });
      try {
        await store(finished);
      } catch (again) {
        log().error({ err: again }, 'storing the outcome of the run failed too; it is marked interrupted at the next start');
      }
    }
    const seconds = (Date.parse(finished.endedAt!) - Date.parse(finished.startedAt)) / 1000;
    metrics.runsFinished.inc({ flow, status: finished.status });
    metrics.runDuration.observe({ flow, status: finished.status }, seconds);
    bus.publish('run.finished', summaryOf(finished));
    debug?.finished(finished);
    if (finished.status === 'failed') log().warn({ error: finished.error, durationMs: Math.round(seconds * 1000) }, 'run failed');
    else if (logger.isLevelEnabled('info')) log().info({ durationMs: Math.round(seconds * 1000) }, 'run succeeded');
    return { ok: true, record: finished };
  }
}

/** A stepper in this thread (no workers) for a debug attachment. */
function localDebugger(debug: DebugAttachment): DebugStepper {
  const stepper = new DebugStepper({ ...debug.options, onEvent: (event) => debug.onEvent(event) });
  debug.connect((command) => {
    try {
      stepper.apply(command);
    } catch {
      // Breakpoints are checked before they are sent; a bad list changes nothing.
    }
  });
  return stepper;
}

/** The flows of a snapshot as a worker needs them: every parsed document, the signatures and constant definitions. */
function workspaceData(snapshot: FlowSnapshot, version: number): WorkspaceData {
  const documents = new Map<string, FlowDocument>();
  for (const name of snapshot.names()) {
    const document = snapshot.get(name)?.document;
    if (document) documents.set(name, document);
  }
  const catalogue = snapshot.engine.catalogue;
  return { version, documents, flows: new Map(catalogue.flows ?? []), constants: new Map(catalogue.constants ?? []) };
}

/** Every constant's value at the store's current version, for a worker (secrets included: runs need them). */
function constantsData(constants: ConstantsStore): ConstantsData {
  const values = new Map<string, ResolvedConstant>();
  for (const { name } of constants.definitions()) {
    const resolved = constants.resolve(name);
    if (resolved) values.set(name, resolved);
  }
  return { version: constants.version, values };
}

/** A record without its log, trace and result. */
export function summaryOf(record: RunRecord): RunSummary {
  const { logs: _logs, trace: _trace, result: _result, parameters: _parameters, ...summary } = record;
  return record.endedAt ? { ...summary, durationMs: Date.parse(record.endedAt) - Date.parse(record.startedAt) } : summary;
}

/** "Flow X cannot run: "Caption": problem (and N more)", naming the first error's node by its caption. */
export function refusalMessage(flow: string, problems: readonly Problem[], caption: (nodeId: string) => string | undefined = () => undefined): string {
  const errors = problems.filter((p) => p.severity === 'error');
  const first = errors[0] ?? problems[0];
  if (!first) return `Flow "${flow}" has problems and cannot run; fix them first.`;
  const name = first.nodeId ? caption(first.nodeId) : undefined;
  // Problem messages usually start with the node's caption already; then it is not said twice.
  const where = name && !first.message.startsWith(`"${name}"`) ? `"${name}": ` : '';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
  // Problem messages end with their own full stop; do not add a second one.
  const message = first.message.replace(/\.$/, '');
  return `Flow "${flow}" has problems and cannot run: ${where}${message}${more}. Fix them in the editor first.`;
}
