/** The Express application: API routes, the editor build, and JSON errors for everything else. */
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Engine } from '@flowbridge/runtime';
import { sendError } from './http-error.js';
import { flowsRouter } from './routes/flows.js';
import { RunHistory } from './run-history.js';
import { FlowStore, InvalidFlowNameError } from './workspace/flow-store.js';

export interface AppOptions {
  workspaceDir: string;
  engine: Engine;
  /** Folder of the built editor; defaults to the `@flowbridge/editor` package's `dist`. */
  editorDir?: string;
}

/** Where the built editor lives, if it has been built. */
export function defaultEditorDir(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const dir = join(dirname(require.resolve('@flowbridge/editor/package.json')), 'dist');
    return existsSync(join(dir, 'index.html')) ? dir : undefined;
  } catch {
    return undefined;
  }
}

export function createApp(options: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  const store = new FlowStore(options.workspaceDir);
  const runs = new RunHistory();

  app.use('/api', express.json({ limit: '5mb' }));
  app.get('/api/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use('/api/flows', flowsRouter(store, options.engine, runs));
  app.get('/api/runs/:id', (req, res) => {
    const record = runs.get(String(req.params.id));
    if (!record) return sendError(res, 404, 'RunNotFound', `There is no run with id "${req.params.id}".`);
    res.json(record);
  });
  app.use('/api', (_req, res) => sendError(res, 404, 'NotFound', 'No such API route.'));

  const editorDir = options.editorDir ?? defaultEditorDir();
  if (editorDir) {
    app.use(express.static(editorDir, { index: 'index.html' }));
    // The editor routes on the client; every other GET gets its page.
    app.get('/{*splat}', (_req, res) => res.sendFile(join(editorDir, 'index.html')));
  }

  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const e = error as { type?: string; status?: number; message?: string };
    if (error instanceof InvalidFlowNameError) return sendError(res, 400, 'InvalidFlowName', error.message);
    if (e.type === 'entity.parse.failed') return sendError(res, 400, 'InvalidJson', `The request body is not valid JSON: ${e.message}`);
    if (e.type === 'entity.too.large') return sendError(res, 413, 'PayloadTooLarge', 'The request body is too large.');
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) return sendError(res, e.status, 'BadRequest', e.message ?? 'Bad request.');
    console.error(error);
    sendError(res, 500, 'InternalError', 'The server failed to handle the request; see its log.');
  });
  return app;
}
