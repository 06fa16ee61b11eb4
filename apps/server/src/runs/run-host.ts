/**
 * A run host: a child process that holds exactly one run worker thread and relays its messages to the
 * server. V8 aborts the whole process when a thread's allocation cannot fit even past its heap limit (a
 * native array function or a range building tens of millions of items); in a host process that abort
 * ends only this host, and the server's pool reports the runs and starts another.
 */
import { Worker } from 'node:worker_threads';
import { HOST_PROGRESS_INTERVAL_MS, type FromHost, type RunHostOptions } from './run-host-protocol.js';
import { NO_NODE } from './run-protocol.js';
import { threadResourceLimits } from './run-worker-handle.js';
import { workerThreadEntry } from './worker-entry.js';

const send = process.send?.bind(process);
if (!send) throw new Error('run-host must be started by the server with an IPC channel');
// Without the server there is nobody to run for. SIGKILL, not exit: exit waits for the worker thread,
// which may be stuck in a step that will not stop. A server that went while this module was still
// loading sent its 'disconnect' before anyone listened, and the worker thread below would keep this
// process alive on its own.
process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
if (!process.connected) process.kill(process.pid, 'SIGKILL');
const options = JSON.parse(process.argv[2] ?? '{}') as RunHostOptions;

const buffer = new SharedArrayBuffer(options.slots * Int32Array.BYTES_PER_ELEMENT);
const progress = new Int32Array(buffer).fill(NO_NODE);
const [entryPoint, extra] = workerThreadEntry();
const worker = new Worker(entryPoint, {
  ...extra,
  workerData: { progress: buffer },
  resourceLimits: threadResourceLimits({ heapMb: options.heapMb, youngMb: options.youngMb, slots: options.slots }),
});

const post = (message: FromHost): void => {
  // A closed channel means the server is gone or has given up on this host; nothing is left to tell.
  if (process.connected) send(message);
};

// The worker's messages of one turn go to the server as one: a run sends two or three, and with
// many runs in flight one pipe write and one decode per turn cost less than one per message.
let outbox: unknown[] = [];
const flushOutbox = (): void => {
  const messages = outbox;
  outbox = [];
  if (messages.length === 1) post({ h: 'message', message: messages[0] });
  else if (messages.length > 1) post({ h: 'messages', messages });
};
worker.on('message', (message: unknown) => {
  if (outbox.push(message) === 1) setImmediate(flushOutbox);
});
worker.on('error', (error: Error & { code?: string }) => {
  flushOutbox();
  post({ h: 'error', code: error.code ?? 'ERR_WORKER_FAILED', message: error.message });
});
worker.on('exit', (code) => {
  flushOutbox();
  // Exit once the last message (and so every one before it, the worker's error included) is written.
  if (process.connected) send({ h: 'exit', code } satisfies FromHost, undefined, {}, () => process.exit(0));
  else process.exit(0);
});
process.on('message', (message) => worker.postMessage(message));

// The node each run executes, mirrored to the server a few times a second: the worker thread's own loop
// may be blocked in a step, this process's loop is not.
let last = '';
setInterval(() => {
  const values = Array.from(progress);
  const key = values.join(',');
  if (key === last) return;
  last = key;
  post({ h: 'progress', values });
}, HOST_PROGRESS_INTERVAL_MS);
