/** `/api/flows`: list, read, save (validated, optimistic concurrency), delete, rename, duplicate, run. */
import { Router, type Request, type Response } from 'express';
import { checkFlowName, parseDocument, type FlowDocument } from '@flowbridge/flow-model';
import type { FlowCatalog } from '../flows/flow-catalog.js';
import { HttpError, sendError } from '../http/http-error.js';
import type { FlowRunner } from '../runs/flow-runner.js';
import type { RoutingRepository } from '../storage/storage.js';

/** The flow name in the URL, or a 400 naming what is wrong with it. */
export function flowNameParam(req: Request): string {
  const name = String(req.params.name);
  const problem = checkFlowName(name);
  if (problem) throw new HttpError(400, 'InvalidFlowName', problem);
  return name;
}

/** A JSON object body (or {} when absent). */
export function objectBody(req: Request): Record<string, unknown> {
  const body: unknown = req.body ?? {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'InvalidBody', 'The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

function ifMatch(req: Request): string | undefined {
  const value = req.headers['if-match'];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function flowsRouter(catalog: FlowCatalog, runner: FlowRunner, routing: RoutingRepository): Router {
  const router = Router();
  const store = catalog.store;

  router.get('/', async (_req, res) => {
    res.json({ flows: await catalog.summaries() });
  });

  router.get('/:name', async (req, res) => {
    const name = flowNameParam(req);
    const flow = await catalog.get(name);
    if (!flow) return sendError(res, 404, 'FlowNotFound', `There is no flow named "${name}".`);
    res.setHeader('etag', flow.etag);
    res.json({ document: flow.document ?? flow.json ?? null, problems: flow.problems });
  });

  router.put('/:name', async (req, res) => {
    const name = flowNameParam(req);
    const parsed = parseDocument(req.body);
    if (!parsed.ok) return sendError(res, 422, 'InvalidFlowDocument', `The body is not a flow document (${parsed.problems.length} problem${parsed.problems.length === 1 ? '' : 's'}); see details.`, parsed.problems);
    if (parsed.document.name !== name) {
      return sendError(res, 422, 'InvalidFlowDocument', `The document's name "${parsed.document.name}" differs from the name in the URL "${name}"; use rename to change a flow's name.`);
    }
    const etag = await store.write(name, parsed.document, ifMatch(req));
    res.setHeader('etag', etag);
    res.json({ name, problems: await catalog.problemsOf(name, parsed.document) });
  });

  router.delete('/:name', async (req, res) => {
    const name = flowNameParam(req);
    if (!(await store.delete(name, ifMatch(req)))) return sendError(res, 404, 'FlowNotFound', `There is no flow named "${name}".`);
    res.status(204).end();
  });

  const copy = async (req: Request, res: Response, removeSource: boolean) => {
    const name = flowNameParam(req);
    const body = objectBody(req);
    const newName = body.newName;
    const problem = checkFlowName(newName);
    if (problem) return sendError(res, 400, 'InvalidFlowName', `newName: ${problem}`);
    const target = newName as string;
    const source = await catalog.get(name);
    if (!source) return sendError(res, 404, 'FlowNotFound', `There is no flow named "${name}".`);
    if (!source.document) return sendError(res, 422, 'InvalidFlowDocument', `Flow "${name}" is not a valid flow document; fix or replace it before copying it.`, source.problems);
    if (target === name) return sendError(res, 409, 'FlowExists', `The flow is already named "${name}".`);
    const document: FlowDocument = { ...source.document, name: target };
    const etag = await store.create(target, document);
    if (etag === undefined) return sendError(res, 409, 'FlowExists', `A flow named "${target}" already exists; choose another name or delete that flow first.`);
    if (removeSource) {
      await store.delete(name);
      // Event types bound to the old name keep reaching the flow under its new name.
      for (const route of await routing.list()) if (route.flow === name) await routing.put(route.eventType, target);
    }
    res.setHeader('etag', etag);
    res.status(removeSource ? 200 : 201).json({ name: target });
  };
  router.post('/:name/rename', (req, res) => copy(req, res, true));
  router.post('/:name/duplicate', (req, res) => copy(req, res, false));

  router.post('/:name/runs', async (req, res) => {
    const name = flowNameParam(req);
    const body = objectBody(req);
    const parameters = body.parameters ?? {};
    if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
      return sendError(res, 400, 'InvalidParameters', 'parameters must be a JSON object of parameter name to value, e.g. {"parameters": {"OrderId": 42}}.');
    }
    const outcome = await runner.run(name, parameters as Record<string, unknown>, { trigger: 'manual' });
    if (outcome.ok) return res.json(outcome.record);
    if (outcome.reason === 'FlowNotFound') return sendError(res, 404, 'FlowNotFound', outcome.message);
    if (outcome.reason === 'FlowHasProblems') return sendError(res, 422, 'FlowHasProblems', outcome.message, outcome.problems);
    return sendError(res, 503, outcome.reason, outcome.message);
  });

  return router;
}
