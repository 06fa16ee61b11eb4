/**
 * How the pool holds one run worker, whatever hosts it: a worker thread in the server's process, or a
 * worker thread inside a run host child process (process isolation). The pool sees the same surface.
 */
import { Worker } from 'node:worker_threads';
import { NO_NODE, type FromWorker, type ToWorker } from './run-protocol.js';
import { workerThreadEntry } from './worker-entry.js';

/** Where runs execute: `process` survives V8 aborts of a run's thread; `thread` starts faster and uses less memory. */
export type WorkerIsolation = 'process' | 'thread';

/** What the pool needs to start a worker. */
export interface RunWorkerSpec {
  heapMb: number;
  youngMb: number;
  /** Runs the worker hosts at once (the length of `progress`). */
  slots: number;
}

/** A started run worker. Emits `message` (FromWorker), `error` (Error with `code`) and `exit`. */
export interface RunWorkerHandle {
  /** The node each slot's run is executing (a node number, or NO_NODE); read by the watchdog. */
  readonly progress: Int32Array;
  postMessage(message: ToWorker): void;
  terminate(): Promise<unknown>;
  on(event: 'message', listener: (message: FromWorker) => void): this;
  on(event: 'error', listener: (error: Error & { code?: string }) => void): this;
  on(event: 'exit', listener: (code: number) => void): this;
}

/** The worker options both hosts give the thread. */
export function threadResourceLimits(spec: RunWorkerSpec) {
  return { maxOldGenerationSizeMb: spec.heapMb, maxYoungGenerationSizeMb: spec.youngMb };
}

/** Starts a run worker thread in this process. */
export function startThreadWorker(spec: RunWorkerSpec): RunWorkerHandle {
  const buffer = new SharedArrayBuffer(spec.slots * Int32Array.BYTES_PER_ELEMENT);
  const progress = new Int32Array(buffer).fill(NO_NODE);
  const [entryPoint, extra] = workerThreadEntry();
  const worker = new Worker(entryPoint, { ...extra, workerData: { progress: buffer }, resourceLimits: threadResourceLimits(spec) });
  worker.unref();
  return Object.assign(worker, { progress }) as unknown as RunWorkerHandle;
}
