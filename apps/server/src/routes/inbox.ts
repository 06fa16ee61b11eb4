/** `/api/inbox`: the events the event endpoint received, and replaying them. */
import { Router } from 'express';
import type { EventBus } from '../live/event-bus.js';
import { apiRoute } from '../http/api-route.js';
import { sendError } from '../http/http-error.js';
import type { InboxEntry, InboxStatus, Storage } from '../storage/storage.js';

/** Statuses an event can be replayed from: not while it waits or runs. */
const REPLAYABLE: readonly InboxStatus[] = ['unrouted', 'done', 'dead'];

const MOUNT = '/api/inbox';

/** Statuses an event can be parked from by hand: waiting, not running. */
const PARKABLE: readonly InboxStatus[] = ['pending', 'unrouted'];

/**
 * An inbox entry as lists show it: no envelope and no request (its `content` repeats the whole body),
 * so a page of 500 stays small. `GET /api/inbox/:id` returns one entry with its payload.
 */
function view(entry: InboxEntry) {
  const { event: _event, request: _request, ...rest } = entry;
  return rest;
}

function unknownEvent(id: string): string {
  return `There is no event with id "${id.slice(0, 100)}" in the inbox.`;
}

export function inboxRouter(storage: Storage, bus: EventBus): Router {
  const router = Router();

  apiRoute(router, MOUNT, 'listInbox', async ({ query: { status, detailType, limit } }, res) => {
    const events = await storage.inbox.list({ limit, ...(status !== undefined ? { status } : {}), ...(detailType !== undefined ? { detailType } : {}) });
    res.json({ events: events.map(view) });
  });

  apiRoute(router, MOUNT, 'getInboxEvent', async ({ params: { id } }, res) => {
    const entry = await storage.inbox.get(id);
    if (!entry) return sendError(res, 404, 'EventNotFound', unknownEvent(id));
    res.json(entry);
  });

  // Admin operations on one entry: park (stop it being dispatched) and delete.
  apiRoute(router, MOUNT, 'parkInboxEvent', async ({ params: { id } }, res) => {
    const parked = await storage.inbox.transition(id, PARKABLE, { status: 'dead', nextAttemptAt: null, error: 'Parked by an administrator; replay it to run its callback.' });
    if (parked) {
      bus.publish('inbox.changed', { ids: [id], status: 'dead' });
      return res.json(view(parked));
    }
    const current = await storage.inbox.get(id);
    if (!current) return sendError(res, 404, 'EventNotFound', unknownEvent(id));
    sendError(res, 409, 'NotParkable', `The event is ${current.status}; only ${PARKABLE.join(' or ')} events can be parked.`);
  });

  apiRoute(router, MOUNT, 'deleteInboxEvent', async ({ params: { id } }, res) => {
    if (await storage.inbox.delete(id)) {
      bus.publish('inbox.changed', { ids: [id] });
      return res.status(204).end();
    }
    const current = await storage.inbox.get(id);
    if (!current) return sendError(res, 404, 'EventNotFound', unknownEvent(id));
    sendError(res, 409, 'EventRunning', 'A callback is running for this event; delete it after the run ends.');
  });

  apiRoute(router, MOUNT, 'replayInbox', async ({ body: { ids } }, res) => {
    const replayed: string[] = [];
    const skipped: Array<{ id: string; reason: string }> = [];
    for (const id of new Set(ids)) {
      const entry = await storage.inbox.transition(id, REPLAYABLE, { status: 'pending', attempts: 0, nextAttemptAt: null, error: null });
      if (entry) {
        replayed.push(id);
        continue;
      }
      const current = await storage.inbox.get(id);
      skipped.push({ id, reason: current ? `it is ${current.status}; only ${REPLAYABLE.join(', ')} events can be replayed` : 'there is no such event' });
    }
    if (replayed.length > 0) bus.publish('inbox.changed', { ids: replayed, status: 'pending' });
    res.json({ replayed, skipped });
  });

  return router;
}
