/** `/api/references`, `/api/settings`, `/api/startup`: the workspace as a whole. */
import { Router } from 'express';
import type { SettingsStore } from '../config/settings-store.js';
import { InvalidSettingsError } from '../config/settings-store.js';
import { apiRoute } from '../http/api-route.js';
import { sendError } from '../http/http-error.js';
import type { StartupHealth } from '../startup-health.js';
import type { WorkspaceRefactor } from '../workspace/workspace-refactor.js';

/** What the workspace routes work with. */
export interface WorkspaceRouterOptions {
  refactor: WorkspaceRefactor;
  settings: SettingsStore;
  health: StartupHealth;
  readOnly: boolean;
}

export function workspaceRouter({ refactor, settings, health, readOnly }: WorkspaceRouterOptions): Router {
  const router = Router();

  apiRoute(router, '', 'listReferences', async ({ query: { kind, name } }, res) => {
    const index = await refactor.index();
    const references = index.references.filter((r) => (kind === undefined || r.targetKind === kind) && (name === undefined || r.target === name));
    res.json({ references, truncated: index.truncated });
  });

  apiRoute(router, '', 'renameReferences', async ({ body: { kind, from, to, dryRun } }, res) => {
    if (from === to) return sendError(res, 422, 'InvalidName', `The new name is the same as the old one ("${from}").`);
    if (kind === 'eventType' && /['"\\]/.test(to)) return sendError(res, 422, 'InvalidName', 'An event type name cannot hold quotes or backslashes here; rename such a type by hand.');
    if (kind === 'enumeration' && !/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(to)) {
      return sendError(res, 422, 'InvalidName', `"${to}" is not an enumeration name: use letters, digits and "_", dotted, e.g. shop.Size.`);
    }
    res.json(await refactor.renameNames({ kind, from, to }, dryRun === true));
  });

  apiRoute(router, '', 'getSettings', async (_input, res) => {
    res.json({ settings: await settings.read(), readOnly, restartRequired: await settings.pendingRestart() });
  });

  apiRoute(router, '', 'putSettings', async ({ body }, res) => {
    try {
      const saved = await settings.save(body);
      health.changed();
      res.json({ settings: saved.settings, readOnly, restartRequired: saved.restartRequired });
    } catch (error) {
      if (error instanceof InvalidSettingsError) return sendError(res, 422, 'InvalidSettings', `${error.message}. Nothing was saved.`);
      throw error;
    }
  });

  apiRoute(router, '', 'getStartup', async (_input, res) => {
    res.json(await health.status());
  });

  apiRoute(router, '', 'rerunStartup', async (_input, res) => {
    res.json(await health.rerun());
  });

  return router;
}
