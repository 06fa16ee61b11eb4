/**
 * A server process for the endpoint benchmark, started by `endpoint.ts` as a child so the load
 * generator and the server do not share an event loop. `argv[2]` chooses what answers
 * `POST /rest/EventBridge/v1/event`:
 * - `express`: a bare Express app that parses the JSON body and answers 202 (the baseline);
 * - `noinbox`: the real server exactly as `main.ts` starts it (same middleware, logging, metrics,
 *   API key check, event validation, group-commit queue), except that the inbox write is replaced by
 *   an in-memory acknowledgement: nothing is stored, no callback runs.
 * The durable variant is `node dist/main.js` itself, so it is not here.
 * Prints `listening <url>` on stdout once it accepts connections.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import { readServerConfig } from '../dist/config/server-config.js';
import { eventEndpointModule } from '../dist/event-endpoint/event-endpoint-module.js';
import { startServer, type ServerModuleContext, type ServerModuleFactory } from '../dist/server.js';
import type { InboxEntry, InboxRepository, NewInboxEvent, Storage } from '../dist/storage/storage.js';

const variant = process.argv[2];

/** The event endpoint with an inbox that acknowledges without writing (the "inbox off" variant). */
const volatileInboxEndpoint: ServerModuleFactory = (context: ServerModuleContext) => {
  const acknowledge = async (events: readonly NewInboxEvent[]) =>
    events.map((event) => ({
      entry: { ...event, status: 'pending', attempts: 0, receivedAt: new Date().toISOString() } as unknown as InboxEntry,
      duplicate: false,
    }));
  const inbox = new Proxy(context.storage.inbox, {
    get: (target, property, receiver) => (property === 'receiveMany' ? acknowledge : Reflect.get(target, property, receiver)),
  }) as InboxRepository;
  const storage = new Proxy(context.storage, {
    get: (target, property, receiver) => (property === 'inbox' ? inbox : Reflect.get(target, property, receiver)),
  }) as Storage;
  return eventEndpointModule({ ...context, storage });
};

if (variant === 'express') {
  const app = express();
  app.post('/rest/EventBridge/v1/event', express.json({ limit: 262_144 }), (req, res) => {
    const id = typeof req.body === 'object' && req.body !== null ? (req.body as { id?: unknown }).id : undefined;
    res.status(202).json({ id, status: 'accepted' });
  });
  const server = app.listen(0, '127.0.0.1', () => {
    process.stdout.write(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
  });
} else if (variant === 'noinbox') {
  const server = await startServer({ config: readServerConfig(process.env), modules: [volatileInboxEndpoint] });
  process.stdout.write(`listening ${server.url}\n`);
} else {
  process.stderr.write(`endpoint-target: unknown variant "${variant}"; use express or noinbox\n`);
  process.exit(2);
}
