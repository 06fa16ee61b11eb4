/**
 * A run worker hosted in a child process (run-host.ts). On Node 20, a run whose allocation cannot fit
 * even past its thread's heap limit (a native array function or a range of tens of millions of items)
 * makes V8 abort the whole process; here that ends only the host, and the pool sees a worker that ran
 * out of memory, like any other.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { NO_NODE, type ToWorker } from './run-protocol.js';
import type { FromHost, RunHostOptions } from './run-host-protocol.js';
import type { RunWorkerHandle, RunWorkerSpec } from './run-worker-handle.js';
import { runHostEntry } from './worker-entry.js';

/** What a host writes to stderr when V8 gives up on memory (kept: the last few KB). */
const OUT_OF_MEMORY = /out of memory|heap limit|invalid (array|table|string) (length|size)|allocation failed/i;
const STDERR_TAIL_BYTES = 4_096;

/** Starts a run worker thread inside a new run host process. */
export function startProcessWorker(spec: RunWorkerSpec): RunWorkerHandle {
  return new ProcessWorker(spec) as unknown as RunWorkerHandle;
}

class ProcessWorker extends EventEmitter {
  readonly progress: Int32Array;
  private readonly child: ChildProcess;
  private stderrTail = '';
  private reported = false;
  private readonly exited: Promise<void>;

  constructor(spec: RunWorkerSpec) {
    super();
    this.progress = new Int32Array(spec.slots).fill(NO_NODE);
    const { modulePath, execArgv } = runHostEntry();
    const options: RunHostOptions = { heapMb: spec.heapMb, youngMb: spec.youngMb, slots: spec.slots };
    this.child = fork(modulePath, [JSON.stringify(options)], {
      execArgv,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => {
      // Pass the host's diagnostics through, and keep the tail to classify how it ended.
      process.stderr.write(chunk);
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_BYTES);
    });
    this.child.on('message', (message: FromHost) => this.fromHost(message));
    this.child.on('error', (error) => this.fail(Object.assign(new Error(`the run host process failed: ${error.message}`), { code: 'ERR_RUN_HOST' })));
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        if (code !== 0 || signal) this.fail(this.deathOf(code, signal));
        this.emit('exit', code ?? 1);
        resolve();
      });
    });
    this.child.unref();
    this.child.channel?.unref();
    (this.child.stderr as { unref?: () => void } | null)?.unref?.();
  }

  postMessage(message: ToWorker): void {
    // `send` serializes synchronously (structured clone), so a value that cannot be copied throws here, as Worker.postMessage does.
    this.child.send(message);
  }

  async terminate(): Promise<void> {
    // Referenced again so the process waiting for this host to end (a shutdown) does not exit first.
    this.child.ref();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }

  private fromHost(message: FromHost): void {
    switch (message.h) {
      case 'message':
        this.emit('message', message.message);
        break;
      case 'messages':
        for (const one of message.messages) this.emit('message', one);
        break;
      case 'progress':
        this.progress.set(message.values.slice(0, this.progress.length));
        break;
      case 'error':
        this.fail(Object.assign(new Error(message.message), { code: message.code }));
        break;
      case 'exit':
        break;
    }
  }

  /** How a host that ended on its own ended: V8 giving up on memory, or anything else. */
  private deathOf(code: number | null, signal: NodeJS.Signals | null): Error & { code: string } {
    const tail = this.stderrTail;
    if (OUT_OF_MEMORY.test(tail) || signal === 'SIGABRT' || signal === 'SIGTRAP') {
      return Object.assign(new Error('the run host ran out of memory'), { code: 'ERR_WORKER_OUT_OF_MEMORY' });
    }
    const last = tail.trim().split('\n').at(-1)?.slice(0, 200);
    return Object.assign(new Error(`the run host process ended (${signal ?? `exit code ${code}`})${last ? `: ${last}` : ''}`), { code: 'ERR_RUN_HOST' });
  }

  /** Reports one failure per host: the first cause is the real one. */
  private fail(error: Error & { code?: string }): void {
    if (this.reported) return;
    this.reported = true;
    this.emit('error', error);
  }
}
