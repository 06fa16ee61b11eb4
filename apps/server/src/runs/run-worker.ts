/**
 * A run worker: a thread that executes runs with its own engine and heap, so a run that blocks its
 * event loop or exhausts its heap takes only this thread down (the pool's watchdog replaces it).
 * Compiled flows are cached per workspace version; services that are objects of methods are proxied
 * to the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compile, DebugStepper, run, type CompiledFlow, type CompiledNode, type Engine, type RunResult } from '@flowbridge/runtime';
import { createServerEngine } from '../engine.js';
import { compactTrace } from './compact-trace.js';
import { NO_NODE, type ConstantsData, type FromWorker, type NodeName, type RunEvent, type StartMessage, type ToWorker, type WorkspaceData } from './run-protocol.js';
import { ServiceClient } from './service-rpc.js';

const port = parentPort;
if (!port) throw new Error('run-worker must be started as a worker thread');
const progress = new Int32Array((workerData as { progress: SharedArrayBuffer }).progress);
const base: Engine = createServerEngine();
const send = (message: FromWorker): void => port.postMessage(message);
const services = new ServiceClient(send);
/** The host services every run sees, built from the description the first run brought. */
let runServices: Record<string, unknown> = {};

let workspace: { data: WorkspaceData; engine: Engine; compiled: Map<string, CompiledFlow | undefined> } | undefined;
let constants: ConstantsData | undefined;
const controllers = new Map<string, AbortController>();
const debuggers = new Map<string, DebugStepper>();

/** Node numbers for the progress array: assigned as flows compile, announced once to the main thread. */
const nodeNumbers = new WeakMap<CompiledNode, number>();
let nextNodeNumber = 0;

function compiledFlow(name: string): CompiledFlow | undefined {
  if (!workspace) return undefined;
  if (workspace.compiled.has(name)) return workspace.compiled.get(name);
  const document = workspace.data.documents.get(name);
  const result = document ? compile(document, workspace.engine) : undefined;
  const flow = result?.ok ? result.flow : undefined;
  workspace.compiled.set(name, flow);
  if (flow) announce(name, flow);
  return flow;
}

/** A flow sent with its run (an expression preview): compiled for that run only, never cached or announced. */
function adHoc(document: StartMessage['document'] & object): CompiledFlow | undefined {
  if (!workspace) return undefined;
  const result = compile(document, workspace.engine);
  return result.ok ? result.flow : undefined;
}

function announce(flow: string, compiled: CompiledFlow): void {
  const nodes: NodeName[] = [];
  for (const node of compiled.nodes.values()) {
    const id = nextNodeNumber++;
    nodeNumbers.set(node, id);
    nodes.push({ id, flow, nodeId: node.node.id, kind: node.node.kind, ...(node.node.label !== undefined ? { label: node.node.label } : {}) });
  }
  send({ type: 'nodes', nodes });
}

/** Live events go out once per turn of the event loop, never once per synchronous step. */
let pending: RunEvent[] = [];
let flushScheduled = false;
function queueEvent(event: RunEvent): void {
  pending.push(event);
  if (flushScheduled) return;
  flushScheduled = true;
  setImmediate(flush);
}
function flush(): void {
  flushScheduled = false;
  if (pending.length === 0) return;
  const events = pending;
  pending = [];
  send({ type: 'events', events });
}

async function start(message: StartMessage): Promise<void> {
  if (message.workspace) {
    const data = message.workspace;
    workspace = { data, engine: { ...base, catalogue: { ...base.catalogue, flows: data.flows, constants: data.constants } }, compiled: new Map() };
  }
  if (message.constants) constants = message.constants;
  if (message.services) runServices = services.build(message.services);
  const controller = new AbortController();
  controllers.set(message.runId, controller);
  const { runId, slot } = message;
  let result: RunResult;
  try {
    const flow = workspace?.data.version !== message.workspaceVersion ? undefined : message.document ? adHoc(message.document) : compiledFlow(message.flow);
    if (!flow) {
      result = { status: 'failed', error: { kind: 'InternalError', message: `The run worker could not compile flow ${message.flow}; run it again.` }, logs: [], trace: [] };
    } else {
      const values = constants?.values;
      // Steps before a pause are sent before it, so the host shows them in order.
      const debug = message.debug ? new DebugStepper({ ...message.debug, onEvent: (event) => (flush(), send({ type: 'debug', runId, event })) }) : undefined;
      if (debug) debuggers.set(runId, debug);
      result = await run(flow, message.parameters, {
        ...(debug ? { debug } : {}),
        ...message.limits,
        signal: controller.signal,
        services: runServices,
        onStepStart: (node) => Atomics.store(progress, slot, nodeNumbers.get(node) ?? NO_NODE),
        onStep: (step) => queueEvent({ runId, step }),
        onLog: (log) => queueEvent({ runId, log }),
        constants: (name) => values?.get(name),
        flows: compiledFlow,
      });
    }
  } catch (error) {
    result = { status: 'failed', error: { kind: 'InternalError', message: `The run worker failed: ${(error as Error).message}` }, logs: [], trace: [] };
  } finally {
    controllers.delete(runId);
    debuggers.delete(runId);
  }
  Atomics.store(progress, slot, NO_NODE);
  flush();
  if (message.compactTraceOnSuccess && result.status === 'succeeded') result = { ...result, trace: compactTrace(result.trace) };
  send({ type: 'done', runId, result });
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'start':
      void start(message);
      break;
    case 'cancel':
      controllers.get(message.runId)?.abort();
      break;
    case 'debug':
      try {
        debuggers.get(message.runId)?.apply(message.command);
      } catch {
        // Breakpoints are checked before they are sent; a bad list changes nothing.
      }
      break;
    case 'rpc-result':
      services.settle(message);
      break;
  }
});
send({ type: 'ready' });
