/** The OpenAPI 3 description of the admin API (served at `GET /api/openapi.json`). */

type Schema = Record<string, unknown>;
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema, description: string) => ({ description, content: { 'application/json': { schema } } });
const error = (description: string) => json(ref('Error'), description);
const body = (schema: Schema) => ({ required: true, content: { 'application/json': { schema } } });
const pathParam = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string', maxLength: 100 } });
const query = (name: string, schema: Schema, description: string) => ({ name, in: 'query', required: false, description, schema });
const common = { '400': error('Bad input'), '401': error('Admin token missing or wrong'), '415': error('Not application/json'), '421': error('Host name not allowed') };
const etagHeader = { ETag: { description: 'Version tag of the flow file; send it back as If-Match', schema: { type: 'string' } } };

/** Builds the document; `version` is the server's package version. */
export function openApiDocument(version: string): Schema {
  return {
    openapi: '3.0.3',
    info: {
      title: 'Flowbridge admin API',
      version,
      description:
        'Flows, runs, constants, the event inbox and live updates. On a non-loopback bind every /api request needs "Authorization: Bearer <FLOWBRIDGE_ADMIN_TOKEN>". ' +
        'State-changing requests must be application/json. Errors are {error, message, details?}.',
    },
    components: {
      securitySchemes: { adminToken: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: { type: 'object', required: ['error', 'message'], properties: { error: { type: 'string' }, message: { type: 'string' }, details: {} } },
        Problem: {
          type: 'object',
          required: ['severity', 'code', 'message'],
          properties: { severity: { enum: ['error', 'warning'] }, code: { type: 'string' }, message: { type: 'string' }, nodeId: { type: 'string' }, edgeId: { type: 'string' }, field: { type: 'string' } },
        },
        FlowDocument: { type: 'object', description: 'A flow document; see @flowbridge/flow-model/flow.schema.json', required: ['formatVersion', 'name', 'nodes', 'edges'] },
        FlowSummary: {
          type: 'object',
          required: ['name', 'parameters', 'problemCount'],
          properties: {
            name: { type: 'string' },
            description: { type: 'string' },
            parameters: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, type: { type: 'string' } } } },
            returnType: { type: 'string' },
            problemCount: { type: 'integer' },
          },
        },
        RunSummary: {
          type: 'object',
          required: ['id', 'flow', 'status', 'trigger', 'startedAt'],
          properties: {
            id: { type: 'string' },
            flow: { type: 'string' },
            status: { enum: ['running', 'succeeded', 'failed'] },
            trigger: { enum: ['manual', 'event', 'startup'] },
            startedAt: { type: 'string', format: 'date-time' },
            endedAt: { type: 'string', format: 'date-time' },
            durationMs: { type: 'number' },
            eventId: { type: 'string' },
            error: { type: 'object', properties: { kind: { type: 'string' }, message: { type: 'string' }, activity: { type: 'string' } } },
          },
        },
        RunRecord: {
          allOf: [
            ref('RunSummary'),
            {
              type: 'object',
              required: ['logs', 'trace'],
              properties: {
                result: {},
                parameters: { type: 'object', description: 'The parameters the run was given (secrets masked)' },
                logs: { type: 'array', items: { type: 'object', properties: { time: { type: 'string' }, level: { type: 'string' }, nodeId: { type: 'string' }, message: { type: 'string' } } } },
                trace: { type: 'array', items: { type: 'object', properties: { nodeId: { type: 'string' }, kind: { type: 'string' }, port: { type: 'string' }, durationMs: { type: 'number' }, output: {}, error: {} } } },
              },
            },
          ],
        },
        Constant: {
          type: 'object',
          required: ['name', 'secret', 'set', 'source'],
          properties: {
            name: { type: 'string', example: 'EventBridge.Region' },
            secret: { type: 'boolean' },
            set: { type: 'boolean' },
            value: { description: 'Only for non-secret constants' },
            source: { enum: ['constants.json', 'secrets.json', 'env'] },
            envVar: { type: 'string', example: 'FLOWBRIDGE_EVENTBRIDGE_REGION' },
            type: { type: 'string' },
            description: { type: 'string' },
          },
        },
        InboxEvent: {
          type: 'object',
          required: ['id', 'detailType', 'source', 'status', 'receivedAt', 'attempts'],
          properties: {
            id: { type: 'string' },
            detailType: { type: 'string' },
            source: { type: 'string' },
            status: { enum: ['pending', 'routed', 'unrouted', 'done', 'dead'] },
            receivedAt: { type: 'string', format: 'date-time' },
            updatedAt: { type: 'string', format: 'date-time' },
            attempts: { type: 'integer' },
            flow: { type: 'string' },
            runId: { type: 'string' },
            error: { type: 'string' },
          },
        },
      },
    },
    security: [{ adminToken: [] }],
    paths: {
      '/api/flows': { get: { summary: 'List flows', responses: { '200': json({ type: 'object', properties: { flows: { type: 'array', items: ref('FlowSummary') } } }, 'Flows by name'), ...common } } },
      '/api/flows/{name}': {
        parameters: [pathParam('name', 'Flow name')],
        get: {
          summary: 'Read a flow with its problems',
          responses: { '200': { ...json({ type: 'object', properties: { document: ref('FlowDocument'), problems: { type: 'array', items: ref('Problem') } } }, 'The flow'), headers: etagHeader }, '404': error('No such flow'), ...common },
        },
        put: {
          summary: 'Save a flow (problems are allowed; send If-Match to refuse overwriting a newer version)',
          parameters: [{ name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } }],
          requestBody: body(ref('FlowDocument')),
          responses: {
            '200': { ...json({ type: 'object', properties: { name: { type: 'string' }, problems: { type: 'array', items: ref('Problem') } } }, 'Saved'), headers: etagHeader },
            '412': error('PreconditionFailed: the flow changed since it was read; nothing was written'),
            '422': error('InvalidFlowDocument: the body is not a flow; details lists the problems'),
            ...common,
          },
        },
        delete: { summary: 'Delete a flow', responses: { '204': { description: 'Deleted' }, '404': error('No such flow'), '412': error('Stale If-Match'), ...common } },
      },
      '/api/flows/{name}/rename': {
        parameters: [pathParam('name', 'Flow name')],
        post: {
          summary: 'Rename a flow',
          requestBody: body({ type: 'object', required: ['newName'], properties: { newName: { type: 'string' } } }),
          responses: { '200': json({ type: 'object', properties: { name: { type: 'string' } } }, 'Renamed'), '404': error('No such flow'), '409': error('FlowExists'), ...common },
        },
      },
      '/api/flows/{name}/duplicate': {
        parameters: [pathParam('name', 'Flow name')],
        post: {
          summary: 'Copy a flow under a new name',
          requestBody: body({ type: 'object', required: ['newName'], properties: { newName: { type: 'string' } } }),
          responses: { '201': json({ type: 'object', properties: { name: { type: 'string' } } }, 'Copied'), '404': error('No such flow'), '409': error('FlowExists'), ...common },
        },
      },
      '/api/flows/{name}/runs': {
        parameters: [pathParam('name', 'Flow name')],
        post: {
          summary: 'Run a flow and wait for its result',
          requestBody: body({ type: 'object', properties: { parameters: { type: 'object' } } }),
          responses: { '200': json(ref('RunRecord'), 'The finished run'), '404': error('No such flow'), '422': error('FlowHasProblems: details lists them'), '503': error('ShuttingDown'), ...common },
        },
      },
      '/api/runs': {
        get: {
          summary: 'Run history, newest first',
          parameters: [
            query('flow', { type: 'string' }, 'Only runs of this flow'),
            query('status', { enum: ['running', 'succeeded', 'failed'] }, 'Only runs in this status'),
            query('limit', { type: 'integer', minimum: 1, maximum: 500, default: 50 }, 'Page size'),
            query('before', { type: 'string' }, 'The next value of the previous page'),
          ],
          responses: { '200': json({ type: 'object', properties: { runs: { type: 'array', items: ref('RunSummary') }, next: { type: 'string' } } }, 'A page of runs'), ...common },
        },
      },
      '/api/runs/{id}': { parameters: [pathParam('id', 'Run id')], get: { summary: 'One run with log and trace', responses: { '200': json(ref('RunRecord'), 'The run'), '404': error('No such run'), ...common } } },
      '/api/constants': { get: { summary: 'List constants (secret values are never returned)', responses: { '200': json({ type: 'object', properties: { constants: { type: 'array', items: ref('Constant') } } }, 'Constants'), ...common } } },
      '/api/constants/{name}': {
        parameters: [pathParam('name', 'Constant name, Module.Name')],
        put: {
          summary: 'Set a constant (secret values go to secrets.json)',
          requestBody: body({ type: 'object', required: ['value'], properties: { value: {}, secret: { type: 'boolean' } } }),
          responses: { '200': json(ref('Constant'), 'The constant'), ...common },
        },
        delete: { summary: 'Remove a constant', responses: { '204': { description: 'Removed' }, '404': error('No such constant'), ...common } },
      },
      '/api/inbox': {
        get: {
          summary: 'Received events, newest first',
          parameters: [query('status', { enum: ['pending', 'routed', 'unrouted', 'done', 'dead'] }, 'Only events in this status'), query('limit', { type: 'integer', minimum: 1, maximum: 500, default: 100 }, 'At most this many')],
          responses: { '200': json({ type: 'object', properties: { events: { type: 'array', items: ref('InboxEvent') } } }, 'Events'), ...common },
        },
      },
      '/api/inbox/{id}': { parameters: [pathParam('id', 'Event id')], get: { summary: 'One event with its envelope', responses: { '200': json(ref('InboxEvent'), 'The event'), '404': error('No such event'), ...common } } },
      '/api/inbox/replay': {
        post: {
          summary: 'Queue unrouted, done or dead events for dispatch again',
          requestBody: body({ type: 'object', required: ['ids'], properties: { ids: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 500 } } }),
          responses: {
            '200': json({ type: 'object', properties: { replayed: { type: 'array', items: { type: 'string' } }, skipped: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, reason: { type: 'string' } } } } } }, 'What was queued'),
            ...common,
          },
        },
      },
      '/api/stream': {
        get: {
          summary: 'Server-sent events: run.started, run.step, run.log, run.finished (data: run summary or step), inbox.changed (data: {ids, status?})',
          description: 'EventSource cannot send headers: with an admin token, pass it as ?access_token=.',
          responses: { '200': { description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...common },
        },
      },
      '/api/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3 document' } } } },
      '/api/info': {
        get: {
          summary: 'How this server runs: mode (development or production), readOnly (flows and constants cannot be changed: the editor shows them read-only), version, storage (embedded SQLite or shared PostgreSQL)',
          responses: { '200': json({ type: 'object', properties: { mode: { type: 'string', enum: ['development', 'production'] }, readOnly: { type: 'boolean' }, version: { type: 'string' }, storage: { type: 'string', enum: ['embedded', 'shared'] } } }, 'Server info'), ...common },
        },
      },
      '/api/health': { get: { summary: 'Process up (same as /healthz)', responses: { '200': json({ type: 'object', properties: { status: { type: 'string' } } }, 'Up') } } },
      '/healthz': { get: { security: [], summary: 'Process up', responses: { '200': json({ type: 'object' }, 'Up') } } },
      '/readyz': { get: { security: [], summary: 'Storage answers and after-startup flows are done', responses: { '200': json({ type: 'object' }, 'Ready'), '503': json({ type: 'object' }, 'Not ready, with the reasons') } } },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { '200': { description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } } } } },
    },
  };
}
