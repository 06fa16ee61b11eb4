/**
 * Typed host services: a `ServiceKey<T>` is declared once next to the contract `T`, and `ctx.service(key)`
 * answers a `T`. Service values are plain data or objects of async methods, so a host may later hand them
 * to activities across a thread boundary.
 */

/** The name of a host service together with the type of its value. */
export interface ServiceKey<T> {
  readonly name: string;
  /** Type-only: never set; carries `T` so `ctx.service(key)` is typed. */
  readonly __type?: T;
}

/** Declares a service key, e.g. `defineService<EventRoutingStore>('eventbridge.routing')`. */
export function defineService<T>(name: string): ServiceKey<T> {
  return Object.freeze({ name });
}

/** Services a host supplies, by key name; build it with `provideServices` to have the values checked against their keys. */
export type ServiceValues = Readonly<Record<string, unknown>>;

/** One host service: a key and a value of its type, checked where the pair is made. */
export interface ServiceEntry {
  readonly name: string;
  readonly value: unknown;
}

/** Pairs a key with its value (`undefined` leaves the service out), so the value's type is checked against the key. */
export function serviceEntry<T>(key: ServiceKey<T>, value: T | undefined): ServiceEntry {
  return { name: key.name, value };
}

/** Builds the host's services from typed entries; the result is frozen, so no service changes after it is handed out. */
export function provideServices(...entries: ReadonlyArray<ServiceEntry>): ServiceValues {
  const services: Record<string, unknown> = {};
  for (const { name, value } of entries) {
    if (value === undefined) continue;
    if (name in services) throw new Error(`The service ${name} is provided twice`);
    services[name] = value;
  }
  return Object.freeze(services);
}
