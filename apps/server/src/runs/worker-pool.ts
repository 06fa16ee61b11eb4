/**
 * A pool of run workers with a watchdog. Each worker hosts up to `runsPerWorker` runs at once under a
 * heap limit (`resourceLimits`). A run normally ends itself at its time limit; when one does not (a
 * native call such as a catastrophic regular expression blocks the worker's event loop) the watchdog
 * terminates the worker after the limit plus a grace: that run fails with RunTimeLimitExceeded, runs
 * sharing the worker fail with Interrupted (retryable), and the next run gets a new worker. A worker
 * that exhausts its heap dies the same way, its runs failing with RunMemoryLimitExceeded.
 */
import type { DebugCommand, DebugEvent, FlowErrorData, LogLine, RunResult, TraceStep } from '@flowbridge/runtime';
import { howToRaise, type FlowDocument } from '@flowbridge/flow-model';
import type { Logger } from '../observability/logger.js';
import { type ConstantsData, type DebugStartOptions, type FromWorker, type JobLimits, type NodeName, type ServicesData, type StartMessage, type ToWorker, type WorkspaceData } from './run-protocol.js';
import { answerServiceCall, describeServices } from './service-rpc.js';
import { startProcessWorker } from './process-worker.js';
import { startThreadWorker, type RunWorkerHandle, type WorkerIsolation } from './run-worker-handle.js';

export interface WorkerPoolOptions {
  /** Workers per heap size. */
  workers: number;
  runsPerWorker: number;
  /** Time past a run's limit before its worker is terminated. */
  graceMs: number;
  /** Runs waiting for a free worker before new runs are refused. */
  maxQueued: number;
  /** Where workers run: in a child process each (the default; survives V8 aborts) or as threads of this process. */
  isolation?: WorkerIsolation;
  services: Readonly<Record<string, unknown>>;
  logger: Logger;
}

/** One run for the pool. */
export interface PoolJob {
  runId: string;
  flow: string;
  /** An ad-hoc flow run instead of the workspace flow `flow` (expression previews). */
  document?: FlowDocument;
  parameters: Record<string, unknown>;
  limits: JobLimits;
  heapMb: number;
  workspace: { version: number; data(): WorkspaceData };
  constants: { version: number; data(): ConstantsData };
  onStep(step: TraceStep): void;
  onLog(line: LogLine): void;
  signal: AbortSignal;
  /** A run under the debugger: it gets a worker of its own, outside the pool's count, so a pause holds no slot. */
  debug?: PoolDebug;
  /** A succeeded run comes back with a compact trace (inputs and outputs dropped); a failed one keeps it all. */
  compactTraceOnSuccess?: boolean;
}

/** The debugger's side of a pooled run: what it starts with, what it hears, and how it sends commands. */
export interface PoolDebug {
  options: DebugStartOptions;
  onEvent(event: DebugEvent): void;
  connect(send: (command: DebugCommand) => void): void;
}

interface Hosted {
  job: PoolJob;
  slot: number;
  deadline: number;
  steps: TraceStep[];
  logs: LogLine[];
  resolve(result: RunResult): void;
  unlink(): void;
  /** While paused under the debugger: the time that was left before the watchdog's deadline. */
  pausedWithMs?: number;
}

interface PoolWorker {
  worker: RunWorkerHandle;
  heapMb: number;
  runs: Map<string, Hosted>;
  freeSlots: number[];
  nodes: Map<number, NodeName>;
  workspaceVersion: number;
  constantsVersion: number;
  /** True once the worker was sent the services' description (with its first run). */
  hasServices: boolean;
  dead: boolean;
  /** False until the worker has loaded its engine; run deadlines start counting then. */
  ready: boolean;
  spawnedAt: number;
  /** Hosts one debugged run and is retired after it; never picked for other runs. */
  dedicated: boolean;
}

/** A worker that has not loaded its engine after this long is stuck and replaced. */
const BOOT_TIMEOUT_MS = 60_000;

/** How a worker ended before its runs did. */
type Death = { cause: 'time'; culprit: string } | { cause: 'memory' } | { cause: 'crash'; message: string } | { cause: 'shutdown' };

