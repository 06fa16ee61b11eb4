/** The host services the EventBridge activities use, and their contracts (the server implements them). */
import { defineService } from '@flowbridge/runtime';

/** Where the app's public base URL comes from when it is known only once the host listens. */
export interface AppUrlSource {
  url(): Promise<string>;
}

/**
 * The app's public base URL (e.g. `https://app.example.com`), as text or read from a source; EventBridge
 * calls `{url}/rest/EventBridge/v1/event`.
 */
export const APP_URL_SERVICE = defineService<string | AppUrlSource>('app.url');
/** Event type → callback flow bindings. */
export const EVENT_ROUTING_SERVICE = defineService<EventRoutingStore>('eventbridge.routing');
/** What Register App last pushed to AWS; optional, an in-memory store is used without it. */
export const APP_REGISTRATIONS_SERVICE = defineService<AppRegistrationStore>('eventbridge.registrations');

/** Persists which callback flow handles which event type; one flow per event type (re-binding replaces). */
export interface EventRoutingStore {
  put(eventType: string, flow: string): Promise<void>;
  get(eventType: string): Promise<string | undefined>;
  list(): Promise<Array<{ eventType: string; flow: string }>>;
}

/**
 * What Register App knows about a registration it made. AWS never returns a connection's API key, so a
 * fingerprint of the key last sent is what tells "key changed" from "nothing to do".
 */
export interface AppRegistrationRecord {
  /** Region and name, e.g. `eu-west-1/flowbridge-app`. */
  key: string;
  connectionArn: string;
  /** `scrypt` digest of the API key, salted with the connection ARN; never the key itself. */
  apiKeyFingerprint: string;
}

/** Storage for `AppRegistrationRecord`s, so idempotence survives restarts and is shared by instances. */
export interface AppRegistrationStore {
  get(key: string): Promise<AppRegistrationRecord | undefined>;
  put(record: AppRegistrationRecord): Promise<void>;
}

/** An `AppRegistrationStore` in memory, for hosts that supply none (idempotent within one process). */
export class MemoryAppRegistrationStore implements AppRegistrationStore {
  private readonly records = new Map<string, AppRegistrationRecord>();

  async get(key: string): Promise<AppRegistrationRecord | undefined> {
    return this.records.get(key);
  }

  async put(record: AppRegistrationRecord): Promise<void> {
    this.records.set(record.key, { ...record });
  }
}

/** An `EventRoutingStore` in memory, for tests and embedders without storage. */
export class MemoryEventRoutingStore implements EventRoutingStore {
  private readonly routes = new Map<string, string>();

  async put(eventType: string, flow: string): Promise<void> {
    this.routes.set(eventType, flow);
  }

  async get(eventType: string): Promise<string | undefined> {
    return this.routes.get(eventType);
  }

  async list(): Promise<Array<{ eventType: string; flow: string }>> {
    return [...this.routes].map(([eventType, flow]) => ({ eventType, flow }));
  }
}
