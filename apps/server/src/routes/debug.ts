/** `/api/debug`: debug runs (start, inspect, step, breakpoints) and armed flows. Off in production mode. */
import { Router } from 'express';
import type { DebugSessions } from '../debug/debug-sessions.js';
import { DebugRefusal } from '../debug/debug-sessions.js';
import type { FlowCatalog } from '../flows/flow-catalog.js';
import { apiRoute } from '../http/api-route.js';
import { sendError } from '../http/http-error.js';

const MOUNT = '/api/debug';

export interface DebugRouterOptions {
  sessions: DebugSessions;
  catalog: FlowCatalog;
  /** Why the debugger is off (production mode, or settings), or undefined when it is on. */
  off?: string;
}

export function debugRouter({ sessions, catalog, off }: DebugRouterOptions): Router {
  const router = Router();
  if (off !== undefined) {
    router.use((_req, res) => sendError(res, 403, 'DebuggerOff', off));
    return router;
  }

  /** Answers a refusal of the sessions as its HTTP error; rethrows anything else. */
  const refused = (error: unknown, res: Parameters<typeof sendError>[0]): void => {
    if (!(error instanceof DebugRefusal)) throw error;
    sendError(res, error.status, error.code, error.message);
  };

  /** 404 or 422 when `flow` cannot run; undefined when it can. */
  const cannotRun = async (flow: string): Promise<{ status: number; code: string; message: string; details?: unknown } | undefined> => {
    const compiled = (await catalog.snapshot()).compile(flow);
    if (!compiled) return { status: 404, code: 'FlowNotFound', message: `There is no flow named "${flow}".` };
    if (!compiled.ok) return { status: 422, code: 'FlowHasProblems', message: `Flow "${flow}" has problems and cannot run; fix them in the editor first.`, details: compiled.problems };
    return undefined;
  };

  apiRoute(router, MOUNT, 'listDebugSessions', (_input, res) => {
    res.json({ sessions: sessions.list() });
  });

  apiRoute(router, MOUNT, 'startDebugSession', async ({ body: { flow, parameters, breakpoints } }, res) => {
    const problem = await cannotRun(flow);
    if (problem) return sendError(res, problem.status, problem.code, problem.message, problem.details);
    try {
      res.status(201).json(sessions.start(flow, parameters, breakpoints));
    } catch (error) {
      refused(error, res);
    }
  });

  apiRoute(router, MOUNT, 'getDebugSession', ({ params: { id } }, res) => {
    const session = sessions.get(id);
    if (!session) return sendError(res, 404, 'DebugSessionNotFound', `There is no debug session "${id}"; it may have ended long ago.`);
    res.json(session);
  });

  apiRoute(router, MOUNT, 'commandDebugSession', ({ params: { id }, body: { command } }, res) => {
    try {
      res.json(sessions.command(id, command));
    } catch (error) {
      refused(error, res);
    }
  });

  apiRoute(router, MOUNT, 'setDebugBreakpoints', ({ params: { id }, body: { breakpoints } }, res) => {
    try {
      res.json(sessions.setBreakpoints(id, breakpoints));
    } catch (error) {
      refused(error, res);
    }
  });

  apiRoute(router, MOUNT, 'listDebugArms', (_input, res) => {
    res.json({ arms: sessions.listArms() });
  });

  apiRoute(router, MOUNT, 'armDebug', async ({ params: { name }, body: { breakpoints, expiresInSeconds } }, res) => {
    if (!(await catalog.snapshot()).get(name)) return sendError(res, 404, 'FlowNotFound', `There is no flow named "${name}".`);
    try {
      res.json(sessions.arm(name, breakpoints, expiresInSeconds));
    } catch (error) {
      refused(error, res);
    }
  });

  apiRoute(router, MOUNT, 'disarmDebug', ({ params: { name } }, res) => {
    if (!sessions.disarm(name)) return sendError(res, 404, 'NotArmed', `Flow "${name}" is not armed.`);
    res.status(204).end();
  });

  return router;
}