/** Runs flows in worker threads with per-run time and memory budgets. */
export class WorkerPool {
  private readonly workers = new Set<PoolWorker>();
  private readonly queue: Array<{ job: PoolJob; resolve(result: RunResult): void }> = [];
  private readonly watchdog: ReturnType<typeof setInterval>;
  /** The services as workers rebuild them, described once: they never change while the server runs. */
  private readonly services: ServicesData;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    this.services = describeServices(options.services);
    this.watchdog = setInterval(() => this.check(), 100);
    this.watchdog.unref();
  }

  /** Starts a worker of `heapMb` ahead of the first run, so it does not pay the start-up. */
  warm(heapMb: number): void {
    if (![...this.workers].some((w) => w.heapMb === heapMb)) this.spawn(heapMb);
  }

  /** Runs a job in a worker; never throws (failures, limits included, are in the result). */
  run(job: PoolJob): Promise<RunResult> {
    if (this.closed) return Promise.resolve(failure('Cancelled', 'The server is shutting down; the run was not started.'));
    return new Promise((resolve) => {
      if (job.debug) return this.start(this.spawn(job.heapMb, true), job, resolve);
      const worker = this.pick(job.heapMb);
      if (worker) this.start(worker, job, resolve);
      else if (this.queue.length >= this.options.maxQueued) {
        resolve(failure('Overloaded', `${this.queue.length} runs are already waiting for a run worker; try again shortly, or raise workers.count / workers.runsPerWorker in settings.json.`));
      } else this.queue.push({ job, resolve });
    });
  }

  /** Terminates every worker; runs still in them end as Cancelled. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watchdog);
    for (const { resolve } of this.queue.splice(0)) resolve(failure('Cancelled', 'The server shut down before the run started.'));
    await Promise.all([...this.workers].map((w) => this.kill(w, { cause: 'shutdown' })));
  }

  private pick(heapMb: number): PoolWorker | undefined {
    let best: PoolWorker | undefined;
    let count = 0;
    for (const w of this.workers) {
      if (w.heapMb !== heapMb || w.dead || w.dedicated) continue;
      count++;
      if (w.freeSlots.length > 0 && (!best || w.runs.size < best.runs.size)) best = w;
    }
    if (best && best.runs.size === 0) return best;
    if (count < this.options.workers) return this.spawn(heapMb);
    return best;
  }

  private spawn(heapMb: number, dedicated = false): PoolWorker {
    const slots = this.options.runsPerWorker;
    const spec = { heapMb, youngMb: Math.max(4, Math.min(64, heapMb >> 3)), slots };
    const worker = this.options.isolation === 'thread' ? startThreadWorker(spec) : startProcessWorker(spec);
    const entry: PoolWorker = { worker, heapMb, runs: new Map(), freeSlots: [...Array(slots).keys()], nodes: new Map(), workspaceVersion: -1, constantsVersion: -1, hasServices: false, dead: false, ready: false, spawnedAt: Date.now(), dedicated };
    worker.on('message', (message: FromWorker) => this.onMessage(entry, message));
    worker.on('error', (error: Error & { code?: string }) => {
      const death: Death = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { cause: 'memory' } : { cause: 'crash', message: error.message };
      void this.kill(entry, death);
    });
    worker.on('exit', () => void this.kill(entry, { cause: 'crash', message: 'the run worker stopped' }));
    this.workers.add(entry);
    return entry;
  }

  private start(worker: PoolWorker, job: PoolJob, resolve: (result: RunResult) => void): void {
    const slot = worker.freeSlots.pop()!;
    const onAbort = (): void => this.post(worker, { type: 'cancel', runId: job.runId });
    job.signal.addEventListener('abort', onAbort, { once: true });
    const hosted: Hosted = { job, slot, deadline: worker.ready ? this.deadlineOf(job) : Infinity, steps: [], logs: [], resolve, unlink: () => job.signal.removeEventListener('abort', onAbort) };
    worker.runs.set(job.runId, hosted);
    const message: StartMessage = {
      type: 'start',
      runId: job.runId,
      slot,
      flow: job.flow,
      ...(job.document ? { document: job.document } : {}),
      parameters: job.parameters,
      limits: job.limits,
      ...(worker.hasServices ? {} : { services: this.services }),
      workspaceVersion: job.workspace.version,
      constantsVersion: job.constants.version,
      ...(worker.workspaceVersion !== job.workspace.version ? { workspace: job.workspace.data() } : {}),
      ...(worker.constantsVersion !== job.constants.version ? { constants: job.constants.data() } : {}),
      ...(job.compactTraceOnSuccess ? { compactTraceOnSuccess: true } : {}),
      ...(job.debug ? { debug: job.debug.options } : {}),
    };
    job.debug?.connect((command) => this.post(worker, { type: 'debug', runId: job.runId, command }));
    worker.workspaceVersion = job.workspace.version;
    worker.constantsVersion = job.constants.version;
    worker.hasServices = true;
    try {
      worker.worker.postMessage(message);
    } catch (error) {
      // Parameters that cannot be copied (they came from JSON, so this should not happen) fail only this run.
      this.finish(worker, job.runId, failure('InvalidParameter', `The run's parameters could not be passed to its worker: ${(error as Error).message}`));
      worker.workspaceVersion = -1;
      worker.constantsVersion = -1;
      worker.hasServices = false;
    }
    if (job.signal.aborted) onAbort();
  }

  private deadlineOf(job: PoolJob): number {
    return Date.now() + job.limits.timeoutMs + this.options.graceMs;
  }

  private onMessage(worker: PoolWorker, message: FromWorker): void {
    switch (message.type) {
      case 'nodes':
        for (const node of message.nodes) worker.nodes.set(node.id, node);
        break;
      case 'events':
        for (const event of message.events) {
          const hosted = worker.runs.get(event.runId);
          if (!hosted) continue;
          try {
            if ('step' in event) {
              if (hosted.steps.length < hosted.job.limits.maxTraceSteps) hosted.steps.push(event.step);
              hosted.job.onStep(event.step);
            } else {
              if (hosted.logs.length < 10_000) hosted.logs.push(event.log);
              hosted.job.onLog(event.log);
            }
          } catch (error) {
            this.options.logger.warn({ err: error }, 'a live-event listener failed');
          }
        }
        break;
      case 'done':
        this.finish(worker, message.runId, message.result);
        break;
      case 'debug': {
        const hosted = worker.runs.get(message.runId);
        if (!hosted) break;
        // A paused run is not stuck: the watchdog's clock stops while it waits, as the run's own does.
        if (message.event.type === 'paused') {
          hosted.pausedWithMs = hosted.deadline - Date.now();
          hosted.deadline = Infinity;
        } else if (hosted.pausedWithMs !== undefined) {
          hosted.deadline = Date.now() + hosted.pausedWithMs;
          hosted.pausedWithMs = undefined;
        }
        try {
          hosted.job.debug?.onEvent(message.event);
        } catch (error) {
          this.options.logger.warn({ err: error }, 'a debugger listener failed');
        }
        break;
      }
      case 'rpc':
        void answerServiceCall(this.options.services, message).then((answer) => this.post(worker, answer));
        break;
      case 'ready':
        worker.ready = true;
        for (const hosted of worker.runs.values()) hosted.deadline = this.deadlineOf(hosted.job);
        break;
    }
  }

  private finish(worker: PoolWorker, runId: string, result: RunResult): void {
    const hosted = worker.runs.get(runId);
    if (!hosted) return;
    worker.runs.delete(runId);
    worker.freeSlots.push(hosted.slot);
    hosted.unlink();
    hosted.resolve(result);
    if (worker.dedicated) void this.kill(worker, { cause: 'shutdown' });
    this.next();
  }

  /** Starts queued runs while there is room. */
  private next(): void {
    for (let i = 0; i < this.queue.length; ) {
      const waiting = this.queue[i]!;
      const worker = this.pick(waiting.job.heapMb);
      if (!worker || worker.freeSlots.length === 0) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      this.start(worker, waiting.job, waiting.resolve);
    }
  }

  /** The watchdog: a worker hosting a run past its limit plus grace has a blocked event loop. */
  private check(): void {
    const now = Date.now();
    for (const worker of this.workers) {
      if (worker.dead) continue;
      if (!worker.ready && now - worker.spawnedAt > BOOT_TIMEOUT_MS) {
        void this.kill(worker, { cause: 'crash', message: `it did not start within ${BOOT_TIMEOUT_MS / 1000} s` });
        continue;
      }
      for (const [runId, hosted] of worker.runs) {
        if (now > hosted.deadline) {
          void this.kill(worker, { cause: 'time', culprit: runId });
          break;
        }
      }
    }
  }

  private post(worker: PoolWorker, message: ToWorker): void {
    if (!worker.dead) worker.worker.postMessage(message);
  }

  /** Ends a worker and every run in it, each with the error its death means for it; replaces it if runs wait. */
  private async kill(worker: PoolWorker, death: Death): Promise<void> {
    if (worker.dead) return;
    worker.dead = true;
    this.workers.delete(worker);
    const runs = [...worker.runs.values()];
    worker.runs.clear();
    for (const hosted of runs) {
      const node = worker.nodes.get(worker.worker.progress[hosted.slot]!);
      const error = deathError(death, hosted, node, runs.length, worker.heapMb);
      if (death.cause !== 'shutdown') this.options.logger.warn({ runId: hosted.job.runId, flow: hosted.job.flow, error: error.kind }, 'a run worker was stopped');
      hosted.unlink();
      const trace = [...hosted.steps];
      if (node) trace.push(stuckStep(node, error));
      hosted.resolve({ status: 'failed', error, logs: hosted.logs, trace });
    }
    await worker.worker.terminate().catch(() => undefined);
    if (!this.closed) this.next();
  }
}

