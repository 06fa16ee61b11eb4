/** SDK clients reused across activity executions: building one costs far more than a request. */
import { createHash } from 'node:crypto';
import type { AwsClientConfig } from './client-config.js';

interface DestroyableClient {
  destroy(): void;
}

const MAX_CLIENTS = 64;
const clients = new Map<string, DestroyableClient>();

/** A client of class `Client` for `config`, shared by every execution with the same configuration. */
export function cachedClient<C extends DestroyableClient>(Client: new (config: AwsClientConfig) => C, config: AwsClientConfig): C {
  const key = cacheKey(Client.name, config);
  const found = clients.get(key);
  if (found) {
    // Re-insert to keep the map in least-recently-used order.
    clients.delete(key);
    clients.set(key, found);
    return found as C;
  }
  const client = new Client(config);
  clients.set(key, client);
  if (clients.size > MAX_CLIENTS) {
    const [oldestKey, oldest] = clients.entries().next().value as [string, DestroyableClient];
    clients.delete(oldestKey);
    oldest.destroy();
  }
  return client;
}

/** Destroys every cached client (closing keep-alive sockets), e.g. before a test stops its local AWS. */
export function clearClientCache(): void {
  for (const client of clients.values()) client.destroy();
  clients.clear();
}

// Secrets go into the key only as a digest, so the map never holds them in a second place.
function cacheKey(clientName: string, config: AwsClientConfig): string {
  const c = config.credentials;
  const secret = c ? createHash('sha256').update(`${c.secretAccessKey}\u0000${c.sessionToken ?? ''}`).digest('hex') : '';
  return JSON.stringify([clientName, config.region, config.endpoint ?? '', config.maxAttempts ?? 0, config.requestHandler?.requestTimeout ?? 0, config.systemClockOffset ?? 0, c?.accessKeyId ?? '', secret]);
}
