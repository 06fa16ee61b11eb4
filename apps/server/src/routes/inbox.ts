/** `/api/inbox`: the events the event endpoint received, and replaying them. */
import { Router } from 'express';
import type { EventBus } from '../live/event-bus.js';
import { sendError } from '../http/http-error.js';
import { INBOX_STATUSES, type InboxEntry, type InboxStatus, type Storage } from '../storage/storage.js';
import { objectBody } from './flows.js';

/** Statuses an event can be replayed from: not while it waits or runs. */
const REPLAYABLE: readonly InboxStatus[] = ['unrouted', 'done', 'dead'];

/** An inbox entry as the editor lists it (the envelope is left out; it can be large). */
function view(entry: InboxEntry) {
  const { event: _event, ...rest } = entry;
  return rest;
}

export function inboxRouter(storage: Storage, bus: EventBus): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const { status, limit } = req.query;
    if (status !== undefined && !INBOX_STATUSES.includes(status as InboxStatus)) return sendError(res, 400, 'InvalidQuery', `status must be one of ${INBOX_STATUSES.join(', ')}.`);
    const size = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(size) || size < 1 || size > 500) return sendError(res, 400, 'InvalidQuery', 'limit must be a whole number from 1 to 500.');
    const events = await storage.inbox.list({ limit: size, ...(status !== undefined ? { status: status as InboxStatus } : {}) });
    res.json({ events: events.map(view) });
  });

  router.get('/:id', async (req, res) => {
    const entry = await storage.inbox.get(String(req.params.id));
    if (!entry) return sendError(res, 404, 'EventNotFound', `There is no event with id "${String(req.params.id).slice(0, 100)}" in the inbox.`);
    res.json(entry);
  });

  router.post('/replay', async (req, res) => {
    const { ids } = objectBody(req);
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 500 || !ids.every((id) => typeof id === 'string' && id !== '' && id.length <= 200)) {
      return sendError(res, 400, 'InvalidBody', 'Send {"ids": ["<event id>", ...]} with 1 to 500 event ids.');
    }
    const replayed: string[] = [];
    const skipped: Array<{ id: string; reason: string }> = [];
    for (const id of new Set(ids as string[])) {
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
