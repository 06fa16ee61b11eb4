/**
 * Production mode: the workspace (flows and constants) is deployed with the app, as Mendix deploys
 * its model, so every instance runs the same files and none may change them. Running flows,
 * replaying events and reading stay allowed.
 */
import type { RequestHandler } from 'express';
import { sendError } from './http-error.js';

/** Requests (relative to `/api`) that would change workspace files. */
const WORKSPACE_CHANGES: Array<{ methods: readonly string[]; path: RegExp }> = [
  { methods: ['PUT', 'DELETE'], path: /^\/flows\/[^/]+\/?$/ },
  { methods: ['POST'], path: /^\/flows\/[^/]+\/(rename|duplicate)\/?$/ },
  { methods: ['PUT', 'DELETE'], path: /^\/constants\/[^/]+\/?$/ },
  { methods: ['POST'], path: /^\/constants\/[^/]+\/rename\/?$/ },
  { methods: ['POST'], path: /^\/references\/rename\/?$/ },
  { methods: ['PUT'], path: /^\/settings\/?$/ },
];

/** True for a request that would change workspace files (`path` relative to `/api`). */
export function changesWorkspace(method: string, path: string): boolean {
  return WORKSPACE_CHANGES.some((rule) => rule.methods.includes(method.toUpperCase()) && rule.path.test(path));
}

/** Answers 403 `ReadOnlyWorkspace` to workspace changes; mount on `/api` before the routers. */
export function readOnlyWorkspace(): RequestHandler {
  return (req, res, next) => {
    if (!changesWorkspace(req.method, req.path)) return next();
    sendError(
      res,
      403,
      'ReadOnlyWorkspace',
      'This server runs in production mode (FLOWBRIDGE_MODE=production): flows, constants and settings are deployed with the app and cannot be changed here. Change them in a development workspace and deploy it; override a constant with its FLOWBRIDGE_<MODULE>_<NAME> environment variable.',
    );
  };
}
