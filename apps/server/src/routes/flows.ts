/** `/api/flows`: list, read, save (validated, optimistic concurrency), delete (refused while referenced), rename (references follow), duplicate, run. */
import { Router, type Request, type Response } from 'express';
import { checkFlowName, DOCUMENT_TOO_LARGE, parseDocument, type FlowDocument } from '@flowbridge/flow-model';
import type { FlowCatalog } from '../flows/flow-catalog.js';
import { apiRoute, type RouteInput, type RouteResponse } from '../http/api-route.js';
import { sendError } from '../http/http-error.js';
import type { FlowRunner } from '../runs/flow-runner.js';
import type { WorkspaceRefactor } from '../workspace/workspace-refactor.js';

function ifMatch(req: Request): string | undefined {
  const value = req.headers['if-match'];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

const MOUNT = '/api/flows';

export function flowsRouter(catalog: FlowCatalog, runner: FlowRunner, refactor: WorkspaceRefactor): Router {
  const router = Router();
  const store = catalog.store;

  apiRoute(router, MOUNT, 'listFlows', async (_input, res) => {
    res.json({ flows: await catalog.summaries() });
  });

  apiRoute(router, MOUNT, 'getFlow', async ({ params: { name } }, res) => {
    const flow = await catalog.get(name);
    if (!flow) return sendError(res, 404, 'FlowNotFound', `There is no flow named "${name}".`);
    res.setHeader('etag', flow.etag);
    // A file that is not a flow is answered as its raw JSON so the editor can show what is wrong with it.
    res.json({ document: (flow.document ?? flow.json ?? null) as FlowDocument | null, problems: flow.problems });
  });

  apiRoute(router, MOUNT, 'saveFlow', async ({ params: { name } }, res, req) => {
    const parsed = parseDocument(req.body);
    if (!parsed.ok && parsed.problems.some((p) => p.code === DOCUMENT_TOO_LARGE)) {
      return sendError(res, 413, 'FlowDocumentTooLarge', `${parsed.problems[0]!.message} See docs/limits.md.`, parsed.problems);
    }
    if (!parsed.ok) return sendError(res, 422, 'InvalidFlowDocument', `The body is not a flow document (${parsed.problems.length} problem${parsed.problems.length === 1 ? '' : 's'}); see details.`, parsed.problems);
    if (parsed.document.name !== name) {
      return sendError(res, 422, 'InvalidFlowDocument', `The document's name "${parsed.document.name}" differs from the name in the URL "${name}"; use rename to change a flow's name.`);
    }
    const etag = await store.write(name, parsed.document, ifMatch(req));
    res.setHeader('etag', etag);
    res.json({ name, problems: await catalog.problemsOf(name, parsed.document) });
  });

  apiRoute(router, MOUNT, 'deleteFlow', async ({ params: { name }, query: { force } }, res, req) => {
    const match = ifMatch(req);
    const outcome = await refactor.deleteFlow(name, { force: force === 'true', ...(match ? { ifMatch: match } : {}) });
    if ('refused' in outcome) {
      if (outcome.refused === 'InUse') return sendError(res, 409, 'FlowInUse', outcome.message, outcome.references);
      return sendError(res, 404, 'FlowNotFound', outcome.message);
    }
    res.status(204).end();
  });

  apiRoute(router, MOUNT, 'renameFlow', async ({ params: { name }, body: { newName, dryRun } }, res) => {
    const outcome = await refactor.renameFlow(name, newName, dryRun === true);
    if ('refused' in outcome) {
      if (outcome.refused === 'NotFound') return sendError(res, 404, 'FlowNotFound', outcome.message);
      if (outcome.refused === 'InvalidDocument') return sendError(res, 422, 'InvalidFlowDocument', outcome.message);
      return sendError(res, 409, 'FlowExists', outcome.message);
    }
    if (!outcome.dryRun) {
      const renamed = await store.read(newName);
      if (renamed) res.setHeader('etag', renamed.etag);
    }
    res.json(outcome);
  });

  apiRoute(router, MOUNT, 'duplicateFlow', async ({ params: { name }, body: { newName: target } }: RouteInput<'duplicateFlow'>, res: RouteResponse<'duplicateFlow'>) => {
    const source = await catalog.get(name);
    if (!source) return sendError(res, 404, 'FlowNotFound', `There is no flow named "${name}".`);
    if (!source.document) return sendError(res, 422, 'InvalidFlowDocument', `Flow "${name}" is not a valid flow document; fix or replace it before copying it.`, source.problems);
    if (target === name) return sendError(res, 409, 'FlowExists', `The flow is already named "${name}".`);
    const validated = source.document;
    // Under both flows' locks, and only from the version just validated.
    const moved = await store.move(name, target, (stored) => (stored.etag === source.etag ? { ...validated, name: target } : undefined), true);
    if ('refused' in moved) {
      if (moved.refused === 'SourceNotFound') return sendError(res, 404, 'FlowNotFound', `There is no flow named "${name}" (any more: it was renamed or deleted meanwhile).`);
      if (moved.refused === 'SourceChanged') return sendError(res, 409, 'FlowChanged', `Flow "${name}" changed while it was being copied; try again.`);
      return sendError(res, 409, 'FlowExists', `A flow named "${target}" already exists; choose another name or delete that flow first.`);
    }
    res.setHeader('etag', moved.etag);
    res.status(201).json({ name: target });
  });

  apiRoute(router, MOUNT, 'runFlow', async ({ params: { name }, body: { parameters } }, res) => {
    const outcome = await runner.run(name, parameters, { trigger: 'manual' });
    if (outcome.ok) return res.json(outcome.record);
    if (outcome.reason === 'FlowNotFound') return sendError(res, 404, 'FlowNotFound', outcome.message);
    if (outcome.reason === 'FlowHasProblems') return sendError(res, 422, 'FlowHasProblems', outcome.message, outcome.problems);
    return sendError(res, 503, outcome.reason, outcome.message);
  });

  return router;
}
