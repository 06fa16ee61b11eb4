/** `/api/expressions`: evaluating an expression for the editor's live preview (see runs/expression-preview.ts). */
import { Router } from 'express';
import { apiRoute } from '../http/api-route.js';
import { sendError } from '../http/http-error.js';
import type { FlowRunner } from '../runs/flow-runner.js';

const MOUNT = '/api/expressions';

export function expressionsRouter(runner: FlowRunner): Router {
  const router = Router();
  apiRoute(router, MOUNT, 'evaluateExpression', async ({ body }, res) => {
    const outcome = await runner.preview({ expression: body.expression, variables: body.variables, ...(body.template ? { template: true } : {}), ...(body.flow ? { flow: body.flow } : {}) });
    // Refusals of the pool (too busy, shutting down) are the server's state, not the expression's fault.
    if (!outcome.ok && (outcome.error.kind === 'Overloaded' || outcome.error.kind === 'ShuttingDown')) return sendError(res, 503, outcome.error.kind, outcome.error.message);
    res.json(outcome);
  });
  return router;
}
