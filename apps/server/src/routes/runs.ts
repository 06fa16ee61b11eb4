/** `/api/runs`: run history, newest first and paged, and one run with its trace. */
import { Router } from 'express';
import { apiRoute } from '../http/api-route.js';
import { sendError } from '../http/http-error.js';
import type { Storage } from '../storage/storage.js';
import { UnknownCursorError } from '../storage/storage.js';

const MOUNT = '/api/runs';
/** The shortest run id prefix accepted, as the editor shows run ids. */
const SHORT_ID_LENGTH = 8;

export function runsRouter(storage: Storage): Router {
  const router = Router();

  apiRoute(router, MOUNT, 'listRuns', async ({ query: { flow, status, limit, before } }, res) => {
    try {
      const page = await storage.runs.list({
        limit,
        ...(flow !== undefined ? { flow } : {}),
        ...(status !== undefined ? { status } : {}),
        ...(before !== undefined ? { before } : {}),
      });
      res.json(page);
    } catch (error) {
      if (error instanceof UnknownCursorError) return sendError(res, 400, 'InvalidCursor', error.message);
      throw error;
    }
  });

  apiRoute(router, MOUNT, 'getRun', async ({ params: { id } }, res) => {
    let record = id.length <= 100 ? await storage.runs.get(id) : undefined;
    // The editor shows runs by their first 8 characters; such a short id works here too when it names one run.
    if (!record && id.length >= SHORT_ID_LENGTH && id.length <= 100) {
      const matches = await storage.runs.idsStartingWith(id, 2);
      if (matches.length > 1) {
        return sendError(res, 409, 'AmbiguousRunId', `Several runs start with "${id}"; use more of the id (e.g. ${matches.join(' or ')}).`, { matches });
      }
      if (matches[0]) record = await storage.runs.get(matches[0]);
    }
    if (!record) return sendError(res, 404, 'RunNotFound', `There is no run with id "${id.slice(0, 100)}"; it may have been removed by the retention settings.`);
    res.json(record);
  });

  return router;
}
