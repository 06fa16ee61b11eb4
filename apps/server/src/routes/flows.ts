/** `/api/flows`: list, read, save (validated), delete, run. */
import { Router, type Request, type Response } from 'express';
import { checkFlowName, parseDocument, validate } from '@flowbridge/flow-model';
import { compile, run, type Engine } from '@flowbridge/runtime';
import type { FlowStore } from '../workspace/flow-store.js';
import { sendError } from '../http-error.js';
import type { RunHistory } from '../run-history.js';

export function flowsRouter(store: FlowStore, engine: Engine, runs: RunHistory): Router {
  const router = Router();

  const nameOf = (req: Request, res: Response): string | undefined => {
    const name = String(req.params.name);
    const problem = checkFlowName(name);
    if (problem) {
      sendError(res, 400, 'InvalidFlowName', problem);
      return undefined;
    }
    return name;
  };

  router.get('/', async (_req, res) => {
    res.json({ flows: await store.list() });
  });

  router.get('/:name', async (req, res) => {
    const name = nameOf(req, res);
    if (!name) return;
    const document = await store.read(name);
    if (document === undefined) return sendError(res, 404, 'FlowNotFound', `There is no flow named "${name}".`);
    res.json({ document, problems: validate(document, engine.catalogue) });
  });

  router.put('/:name', async (req, res) => {
    const name = nameOf(req, res);
    if (!name) return;
    const parsed = parseDocument(req.body);
    if (!parsed.ok) return sendError(res, 422, 'InvalidFlowDocument', 'The body is not a flow document; see details.', parsed.problems);
    if (parsed.document.name !== name) {
      return sendError(res, 422, 'InvalidFlowDocument', `The document's name "${parsed.document.name}" differs from the name in the URL "${name}".`);
    }
    await store.write(name, parsed.document);
    res.json({ name, problems: validate(parsed.document, engine.catalogue) });
  });

  router.delete('/:name', async (req, res) => {
    const name = nameOf(req, res);
    if (!name) return;
    if (!(await store.delete(name))) return sendError(res, 404, 'FlowNotFound', `There is no flow named "${name}".`);
    res.status(204).end();
  });

  router.post('/:name/runs', async (req, res) => {
    const name = nameOf(req, res);
    if (!name) return;
    const document = await store.read(name);
    if (document === undefined) return sendError(res, 404, 'FlowNotFound', `There is no flow named "${name}".`);
    const compiled = compile(document, engine);
    if (!compiled.ok) {
      return sendError(res, 422, 'FlowHasProblems', `Flow "${name}" has problems and cannot run; fix them first.`, compiled.problems);
    }
    const body: unknown = req.body ?? {};
    const parameters = typeof body === 'object' && body !== null && 'parameters' in body ? (body as { parameters: unknown }).parameters : {};
    if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
      return sendError(res, 400, 'InvalidParameters', 'parameters must be a JSON object of parameter name to value.');
    }
    const record = runs.start(name);
    const result = await run(compiled.flow, parameters as Record<string, unknown>);
    res.json(runs.finish(record, result));
  });

  return router;
}
