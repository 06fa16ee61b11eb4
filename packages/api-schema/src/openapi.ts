/** Generates the OpenAPI 3.1 document from the route table (served at `GET /api/openapi.json`). */
import { z } from 'zod';
import { routes, type RouteSpec } from './route-table.js';

type Json = Record<string, unknown>;

/** `/api/flows/:name` → `/api/flows/{name}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/**
 * Converts all schemas of one direction in one pass, so schemas with a meta `id` become shared
 * components instead of copies.
 */
function convert(parts: Record<string, z.ZodType>, io: 'input' | 'output'): { schemas: Record<string, Json>; components: Record<string, Json> } {
  const all = z.toJSONSchema(z.object(parts), {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    reused: 'inline',
  }) as { properties?: Record<string, Json>; $defs?: Record<string, Json> };
  const relink = (value: unknown): unknown => JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/'));
  const components: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(all.$defs ?? {})) components[id] = relink(schema) as Json;
  const schemas: Record<string, Json> = {};
  for (const [key, schema] of Object.entries(all.properties ?? {})) {
    const { $schema: _drop, ...rest } = relink(schema) as Json;
    schemas[key] = rest;
  }
  return { schemas, components };
}

function parameters(spec: RouteSpec, where: 'path' | 'query', schema: Json | undefined): Json[] {
  if (!schema) return [];
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || (required.has(name) && !('default' in rest)),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

/**
 * Builds the document; `version` is the server's package version, `extraRoutes` the routes of the
 * endpoints installed connectors declare (see `eventEndpointRoute`), keyed by operation id.
 */
export function openApiDocument(version: string, extraRoutes: Readonly<Record<string, RouteSpec>> = {}): Json {
  const inputs: Record<string, z.ZodType> = {};
  const outputs: Record<string, z.ZodType> = {};
  const table: Record<string, RouteSpec> = { ...(routes as Record<string, RouteSpec>), ...extraRoutes };
  for (const [id, spec] of Object.entries(table)) {
    if (spec.params) inputs[`${id}.params`] = spec.params;
    if (spec.query) inputs[`${id}.query`] = spec.query;
    if (spec.body) inputs[`${id}.body`] = spec.body;
    for (const [status, response] of Object.entries(spec.responses)) if (response.schema) outputs[`${id}.${status}`] = response.schema;
  }
  const request = convert(inputs, 'input');
  const response = convert(outputs, 'output');

  const paths: Record<string, Record<string, Json>> = {};
  for (const [id, spec] of Object.entries(table)) {
    const operation: Json = { operationId: id, summary: spec.summary };
    if (spec.description) operation.description = spec.description;
    if (spec.tags) operation.tags = spec.tags;
    if (spec.secured === false || !spec.path.startsWith('/api') && spec.path !== '/metrics') operation.security = [];
    const params = [
      ...parameters(spec, 'path', request.schemas[`${id}.params`]),
      ...parameters(spec, 'query', request.schemas[`${id}.query`]),
      ...Object.entries(spec.headers ?? {}).map(([name, description]) => ({ name, in: 'header', required: false, description, schema: { type: 'string' } })),
    ];
    if (params.length > 0) operation.parameters = params;
    const body = request.schemas[`${id}.body`];
    if (body) operation.requestBody = { required: true, content: { 'application/json': { schema: body } } };
    const answers: Json = {};
    for (const [status, answer] of Object.entries(spec.responses)) {
      const schema = response.schemas[`${id}.${status}`];
      answers[status] = {
        description: answer.description,
        ...(schema ? { content: { [answer.contentType ?? 'application/json']: { schema } } } : {}),
        ...(answer.headers ? { headers: Object.fromEntries(Object.entries(answer.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }])) } : {}),
      };
    }
    if (spec.path.startsWith('/api')) {
      const common: Record<string, string> = { 400: 'Bad input: error names the part (InvalidQuery, InvalidBody, ...) and message the field', 401: 'Admin token missing or wrong', 415: 'Not application/json', 421: 'Host name not allowed' };
      for (const [status, description] of Object.entries(common)) {
        answers[status] ??= { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
      }
    }
    operation.responses = answers;
    (paths[openApiPath(spec.path)] ??= {})[spec.method] = operation;
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Flowbridge HTTP API',
      version,
      description:
        'Flows, runs, constants, the event inbox and live updates under /api, plus the probes, /metrics and the event endpoints of the installed connectors. ' +
        'On a non-loopback bind every /api request and /metrics need "Authorization: Bearer <FLOWBRIDGE_ADMIN_TOKEN>". ' +
        'State-changing /api requests must be application/json. Errors are {error, message, details?}.',
    },
    components: { securitySchemes: { adminToken: { type: 'http', scheme: 'bearer' } }, schemas: { ...request.components, ...response.components } },
    security: [{ adminToken: [] }],
    paths,
  };
}
