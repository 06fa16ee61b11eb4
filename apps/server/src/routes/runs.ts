/** `/api/runs`: run history, newest first and paged, and one run with its trace. */
import { Router } from 'express';
import { checkFlowName } from '@flowbridge/flow-model';
import { sendError } from '../http/http-error.js';
import type { RunStatus, Storage } from '../storage/storage.js';
import { UnknownCursorError } from '../storage/storage.js';

const STATUSES: readonly RunStatus[] = ['running', 'succeeded', 'failed'];

export function runsRouter(storage: Storage): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const { flow, status, limit, before } = req.query;
    for (const [key, value] of Object.entries({ flow, status, limit, before })) {
      if (value !== undefined && typeof value !== 'string') return sendError(res, 400, 'InvalidQuery', `Give "${key}" once, as text.`);
    }
    if (flow !== undefined && checkFlowName(flow)) return sendError(res, 400, 'InvalidQuery', `flow: ${checkFlowName(flow)}`);
    if (status !== undefined && !STATUSES.includes(status as RunStatus)) return sendError(res, 400, 'InvalidQuery', `status must be one of ${STATUSES.join(', ')}.`);
    const size = limit === undefined ? 50 : Number(limit);
    if (!Number.isInteger(size) || size < 1 || size > 500) return sendError(res, 400, 'InvalidQuery', 'limit must be a whole number from 1 to 500.');
    if (before !== undefined && (before === '' || (before as string).length > 100)) return sendError(res, 400, 'InvalidQuery', 'before must be the "next" value of a previous page.');
    try {
      const page = await storage.runs.list({
        limit: size,
        ...(flow !== undefined ? { flow: flow as string } : {}),
        ...(status !== undefined ? { status: status as RunStatus } : {}),
        ...(before !== undefined ? { before: before as string } : {}),
      });
      res.json(page);
    } catch (error) {
      if (error instanceof UnknownCursorError) return sendError(res, 400, 'InvalidCursor', error.message);
      throw error;
    }
  });

  router.get('/:id', async (req, res) => {
    const id = String(req.params.id);
    const record = id.length <= 100 ? await storage.runs.get(id) : undefined;
    if (!record) return sendError(res, 404, 'RunNotFound', `There is no run with id "${id.slice(0, 100)}"; it may have been removed by the retention settings.`);
    res.json(record);
  });

  return router;
}
