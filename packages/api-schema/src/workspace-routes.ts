/** Routes of the workspace as a whole: the reference index, renames of non-flow names, settings and start-up health. */
import { z } from 'zod';
import type { RouteSpec } from './route-spec.js';
import { ErrorBody } from './records.js';
import { Reference, REFERENCE_TARGET_KINDS, RenameResult, SettingsAnswer, StartupReport, StartupStatus } from './workspace-records.js';

const error = (description: string) => ({ description, schema: ErrorBody });
const name = z.string().min(1).max(256);

/** Route table entries for the workspace API (merged into `routes`). */
export const workspaceRoutes = {
  listReferences: {
    method: 'get',
    path: '/api/references',
    summary: 'The reference index: every place a flow, constant, enumeration, event type or flow parameter is named',
    query: z.object({
      kind: z.enum(REFERENCE_TARGET_KINDS, { error: `must be one of ${REFERENCE_TARGET_KINDS.join(', ')}.` }).optional().describe('Only references to this kind of target'),
      name: name.optional().describe('Only references to this name (with kind)'),
    }),
    errorCodes: { query: 'InvalidQuery' },
    responses: { 200: { description: 'References, in file then node order', schema: z.object({ references: z.array(Reference), truncated: z.boolean() }) } },
  },
  renameReferences: {
    method: 'post',
    path: '/api/references/rename',
    summary: 'Rename an enumeration or event type in every flow that names it (all files written or none); dryRun previews',
    body: z.strictObject({
      kind: z.enum(['enumeration', 'eventType'], { error: 'must be enumeration or eventType (rename flows and constants through their own routes).' }),
      from: name,
      to: name,
      dryRun: z.boolean().optional(),
    }),
    responses: { 200: { description: 'What changed, or would', schema: RenameResult }, 422: error('InvalidName') },
  },
  renameConstant: {
    method: 'post',
    path: '/api/constants/:name/rename',
    summary: 'Rename a constant and every reference to it (flows, settings; all files written or none); dryRun previews',
    params: z.object({ name: z.string().max(200).describe('Constant name, Module.Name') }),
    body: z.strictObject({ newName: z.string().max(200), dryRun: z.boolean().optional() }),
    errorCodes: { params: 'InvalidConstantName' },
    responses: { 200: { description: 'What changed, or would', schema: RenameResult }, 400: error('InvalidConstantName'), 404: error('ConstantNotFound'), 409: error('ConstantExists') },
  },
  getSettings: {
    method: 'get',
    path: '/api/settings',
    summary: 'The workspace settings (settings.json with defaults filled in)',
    responses: { 200: { description: 'Settings', schema: SettingsAnswer } },
  },
  putSettings: {
    method: 'put',
    path: '/api/settings',
    summary: 'Replace settings.json (validated; written atomically, stable key order); 403 in production mode',
    body: z.record(z.string(), z.unknown(), { error: 'must be a JSON object of settings sections.' }),
    validateBody: true,
    responses: { 200: { description: 'Saved', schema: SettingsAnswer }, 403: error('ReadOnlyWorkspace'), 422: error('InvalidSettings: names the field') },
  },
  getStartup: {
    method: 'get',
    path: '/api/startup',
    summary: 'Start-up health: after-startup flows and flow files that failed to load, with what, why and what to do',
    responses: { 200: { description: 'Start-up health', schema: StartupStatus } },
  },
  rerunStartup: {
    method: 'post',
    path: '/api/startup/rerun',
    summary: 'Run the after-startup flows now (readiness follows the result)',
    responses: { 200: { description: 'The new report', schema: StartupReport } },
  },
} as const satisfies Record<string, RouteSpec>;
