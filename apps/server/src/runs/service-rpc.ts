/**
 * Host services across the worker boundary, keyed by service name: plain data is copied into the
 * worker; an object of (async) methods — a store — stays on the main thread and the worker gets a
 * stand-in whose methods post a call and await its answer. Synchronous methods become asynchronous.
 */
import type { FromWorker, ServicesData, ToWorker } from './run-protocol.js';

/** Splits the services into what can be copied and what must be called over the port. */
export function describeServices(services: Readonly<Record<string, unknown>>): ServicesData {
  const plain: Record<string, unknown> = {};
  const proxied: Record<string, string[]> = {};
  for (const [name, service] of Object.entries(services)) {
    const methods = methodNames(service);
    if (methods.length > 0) proxied[name] = methods;
    else plain[name] = service;
  }
  return { plain, proxied };
}

function methodNames(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const names = new Set<string>();
  for (let o: object | null = value; o && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const key of Object.getOwnPropertyNames(o)) {
      if (key !== 'constructor' && typeof (value as Record<string, unknown>)[key] === 'function') names.add(key);
    }
  }
  return [...names];
}

type Rpc = Extract<FromWorker, { type: 'rpc' }>;
type RpcResult = Extract<ToWorker, { type: 'rpc-result' }>;

/** Answers a worker's service call with the main thread's service; never throws (failures are answers). */
export async function answerServiceCall(services: Readonly<Record<string, unknown>>, call: Rpc): Promise<RpcResult> {
  try {
    const service = services[call.service] as Record<string, unknown> | undefined;
    const method = service?.[call.method];
    if (typeof method !== 'function') throw new Error(`The service "${call.service}" has no method ${call.method}.`);
    const value: unknown = await (method as (...args: unknown[]) => unknown).apply(service, call.args);
    return { type: 'rpc-result', id: call.id, ok: true, value };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { type: 'rpc-result', id: call.id, ok: false, error: { name: e.name, message: e.message } };
  }
}

/** The worker's side: builds stand-ins for proxied services and settles their calls. */
export class ServiceClient {
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  constructor(private readonly send: (message: FromWorker) => void) {}

  /** The services object runs see, from their description (a worker builds it once). */
  build(data: ServicesData): Record<string, unknown> {
    const services: Record<string, unknown> = { ...data.plain };
    for (const [name, methods] of Object.entries(data.proxied)) {
      const stub: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
      for (const method of methods) stub[method] = (...args) => this.call(name, method, args);
      services[name] = stub;
    }
    return services;
  }

  private call(service: string, method: string, args: unknown[]): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.send({ type: 'rpc', id, service, method, args });
    });
  }

  settle(message: RpcResult): void {
    const waiter = this.waiting.get(message.id);
    if (!waiter) return;
    this.waiting.delete(message.id);
    if (message.ok) waiter.resolve(message.value);
    else {
      const error = new Error(message.error.message);
      error.name = message.error.name;
      waiter.reject(error);
    }
  }
}
