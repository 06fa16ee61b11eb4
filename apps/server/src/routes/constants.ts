/** `/api/constants`: list (secret values never included), set, delete. */
import { Router, type Request } from 'express';
import { HttpError, sendError } from '../http/http-error.js';
import { checkConstantName, type ConstantsStore } from '../workspace/constants-store.js';
import { objectBody } from './flows.js';

function constantNameParam(req: Request): string {
  const name = String(req.params.name);
  const problem = checkConstantName(name);
  if (problem) throw new HttpError(400, 'InvalidConstantName', problem);
  return name;
}

export function constantsRouter(constants: ConstantsStore): Router {
  const router = Router();

  router.get('/', (_req, res) => {
    res.json({ constants: constants.list() });
  });

  router.put('/:name', async (req, res) => {
    const name = constantNameParam(req);
    const body = objectBody(req);
    for (const key of Object.keys(body)) {
      if (key !== 'value' && key !== 'secret') return sendError(res, 400, 'InvalidBody', `Unknown field "${key.slice(0, 100)}"; send {"value": ..., "secret": true|false}.`);
    }
    if (!('value' in body)) return sendError(res, 400, 'InvalidBody', 'Send the constant as {"value": ..., "secret": true|false}.');
    if (body.secret !== undefined && typeof body.secret !== 'boolean') return sendError(res, 400, 'InvalidBody', '"secret" must be true or false.');
    // A constant that is secret stays secret unless the request says otherwise, so an edit never exposes it.
    const secret = body.secret ?? constants.info(name)?.secret ?? false;
    const info = await constants.set(name, body.value, secret);
    res.json(info);
  });

  router.delete('/:name', async (req, res) => {
    const name = constantNameParam(req);
    if (!(await constants.delete(name))) return sendError(res, 404, 'ConstantNotFound', `There is no constant named "${name}".`);
    res.status(204).end();
  });

  return router;
}