function deathError(death: Death, hosted: Hosted, node: NodeName | undefined, sharing: number, heapMb: number): FlowErrorData {
  const { job } = hosted;
  const where = node ? `at ${node.label ? `"${node.label}"` : node.kind} (node ${node.nodeId}${node.flow !== job.flow ? ` of called flow ${node.flow}` : ''})` : 'before its first step';
  const at = node ? { activity: node.nodeId, activityKind: node.kind } : {};
  switch (death.cause) {
    case 'time':
      if (death.culprit === job.runId) {
        return {
          kind: 'RunTimeLimitExceeded',
          message: `The run was stopped ${where}: it went past its time limit of ${job.limits.timeoutMs} ms inside one step that would not stop (an expression such as a regular expression that backtracks, or a value too large to build); ${howToRaise('runTimeMs', job.flow)}, or simplify the expression.`,
          ...at,
          details: { limit: 'runTimeMs', value: job.limits.timeoutMs },
        };
      }
      return { kind: 'Interrupted', message: `The run was interrupted ${where}: another run in the same worker went past its time limit and the worker was stopped. Run it again.`, ...at, details: { retryable: true } };
    case 'memory':
      return {
        kind: 'RunMemoryLimitExceeded',
        message: `The run was stopped ${where}: its worker ran out of its ${heapMb} MB heap${sharing > 1 ? ` (shared by ${sharing} runs; this one may not be the one that used it)` : ''}, building a value too large; ${howToRaise('heapMb', job.flow)}, or build smaller values.`,
        ...at,
        details: { limit: 'heapMb', value: heapMb, retryable: sharing > 1 },
      };
    case 'crash':
      return { kind: 'Interrupted', message: `The run was interrupted ${where}: its worker failed (${death.message}). Run it again.`, ...at, details: { retryable: true } };
    case 'shutdown':
      return { kind: 'Cancelled', message: 'The run was cancelled: the server shut down.', ...at };
  }
}

function stuckStep(node: NodeName, error: FlowErrorData): TraceStep {
  const now = new Date().toISOString();
  return { nodeId: node.nodeId, kind: node.kind, startedAt: now, endedAt: now, durationMs: 0, error };
}

function failure(kind: string, message: string): RunResult {
  return { status: 'failed', error: { kind, message }, logs: [], trace: [] };
}
