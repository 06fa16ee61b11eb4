/**
 * Every HTTP route the server answers, declared once: method, path, inputs and answers. The server
 * registers and validates routes from this table, `/api/openapi.json` is generated from it, and the
 * editor's client takes its types from it.
 */
import { z } from 'zod';
import { checkFlowName } from '@flowbridge/flow-model';
import {
  Breakpoints,
  ConstantInfo,
  DEBUG_COMMANDS,
  DebugArm,
  DebugSession,
  ErrorBody,
  FlowDocument,
  FlowSummary,
  INBOX_STATUSES,
  InboxEntry,
  InboxEvent,
  Problem,
  RUN_STATUSES,
  RunPage,
  RunRecord,
  ServerInfo,
} from './records.js';
import type { RouteSpec } from './route-spec.js';
import { workspaceRoutes } from './workspace-routes.js';
import { RenameResult } from './workspace-records.js';

export type { HttpMethod, ResponseSpec, RouteSpec } from './route-spec.js';

const ok = <S extends z.ZodType>(schema: S, description: string, headers?: Record<string, string>) => ({ description, schema, ...(headers ? { headers } : {}) });
const noContent = (description: string) => ({ description });
const error = (description: string) => ({ description, schema: ErrorBody });

/** A flow name in a path or body: flow-model's rule, with its message. */
export const FlowName = z.string().superRefine((value, ctx) => {
  const problem = checkFlowName(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const flowParams = z.object({ name: FlowName.describe('Flow name') });
const etag = { ETag: 'Version tag of the flow file; send it back as If-Match' };
const ifMatch = { 'If-Match': 'The ETag read with the flow; the server refuses (412) when the flow changed since' };
const limitParam = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a whole number from 1 to 500.' })
    .int({ error: 'must be a whole number from 1 to 500.' })
    .min(1, { error: 'must be a whole number from 1 to 500.' })
    .max(500, { error: 'must be a whole number from 1 to 500.' })
    .default(fallback);

/** The route table, keyed by operation id. */
export const routes = {
  healthz: {
    method: 'get',
    path: '/healthz',
    summary: 'Process up (answered for any Host and without a token)',
    secured: false,
    responses: { 200: ok(z.object({ status: z.literal('ok') }), 'Up') },
  },
  readyz: {
    method: 'get',
    path: '/readyz',
    summary: 'Storage answers and after-startup flows are done',
    secured: false,
    responses: {
      200: ok(z.object({ status: z.string(), checks: z.record(z.string(), z.string()) }), 'Ready'),
      503: ok(z.object({ status: z.string(), checks: z.record(z.string(), z.string()) }), 'Not ready, with the reasons'),
    },
  },
  metrics: {
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics',
    responses: { 200: { description: 'Prometheus text format', contentType: 'text/plain', schema: z.string() } },
  },
  health: { method: 'get', path: '/api/health', summary: 'Process up (same as /healthz)', responses: { 200: ok(z.object({ status: z.literal('ok') }), 'Up') } },
  openapi: { method: 'get', path: '/api/openapi.json', summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1 document', schema: z.record(z.string(), z.unknown()) } } },
  info: {
    method: 'get',
    path: '/api/info',
    summary: 'How this server runs: mode, readOnly (flows and constants cannot be changed), version, storage (embedded SQLite or shared PostgreSQL)',
    responses: { 200: ok(ServerInfo, 'Server info') },
  },
  listFlows: { method: 'get', path: '/api/flows', summary: 'List flows', responses: { 200: ok(z.object({ flows: z.array(FlowSummary) }), 'Flows by name') } },
  getFlow: {
    method: 'get',
    path: '/api/flows/:name',
    summary: 'Read a flow with its problems',
    params: flowParams,
    errorCodes: { params: 'InvalidFlowName' },
    responses: {
      200: ok(z.object({ document: FlowDocument.nullable(), problems: z.array(Problem) }), 'The flow (document is the raw JSON, or null, when the file is not a flow)', etag),
      404: error('FlowNotFound'),
    },
  },
  saveFlow: {
    method: 'put',
    path: '/api/flows/:name',
    summary: 'Save a flow (problems are allowed; send If-Match to refuse overwriting a newer version)',
    params: flowParams,
    errorCodes: { params: 'InvalidFlowName' },
    headers: ifMatch,
    body: FlowDocument,
    validateBody: false,
    responses: {
      200: ok(z.object({ name: z.string(), problems: z.array(Problem) }), 'Saved', etag),
      412: error('PreconditionFailed: the flow changed since it was read; nothing was written'),
      422: error('InvalidFlowDocument: the body is not a flow; details lists the problems'),
    },
  },
  deleteFlow: {
    method: 'delete',
    path: '/api/flows/:name',
    summary: 'Delete a flow; refused (409 FlowInUse, details lists the references) while it is referenced, unless force=true',
    params: flowParams,
    query: z.object({ force: z.enum(['true', 'false'], { error: 'must be true or false.' }).optional().describe('Delete even when referenced; the references become problems') }),
    errorCodes: { params: 'InvalidFlowName', query: 'InvalidQuery' },
    headers: ifMatch,
    responses: { 204: noContent('Deleted'), 404: error('FlowNotFound'), 409: error('FlowInUse: details lists the references'), 412: error('PreconditionFailed: stale If-Match') },
  },
  renameFlow: {
    method: 'post',
    path: '/api/flows/:name/rename',
    summary: 'Rename a flow and every reference to it (Call Flow, callback fields, after-startup settings; all files written or none); event types bound to it follow. dryRun previews',
    params: flowParams,
    body: z.strictObject({ newName: FlowName, dryRun: z.boolean({ error: 'must be true or false.' }).optional() }),
    errorCodes: { params: 'InvalidFlowName', body: 'InvalidFlowName' },
    responses: { 200: ok(RenameResult, 'Renamed (or, with dryRun, what would change)', etag), 404: error('FlowNotFound'), 409: error('FlowExists'), 422: error('InvalidFlowDocument') },
  },
  duplicateFlow: {
    method: 'post',
    path: '/api/flows/:name/duplicate',
    summary: 'Copy a flow under a new name',
    params: flowParams,
    body: z.strictObject({ newName: FlowName }),
    errorCodes: { params: 'InvalidFlowName', body: 'InvalidFlowName' },
    responses: { 201: ok(z.object({ name: z.string() }), 'Copied', etag), 404: error('FlowNotFound'), 409: error('FlowExists'), 422: error('InvalidFlowDocument') },
  },
  runFlow: {
    method: 'post',
    path: '/api/flows/:name/runs',
    summary: 'Run a flow and wait for its result',
    params: flowParams,
    body: z.object({ parameters: z.record(z.string(), z.unknown(), { error: 'must be a JSON object of parameter name to value, e.g. {"parameters": {"OrderId": 42}}.' }).default({}).describe('Parameter name → value, e.g. {"OrderId": 42}') }).default({ parameters: {} }),
    errorCodes: { params: 'InvalidFlowName', body: 'InvalidParameters' },
    responses: { 200: ok(RunRecord, 'The finished run'), 404: error('FlowNotFound'), 422: error('FlowHasProblems: details lists them'), 503: error('ShuttingDown or busy') },
  },
  listRuns: {
    method: 'get',
    path: '/api/runs',
    summary: 'Run history, newest first and paged',
    query: z.object({
      flow: FlowName.optional().describe('Only runs of this flow'),
      status: z.enum(RUN_STATUSES, { error: `must be one of ${RUN_STATUSES.join(', ')}.` }).optional().describe('Only runs in this status'),
      limit: limitParam(50).describe('Page size'),
      before: z.string().min(1, { error: 'must be the "next" value of a previous page.' }).max(100, { error: 'must be the "next" value of a previous page.' }).optional().describe('The next value of the previous page'),
    }),
    errorCodes: { query: 'InvalidQuery' },
    responses: { 200: ok(RunPage, 'A page of runs'), 400: error('InvalidQuery, or InvalidCursor when before names no run') },
  },
  getRun: {
    method: 'get',
    path: '/api/runs/:id',
    summary: 'One run with its log and trace',
    description: 'The id may be shortened to its first 8 or more characters, as the editor shows it.',
    params: z.object({ id: z.string().describe('Run id, or its first 8+ characters') }),
    responses: { 200: ok(RunRecord, 'The run'), 404: error('RunNotFound'), 409: error('AmbiguousRunId: several runs start with the short id; details lists them') },
  },
  evaluateExpression: {
    method: 'post',
    path: '/api/expressions/evaluate',
    summary: 'Evaluate a JSONata expression (or a {{ }} template) against sample variables, under the run limits',
    description:
      'Runs in the run worker pool with the same time and size limits as a flow run; secret values in the answer are masked. Used by the editor to preview an expression as it is typed.',
    body: z.strictObject({
      expression: z.string({ error: 'must be the expression text.' }).max(10_000, { error: 'must be at most 10,000 characters.' }),
      variables: z
        .record(z.string().regex(/^[A-Za-z_]\w{0,99}$/, { error: 'must be variable names (letters, digits, _), e.g. {"Order": {...}}.' }), z.unknown())
        .refine((v) => Object.keys(v).length <= 200, { error: 'must hold at most 200 variables.' })
        .default({})
        .describe('Variable name → value, e.g. {"Order": {"total": 120}}'),
      template: z.boolean({ error: 'must be true or false.' }).optional().describe('True for literal text with {{ }} placeholders'),
      flow: FlowName.optional().describe('Evaluate under this flow\'s limits'),
    }),
    errorCodes: { body: 'InvalidExpressionRequest' },
    responses: {
      200: ok(
        z.union([
          z.object({ ok: z.literal(true), value: z.unknown(), durationMs: z.number(), truncated: z.boolean().optional() }),
          z.object({ ok: z.literal(false), error: z.object({ kind: z.string(), message: z.string() }), durationMs: z.number() }),
        ]),
        'The value, or why the expression failed (syntax, unknown variable, a limit)',
      ),
      503: error('Overloaded or shutting down'),
    },
  },
  listConstants: {
    method: 'get',
    path: '/api/constants',
    summary: 'List constants (secret values are never returned)',
    responses: { 200: ok(z.object({ constants: z.array(ConstantInfo) }), 'Constants') },
  },
  setConstant: {
    method: 'put',
    path: '/api/constants/:name',
    summary: 'Set a constant (secret values go to secrets.json; a secret stays secret unless "secret": false is sent)',
    params: z.object({ name: z.string().max(200).describe('Constant name, Module.Name') }),
    errorCodes: { params: 'InvalidConstantName' },
    body: z.strictObject({ value: z.unknown(), secret: z.boolean({ error: 'must be true or false.' }).optional() }).refine((b) => 'value' in b, {
      message: 'Send the constant as {"value": ..., "secret": true|false}.',
    }),
    responses: { 200: ok(ConstantInfo, 'The constant') },
  },
  deleteConstant: {
    method: 'delete',
    path: '/api/constants/:name',
    summary: 'Remove a constant',
    params: z.object({ name: z.string().max(200).describe('Constant name, Module.Name') }),
    errorCodes: { params: 'InvalidConstantName' },
    responses: { 204: noContent('Removed'), 404: error('ConstantNotFound') },
  },
  listInbox: {
    method: 'get',
    path: '/api/inbox',
    summary: 'Received events, newest first',
    query: z.object({
      status: z.enum(INBOX_STATUSES, { error: `must be one of ${INBOX_STATUSES.join(', ')}.` }).optional().describe('Only events in this status'),
      detailType: z.string().min(1, { error: 'must name an event type (detail-type).' }).max(256, { error: 'must be at most 256 characters.' }).optional().describe('Only events of this detail-type'),
      limit: limitParam(100).describe('At most this many'),
    }),
    errorCodes: { query: 'InvalidQuery' },
    responses: { 200: ok(z.object({ events: z.array(InboxEvent) }), 'Events') },
  },
  replayInbox: {
    method: 'post',
    path: '/api/inbox/replay',
    summary: 'Queue unrouted, done or dead events for dispatch again',
    body: z.object({
      ids: z
        .array(z.string().min(1).max(256), { error: 'must be a list of event ids, e.g. {"ids": ["<event id>"]}.' })
        .min(1, { error: 'must hold at least one event id.' })
        .max(500, { error: 'must hold at most 500 event ids; replay in batches.' }),
    }),
    responses: {
      200: ok(z.object({ replayed: z.array(z.string()), skipped: z.array(z.object({ id: z.string(), reason: z.string() })) }), 'What was queued, and why the rest was not'),
    },
  },
  getInboxEvent: {
    method: 'get',
    path: '/api/inbox/:id',
    summary: 'One event with its envelope',
    params: z.object({ id: z.string().describe('Event id') }),
    responses: { 200: ok(InboxEntry, 'The event'), 404: error('EventNotFound') },
  },
  parkInboxEvent: {
    method: 'post',
    path: '/api/inbox/:id/park',
    summary: 'Park a waiting event (it is not dispatched until replayed)',
    params: z.object({ id: z.string().describe('Event id') }),
    responses: { 200: ok(InboxEvent, 'The parked event'), 404: error('EventNotFound'), 409: error('NotParkable: only pending or unrouted events can be parked') },
  },
  deleteInboxEvent: {
    method: 'delete',
    path: '/api/inbox/:id',
    summary: 'Delete one event from the inbox',
    params: z.object({ id: z.string().describe('Event id') }),
    responses: { 204: { description: 'Deleted' }, 404: error('EventNotFound'), 409: error('EventRunning: a callback is running for this event') },
  },
  listDebugSessions: {
    method: 'get',
    path: '/api/debug/sessions',
    summary: 'Runs under the debugger (running, paused, and the last finished ones)',
    responses: { 200: ok(z.object({ sessions: z.array(DebugSession) }), 'Debug sessions, newest first'), 403: error('DebuggerOff: production mode or settings.json debugger.enabled is false') },
  },
  startDebugSession: {
    method: 'post',
    path: '/api/debug/sessions',
    summary: 'Run a flow under the debugger with breakpoints (answers at once; pauses arrive as debug.session live events)',
    body: z.strictObject({
      flow: FlowName,
      parameters: z.record(z.string(), z.unknown(), { error: 'must be a JSON object of parameter name to value.' }).default({}),
      breakpoints: Breakpoints.default([]),
    }),
    errorCodes: { body: 'InvalidDebugRequest' },
    responses: {
      201: ok(DebugSession, 'The session, starting'),
      403: error('DebuggerOff'),
      404: error('FlowNotFound'),
      422: error('FlowHasProblems, or InvalidBreakpoint: a condition is not an expression'),
      429: error('TooManyDebugSessions: settings.json debugger.maxSessions are running'),
    },
  },
  getDebugSession: {
    method: 'get',
    path: '/api/debug/sessions/:id',
    summary: 'One debug session, with the paused location and variables',
    params: z.object({ id: z.string().max(100).describe('Session id') }),
    responses: { 200: ok(DebugSession, 'The session'), 403: error('DebuggerOff'), 404: error('DebugSessionNotFound') },
  },
  commandDebugSession: {
    method: 'post',
    path: '/api/debug/sessions/:id/commands',
    summary: 'Continue, step over, step into (a Call Flow), step out or stop a paused run (stop also ends a running one)',
    params: z.object({ id: z.string().max(100).describe('Session id') }),
    body: z.strictObject({ command: z.enum(DEBUG_COMMANDS, { error: `must be one of ${DEBUG_COMMANDS.join(', ')}.` }) }),
    errorCodes: { body: 'InvalidDebugCommand' },
    responses: { 200: ok(DebugSession, 'The session after the command'), 403: error('DebuggerOff'), 404: error('DebugSessionNotFound'), 409: error('NotPaused, or SessionEnded') },
  },
  setDebugBreakpoints: {
    method: 'put',
    path: '/api/debug/sessions/:id/breakpoints',
    summary: 'Replace the breakpoints of a running debug session (they apply from the next node on)',
    params: z.object({ id: z.string().max(100).describe('Session id') }),
    body: z.strictObject({ breakpoints: Breakpoints }),
    errorCodes: { body: 'InvalidBreakpoint' },
    responses: { 200: ok(DebugSession, 'The session'), 403: error('DebuggerOff'), 404: error('DebugSessionNotFound'), 409: error('SessionEnded'), 422: error('InvalidBreakpoint') },
  },
  listDebugArms: {
    method: 'get',
    path: '/api/debug/arms',
    summary: 'Flows armed so their next event-triggered callback runs under the debugger',
    responses: { 200: ok(z.object({ arms: z.array(DebugArm) }), 'Armed flows'), 403: error('DebuggerOff') },
  },
  armDebug: {
    method: 'put',
    path: '/api/debug/arms/:name',
    summary: 'Arm a flow: its next event-triggered callback runs under the debugger (one arm per flow; replaces an earlier one; expires)',
    params: flowParams,
    body: z.strictObject({
      breakpoints: Breakpoints.default([]),
      expiresInSeconds: z.number({ error: 'must be a whole number of seconds from 10 to 86400.' }).int({ error: 'must be a whole number of seconds from 10 to 86400.' }).min(10, { error: 'must be a whole number of seconds from 10 to 86400.' }).max(86_400, { error: 'must be a whole number of seconds from 10 to 86400.' }).optional().describe('Default: settings.json debugger.armSeconds'),
    }),
    errorCodes: { params: 'InvalidFlowName', body: 'InvalidDebugRequest' },
    responses: { 200: ok(DebugArm, 'The arm'), 403: error('DebuggerOff'), 404: error('FlowNotFound'), 422: error('InvalidBreakpoint') },
  },
  disarmDebug: {
    method: 'delete',
    path: '/api/debug/arms/:name',
    summary: 'Disarm a flow',
    params: flowParams,
    errorCodes: { params: 'InvalidFlowName' },
    responses: { 204: noContent('Disarmed'), 403: error('DebuggerOff'), 404: error('NotArmed') },
  },
  stream: {
    method: 'get',
    path: '/api/stream',
    summary: 'Server-sent events: run.started, run.step, run.log, run.finished, inbox.changed, debug.session, debug.arms',
    description: 'EventSource cannot send headers: with an admin token, pass it as ?access_token=.',
    responses: { 200: { description: 'An event stream', contentType: 'text/event-stream', schema: z.string() } },
  },
  guideIndex: {
    method: 'get',
    path: '/guide',
    summary: 'The user guide (docs/README.md as HTML); the editor links to it',
    secured: false,
    tags: ['guide'],
    responses: { 200: { description: 'HTML page', contentType: 'text/html', schema: z.string() } },
  },
  guidePage: {
    method: 'get',
    path: '/guide/:name',
    summary: 'One page of the user guide (docs/<name>.md as HTML)',
    secured: false,
    tags: ['guide'],
    params: z.object({ name: z.string().describe('Page file name, e.g. editor.md') }),
    responses: { 200: { description: 'HTML page', contentType: 'text/html', schema: z.string() }, 404: { description: 'No such page' } },
  },
  guideImage: {
    method: 'get',
    path: '/guide/images/:name',
    summary: 'An image of the user guide',
    secured: false,
    tags: ['guide'],
    params: z.object({ name: z.string().describe('Image file name, e.g. editor-welcome.png') }),
    responses: { 200: { description: 'The image', contentType: 'image/png', schema: z.string() }, 404: { description: 'No such image' } },
  },
  ...workspaceRoutes,
} as const satisfies Record<string, RouteSpec>;

export type RouteTable = typeof routes;
export type RouteId = keyof RouteTable;

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;
/** What a route's handler receives after validation. */
export type RouteParams<Id extends RouteId> = RouteTable[Id] extends { params: infer P } ? Infer<P> : Record<string, never>;
export type RouteQuery<Id extends RouteId> = RouteTable[Id] extends { query: infer Q } ? Infer<Q> : Record<string, never>;
export type RouteBody<Id extends RouteId> = RouteTable[Id] extends { body: infer B } ? Infer<B> : undefined;
/** What the client sends as the body (before defaults are applied). */
export type RequestBodyOf<Id extends RouteId> = RouteTable[Id] extends { body: infer B } ? (B extends z.ZodType ? z.input<B> : never) : never;
/** The JSON of the route's answer with `status`. */
export type ResponseOf<Id extends RouteId, Status extends number = 200> = RouteTable[Id]['responses'] extends Record<Status, { schema: infer S }> ? Infer<S> : undefined;
