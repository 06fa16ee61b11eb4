/** `/api/constants`: list (secret values never included), set, delete. */
import { Router } from 'express';
import { apiRoute } from '../http/api-route.js';
import { HttpError, sendError } from '../http/http-error.js';
import { checkConstantName, SecretExposureError, type ConstantsStore } from '../workspace/constants-store.js';
import type { WorkspaceRefactor } from '../workspace/workspace-refactor.js';

const MOUNT = '/api/constants';

function checkedName(name: string): string {
  const problem = checkConstantName(name);
  if (problem) throw new HttpError(400, 'InvalidConstantName', problem);
  return name;
}

export function constantsRouter(constants: ConstantsStore, refactor: WorkspaceRefactor): Router {
  const router = Router();

  apiRoute(router, MOUNT, 'listConstants', (_input, res) => {
    res.json({ constants: constants.list() });
  });

  apiRoute(router, MOUNT, 'setConstant', async ({ params, body }, res) => {
    const name = checkedName(params.name);
    // A constant that is secret stays secret unless the request says otherwise, so an edit never exposes it.
    const secret = body.secret ?? constants.info(name)?.secret ?? false;
    try {
      res.json(await constants.set(name, body.value, secret));
    } catch (error) {
      if (error instanceof SecretExposureError) return sendError(res, 409, 'SecretWouldBeRevealed', error.message);
      throw error;
    }
  });

  apiRoute(router, MOUNT, 'deleteConstant', async ({ params }, res) => {
    const name = checkedName(params.name);
    if (!(await constants.delete(name))) return sendError(res, 404, 'ConstantNotFound', `There is no constant named "${name}".`);
    res.status(204).end();
  });

  apiRoute(router, MOUNT, 'renameConstant', async ({ params, body: { newName, dryRun } }, res) => {
    const name = checkedName(params.name);
    const outcome = await refactor.renameConstant(name, checkedName(newName), dryRun === true);
    if ('refused' in outcome) {
      if (outcome.refused === 'NotFound') return sendError(res, 404, 'ConstantNotFound', outcome.message);
      return sendError(res, 409, 'ConstantExists', outcome.message);
    }
    res.json(outcome);
  });

  return router;
}
